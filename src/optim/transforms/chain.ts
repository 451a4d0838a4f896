/**
 * chain(t₁, …, t_k) — runs transformations one after another: the updates leaving tᵢ enter tᵢ₊₁.
 *   state = [state₁, …, state_k]
 * e.g. SGD with momentum is chain(addWeightDecay(λ), trace(μ), scaleByLearningRate(η)).
 */
import type { GradientTransformation, TransformState } from './types.js';

export function chain(...transforms: GradientTransformation[]): GradientTransformation<TransformState[]> {
  transforms.forEach((t, i) => {
    if (t === null || typeof t !== 'object' || typeof t.init !== 'function' || typeof t.update !== 'function') {
      throw new Error(`chain: argument ${i} is not a gradient transformation (an object with init and update)`);
    }
  });
  return {
    init: (params) => transforms.map((t) => t.init(params)),
    update(updates, state, params) {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        throw new Error(`chain: expected a state array of length ${transforms.length} (one entry per transformation), got ${Array.isArray(state) ? `length ${state.length}` : typeof state}`);
      }
      let u = [...updates];
      const next: TransformState[] = [];
      transforms.forEach((t, i) => {
        const r = t.update(u, state[i], params);
        u = r.updates;
        next.push(r.state);
      });
      return { updates: u, state: next };
    },
  };
}

/**
 * addL1(λ) — the (sub)gradient of λ·‖w‖₁ added to the gradient, pushing weights towards exact
 * zeros (deck 000, "L1-norm: sparse solution"):
 *   u ← u + λ·sign(w)          (sign(0) = 0)
 * Stateless; λ = 0 is the identity.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkNumber, needParams } from './util.js';

export function addL1(l1: number): GradientTransformation<EmptyState> {
  checkNumber('addL1', 'l1', l1, { min: 0 });
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (l1 === 0) return { updates: [...updates], state };
      const ps = needParams('addL1', updates, params);
      return { updates: noGrad(() => updates.map((g, i) => g.add(ps[i]!.sign(), l1))), state };
    },
  };
}

/**
 * weightNoise(σ, {generator}) — Gaussian perturbation of the weights during training (deck 000,
 * "noise in parameters"), seeded:
 *   u ← u + σ·ε,   ε ~ N(0, I) drawn from the transformation's own generator state
 * so after applyUpdates every weight has moved by an extra N(0, σ²) step. Put it last in a chain
 * (after scaleByLearningRate) so σ is in weight units.
 *
 * The state is the generator's plain state ({rng: GeneratorState}): init() snapshots
 * `generator` (without advancing it) and every update continues from the saved state, so the
 * noise is reproducible, survives serializeState, and the same seed gives the same noise. Two
 * transformations built from one generator in the same state draw the same noise; use
 * generator.split() to get independent streams.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { Generator, type GeneratorState } from '../../random/generator.js';
import { randn } from '../../tensor/creation.js';
import { isFloating } from '../../tensor/dtype.js';
import type { GradientTransformation } from './types.js';
import { checkKeys, checkNumber } from './util.js';

export interface WeightNoiseOptions {
  /** Where the noise comes from (required: randomness in nabla is always explicit). */
  generator: Generator;
}

export interface WeightNoiseState {
  rng: GeneratorState;
}

export function weightNoise(std: number, options: WeightNoiseOptions): GradientTransformation<WeightNoiseState> {
  checkNumber('weightNoise', 'std', std, { min: 0 });
  if (options === undefined || !(options.generator instanceof Generator)) {
    throw new Error('weightNoise: options.generator must be an nb.Generator (e.g. {generator: new nb.Generator(seed)})');
  }
  checkKeys('weightNoise', options, ['generator']);
  const start = options.generator.getState();
  return {
    init: () => ({ rng: { ...start, counter: [...start.counter], buffer: [...start.buffer] } }),
    update(updates, state) {
      const gen = new Generator(0).setState(state.rng);
      const out = noGrad(() =>
        updates.map((u) => u.add(randn(u.shape, { dtype: isFloating(u.dtype) ? u.dtype : 'float32', generator: gen }), std)),
      );
      return { updates: out, state: { rng: gen.getState() } };
    },
  };
}

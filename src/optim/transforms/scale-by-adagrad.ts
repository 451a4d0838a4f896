/**
 * scaleByAdagrad({eps, initialAccumulatorValue}) — AdaGrad's per-coordinate scaling.
 *
 * Deck 002/003 ("AdaGrad"):  G_{t+1} = G_t + (∇f)²,  W_{t+1} = W_t − λ/√(G_t + ε) · ∇f.
 * PyTorch (and nabla) add ε outside the root:
 *   s_t = s_{t−1} + g_t²          (s₀ = initialAccumulatorValue)
 *   u_t = g_t / (√s_t + ε)
 * The learning rate, and Adagrad's lr decay η/(1 + (t−1)·lrDecay), come from
 * scaleByLearningRate. State: {sum: Tensor[]}.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { fullLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkKeys, checkNumber } from './util.js';

export interface ScaleByAdagradOptions {
  eps?: number;
  initialAccumulatorValue?: number;
}

export interface ScaleByAdagradState {
  sum: Tensor[];
}

export function scaleByAdagrad(options: ScaleByAdagradOptions = {}): GradientTransformation<ScaleByAdagradState> {
  checkKeys('scaleByAdagrad', options, ['eps', 'initialAccumulatorValue']);
  const { eps = 1e-10, initialAccumulatorValue = 0 } = options;
  checkNumber('scaleByAdagrad', 'eps', eps, { min: 0 });
  checkNumber('scaleByAdagrad', 'initialAccumulatorValue', initialAccumulatorValue, { min: 0 });
  return {
    init: (params) => ({ sum: params.map((p) => fullLike(p, initialAccumulatorValue)) }),
    update: (updates, state) =>
      noGrad(() => {
        const sum = updates.map((g, i) => state.sum[i]!.add(g.mul(g)));
        return { updates: updates.map((g, i) => g.div(sum[i]!.sqrt().add(eps))), state: { sum } };
      }),
  };
}

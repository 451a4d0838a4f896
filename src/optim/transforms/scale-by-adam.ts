/**
 * scaleByAdam({betas, eps, amsgrad}) — Adam's bias-corrected moment ratio.
 *
 * Deck 000 ("Adam"), with t counting from 1:
 *   s_t = β₁·s_{t−1} + (1 − β₁)·g_t              (first moment)
 *   r_t = β₂·r_{t−1} + (1 − β₂)·g_t²             (second moment)
 *   ŝ_t = s_t / (1 − β₁ᵗ),  r̂_t = r_t / (1 − β₂ᵗ)  (bias correction)
 *   u_t = ŝ_t / (√r̂_t + δ)                       θ_{t+1} = θ_t − ε·u_t after scaleByLearningRate
 * AMSGrad ("On the Convergence of Adam and Beyond") replaces r_t by the running maximum
 * r^max_t = max(r^max_{t−1}, r_t) in the denominator. Defaults β = (0.9, 0.999), δ = 1e-8.
 * State: {count, mu, nu, nuMax} (nuMax is null unless amsgrad).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { adamMoments, maximum } from '../../ops/index.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkBetas, checkKeys, checkNumber } from './util.js';

export interface ScaleByAdamOptions {
  betas?: [number, number];
  eps?: number;
  amsgrad?: boolean;
}

export interface ScaleByAdamState {
  count: number;
  mu: Tensor[];
  nu: Tensor[];
  nuMax: Tensor[] | null;
}

export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  checkKeys('scaleByAdam', options, ['betas', 'eps', 'amsgrad']);
  const { eps = 1e-8, amsgrad = false } = options;
  const [b1, b2] = checkBetas('scaleByAdam', options.betas ?? [0.9, 0.999]);
  checkNumber('scaleByAdam', 'eps', eps, { min: 0 });
  return {
    init: (params) => ({
      count: 0,
      mu: params.map((p) => zerosLike(p)),
      nu: params.map((p) => zerosLike(p)),
      nuMax: amsgrad ? params.map((p) => zerosLike(p)) : null,
    }),
    update: (updates, state) =>
      noGrad(() => {
        const count = state.count + 1;
        const bc1 = 1 - b1 ** count;
        const bc2Sqrt = Math.sqrt(1 - b2 ** count);
        if (!amsgrad) {
          // one pass per parameter where the backend has a fused kernel (bit-identical)
          const r = updates.map((g, i) => adamMoments(g, state.mu[i]!, state.nu[i]!, { beta1: b1, beta2: b2, bc1, bc2Sqrt, eps }));
          return { updates: r.map((x) => x.update), state: { count, mu: r.map((x) => x.mu), nu: r.map((x) => x.nu), nuMax: null } };
        }
        const mu = updates.map((g, i) => state.mu[i]!.mul(b1).add(g, 1 - b1));
        const nu = updates.map((g, i) => state.nu[i]!.mul(b2).add(g.mul(1 - b2).mul(g)));
        let nuMax = state.nuMax;
        if (amsgrad) {
          const prev = nuMax;
          nuMax = nu.map((v, i) => (prev === null ? v : maximum(prev[i]!, v)));
        }
        const second = amsgrad ? nuMax! : nu;
        const out = mu.map((m, i) => m.div(bc1).div(second[i]!.sqrt().div(bc2Sqrt).add(eps)));
        return { updates: out, state: { count, mu, nu, nuMax } };
      }),
  };
}

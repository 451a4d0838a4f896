/**
 * scaleByAdamax({betas, eps}) — Adam with the infinity norm (Kingma & Ba, section 7.1):
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t
 *   n_t = max(β₂·n_{t−1}, |g_t| + ε)          (PyTorch puts ε inside the max)
 *   u_t = m_t / ((1 − β₁ᵗ)·n_t)
 * State: {count, mu, nu} (nu is PyTorch's exp_inf).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { maximum } from '../../ops/index.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkBetas, checkKeys, checkNumber } from './util.js';

export interface ScaleByAdamaxOptions {
  betas?: [number, number];
  eps?: number;
}

export interface ScaleByAdamaxState {
  count: number;
  mu: Tensor[];
  nu: Tensor[];
}

export function scaleByAdamax(options: ScaleByAdamaxOptions = {}): GradientTransformation<ScaleByAdamaxState> {
  checkKeys('scaleByAdamax', options, ['betas', 'eps']);
  const { eps = 1e-8 } = options;
  const [b1, b2] = checkBetas('scaleByAdamax', options.betas ?? [0.9, 0.999]);
  checkNumber('scaleByAdamax', 'eps', eps, { min: 0 });
  return {
    init: (params) => ({ count: 0, mu: params.map((p) => zerosLike(p)), nu: params.map((p) => zerosLike(p)) }),
    update: (updates, state) =>
      noGrad(() => {
        const count = state.count + 1;
        const bc1 = 1 - b1 ** count;
        const mu = updates.map((g, i) => state.mu[i]!.mul(b1).add(g, 1 - b1));
        const nu = updates.map((g, i) => maximum(state.nu[i]!.mul(b2), g.abs().add(eps)));
        return { updates: mu.map((m, i) => m.div(bc1).div(nu[i]!)), state: { count, mu, nu } };
      }),
  };
}

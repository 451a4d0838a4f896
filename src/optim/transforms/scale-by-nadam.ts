/**
 * scaleByNadam({betas, eps, momentumDecay}) — Adam with Nesterov momentum (Dozat 2016), in the
 * form PyTorch uses, with its momentum schedule μ_t:
 *   μ_t   = β₁·(1 − ½·0.96^{t·ψ}),   μ_{t+1} = β₁·(1 − ½·0.96^{(t+1)·ψ})     (ψ = momentumDecay)
 *   Π_t   = Π_{t−1}·μ_t                                                       (Π₀ = 1)
 *   m_t   = β₁·m_{t−1} + (1 − β₁)·g_t,   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²
 *   d_t   = √(v_t / (1 − β₂ᵗ)) + ε
 *   u_t   = (1 − μ_t)/(1 − Π_t) · g_t/d_t  +  μ_{t+1}/(1 − Π_t·μ_{t+1}) · m_t/d_t
 * Deck 004 writes the same idea as θ_{t+1} = θ_t − η/√(V̂_t + ε)·(β₁·m̂_t + (1 − β₁)·g_t/(1 − β₁ᵗ)):
 * the m_{t−1} of Adam's update replaced by the look-ahead m_t.
 * Note: PyTorch ≤ 1.13 multiplied μ_t into Π a second time in the last denominator; PyTorch 2.0
 * fixed that (pytorch/pytorch#92699) and nabla follows the fixed formula above.
 * State: {count, muProduct, mu, nu}.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkBetas, checkKeys, checkNumber } from './util.js';

export interface ScaleByNadamOptions {
  betas?: [number, number];
  eps?: number;
  momentumDecay?: number;
}

export interface ScaleByNadamState {
  count: number;
  muProduct: number;
  mu: Tensor[];
  nu: Tensor[];
}

export function scaleByNadam(options: ScaleByNadamOptions = {}): GradientTransformation<ScaleByNadamState> {
  checkKeys('scaleByNadam', options, ['betas', 'eps', 'momentumDecay']);
  const { eps = 1e-8, momentumDecay = 4e-3 } = options;
  const [b1, b2] = checkBetas('scaleByNadam', options.betas ?? [0.9, 0.999]);
  checkNumber('scaleByNadam', 'eps', eps, { min: 0 });
  checkNumber('scaleByNadam', 'momentumDecay', momentumDecay, { min: 0 });
  return {
    init: (params) => ({ count: 0, muProduct: 1, mu: params.map((p) => zerosLike(p)), nu: params.map((p) => zerosLike(p)) }),
    update: (updates, state) =>
      noGrad(() => {
        const count = state.count + 1;
        const bc2 = 1 - b2 ** count;
        const muT = b1 * (1 - 0.5 * 0.96 ** (count * momentumDecay));
        const muNext = b1 * (1 - 0.5 * 0.96 ** ((count + 1) * momentumDecay));
        const muProduct = state.muProduct * muT;
        const cg = (1 - muT) / (1 - muProduct);
        const cm = muNext / (1 - muProduct * muNext);
        const mu = updates.map((g, i) => state.mu[i]!.mul(b1).add(g, 1 - b1));
        const nu = updates.map((g, i) => state.nu[i]!.mul(b2).add(g.mul(1 - b2).mul(g)));
        const out = updates.map((g, i) => {
          const d = nu[i]!.div(bc2).sqrt().add(eps);
          return g.mul(cg).div(d).add(mu[i]!.mul(cm).div(d));
        });
        return { updates: out, state: { count, muProduct, mu, nu } };
      }),
  };
}

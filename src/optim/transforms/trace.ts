/**
 * trace(μ, {dampening τ, nesterov}) — momentum, exactly as PyTorch's SGD keeps it.
 *
 * Deck 000 ("SGD with momentum"):  v ← α·v + g,  θ ← θ − ε·v. Here μ plays α:
 *   first step     b₁ = g₁                          (the buffer starts as a copy of the gradient)
 *   later steps    b_t = μ·b_{t−1} + (1 − τ)·g_t
 *   output         u_t = b_t                         (heavy ball)
 *                  u_t = g_t + μ·b_t                 (nesterov: the gradient at the look-ahead
 *                                                    point θ − ε·v, rewritten in terms of θ)
 * μ = 0 is the identity and keeps no buffer. Nesterov needs μ > 0 and τ = 0.
 * State: {buffer: Tensor[] | null} — null until the first step with μ > 0 (PyTorch's
 * momentum_buffer = None).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkKeys, checkNumber } from './util.js';

export interface TraceOptions {
  dampening?: number;
  nesterov?: boolean;
}

export interface TraceState {
  buffer: Tensor[] | null;
}

export function trace(momentum: number, options: TraceOptions = {}): GradientTransformation<TraceState> {
  checkKeys('trace', options, ['dampening', 'nesterov']);
  const { dampening = 0, nesterov = false } = options;
  checkNumber('trace', 'momentum', momentum, { min: 0 });
  checkNumber('trace', 'dampening', dampening);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new Error(`trace: Nesterov momentum requires a momentum > 0 and zero dampening, got momentum=${momentum}, dampening=${dampening}`);
  }
  return {
    init: () => ({ buffer: null }),
    update(updates, state) {
      if (momentum === 0) return { updates: [...updates], state };
      return noGrad(() => {
        const prev = state.buffer;
        const buffer = updates.map((g, i) => (prev === null ? g.clone() : prev[i]!.mul(momentum).add(g, 1 - dampening)));
        const out = nesterov ? updates.map((g, i) => g.add(buffer[i]!, momentum)) : buffer;
        return { updates: out, state: { buffer } };
      });
    },
  };
}

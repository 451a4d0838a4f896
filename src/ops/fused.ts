/**
 * Fused update ops for optimizers. Each is defined by its composite of ordinary ops (the
 * reference); a backend may provide a one-pass kernel that performs the same float32 operations
 * in the same order, so both paths give bit-identical results (test/optim/fused.test.ts).
 * Not differentiable: optimizers run them under noGrad.
 */
import type { AdamScalars } from '../backends/backend.js';
import { sameShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { backendOf, fromStorage, viewOf } from './core.js';

export type { AdamScalars };

/**
 * Adam's moments and direction: mu' = β₁·mu + (1−β₁)·g, nu' = β₂·nu + (1−β₂)·g², and
 * u = (mu'/bc1) / (√nu'/bc2Sqrt + eps), where bc1 = 1 − β₁ᵗ and bc2Sqrt = √(1 − β₂ᵗ).
 */
export function adamMoments(g: Tensor, mu: Tensor, nu: Tensor, s: AdamScalars): { mu: Tensor; nu: Tensor; update: Tensor } {
  const b = backendOf('adamMoments', g, mu, nu);
  const fast = b.adamMoments !== undefined && [g, mu, nu].every((t) => t.dtype === 'float32' && t.isContiguous() && sameShape(t.shape, g.shape));
  if (fast) {
    const r = b.adamMoments!(viewOf(g), viewOf(mu), viewOf(nu), s);
    return { mu: fromStorage(r.mu, g.shape), nu: fromStorage(r.nu, g.shape), update: fromStorage(r.update, g.shape) };
  }
  const m = mu.mul(s.beta1).add(g, 1 - s.beta1);
  const v = nu.mul(s.beta2).add(g.mul(1 - s.beta2).mul(g));
  return { mu: m, nu: v, update: m.div(s.bc1).div(v.sqrt().div(s.bc2Sqrt).add(s.eps)) };
}

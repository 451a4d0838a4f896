/**
 * Shape rules shared by the heteroscedastic losses (GaussianNLLLoss's var, LaplaceNLLLoss's
 * scale), PyTorch's gaussian_nll_loss rules: the spread has the input's shape (one per element),
 * or the input's shape with the last dim 1 or dropped (one per sample, shared across features).
 */
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { assertFloat, minValue } from './common.js';

export function spreadLike(owner: string, arg: string, input: Tensor, spread: unknown): Tensor {
  const s = assertFloat(owner, arg, spread);
  const same = (a: readonly number[], b: readonly number[]): boolean => shapeStr(a) === shapeStr(b);
  if (same(s.shape, input.shape)) return s;
  if (input.ndim > 0 && same(s.shape, input.shape.slice(0, -1))) return s.unsqueeze(-1);
  if (input.ndim > 0 && s.ndim === input.ndim && same(s.shape.slice(0, -1), input.shape.slice(0, -1)) && s.shape[s.ndim - 1] === 1) return s;
  throw new Error(
    `${owner}: ${arg} shape ${shapeStr(s.shape)} does not fit input shape ${shapeStr(input.shape)} ` +
      `(expected ${shapeStr(input.shape)}, or the input's shape with the last dim 1 or dropped)`,
  );
}

/** target must have the input's shape, or that shape with some dims 1 (broadcast, as PyTorch allows). */
export function checkTargetLike(owner: string, input: Tensor, target: unknown): Tensor {
  const t = assertFloat(owner, 'target', target);
  const ok = t.ndim === input.ndim && t.shape.every((s, i) => s === input.shape[i] || s === 1);
  if (!ok) {
    throw new Error(`${owner}: target shape ${shapeStr(t.shape)} does not match input shape ${shapeStr(input.shape)}`);
  }
  return t;
}

/** Throws when some entry is negative (or NaN), naming the argument. */
export function checkNonNegative(owner: string, arg: string, t: Tensor): void {
  const m = minValue(t);
  if (m < 0 || Number.isNaN(m)) throw new Error(`${owner}: ${arg} has negative or NaN entries (smallest ${m}); it must be >= 0`);
}

/**
 * max(t, eps) in value, but with the gradient of t everywhere — PyTorch clamps var in place under
 * no_grad, so gradients pass through the clamp. (t − t.detach()) is exactly 0, so the forward
 * value is exactly the clamped one.
 */
export function clampStraightThrough(t: Tensor, eps: number): Tensor {
  const d = t.detach();
  return t.sub(d).add(d.clamp(eps));
}

/**
 * Reductions. sum and max/min are primitives with VJPs; mean, var, std, logsumexp, softmax and
 * logSoftmax are compositions and have no backward code of their own.
 */
import { kernel, type ReduceOp } from '../backends/backend.js';
import { isFloating, toFloating } from '../tensor/dtype.js';
import { normalizeDim, normalizeDims, numel } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { backendOf, fromStorage, record, viewOf } from './core.js';
import { where } from './elementwise.js';

type Dims = number | readonly number[] | undefined;

function keptShape(shape: readonly number[], dims: readonly number[]): number[] {
  return shape.map((s, i) => (dims.includes(i) ? 1 : s));
}

function reduceKernel(op: ReduceOp, x: Tensor, dims: number[], keepdim: boolean, outDtype = x.dtype): Tensor {
  const storage = kernel(backendOf(op, x), 'reduce')(op, viewOf(x), dims, outDtype);
  const shape = keepdim ? keptShape(x.shape, dims) : x.shape.filter((_, i) => !dims.includes(i));
  return fromStorage(storage, shape);
}

export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims('sum', dim, x.ndim);
  const outDtype = isFloating(x.dtype) ? x.dtype : 'int32';
  const out = reduceKernel('sum', x, dims, keepdim, outDtype);
  return record(out, 'sum', [x], (g) => [g.reshape(keptShape(x.shape, dims)).expand(x.shape)]);
}

export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims('mean', dim, x.ndim);
  const n = numel(dims.map((d) => x.shape[d]!));
  const xf = isFloating(x.dtype) ? x : x.to(toFloating(x.dtype));
  return sum(xf, dims, keepdim).div(n);
}

/**
 * Largest value over dims (all dims when omitted). The gradient is shared evenly between tied
 * maxima, like torch.amax; PyTorch's max(dim) instead picks one index — identical without ties.
 */
export function max(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremum('max', x, dim, keepdim);
}

export function min(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremum('min', x, dim, keepdim);
}

function extremum(op: 'max' | 'min', x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const dims = normalizeDims(op, dim, x.ndim);
  if (x.numel() === 0) throw new Error(`${op}: cannot reduce an empty tensor (shape [${x.shape.join(',')}])`);
  const out = reduceKernel(op, x, dims, keepdim);
  return record(out, op, [x], (g) => {
    const kept = keptShape(x.shape, dims);
    const hit = x.eq(out.reshape(kept)).to(g.dtype);
    const share = hit.div(hit.sum(dims, true));
    return [g.reshape(kept).mul(share)];
  });
}

function argReduce(op: 'argmax' | 'argmin', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  if (x.numel() === 0) throw new Error(`${op}: cannot reduce an empty tensor`);
  if (dim === undefined) {
    const out = reduceKernel(op, x.reshape([-1]), [0], false, 'int32');
    return keepdim ? out.reshape(x.shape.map(() => 1)) : out;
  }
  const d = normalizeDim(op, dim, x.ndim);
  return reduceKernel(op, x, x.ndim === 0 ? [] : [d], keepdim, 'int32');
}

/** Index of the largest value along dim (over the flattened tensor when dim is omitted). */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argReduce('argmax', x, dim, keepdim);
}

export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argReduce('argmin', x, dim, keepdim);
}

export interface VarOptions {
  /** Subtracted from the count in the denominator: 1 = unbiased (PyTorch's default), 0 = biased. */
  correction?: number;
  keepdim?: boolean;
}

/** Variance Σ(x − mean)² / (N − correction), composed from mean and sum. */
export function variance(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  return varianceAs('var', x, dim, options);
}

function varianceAs(op: string, x: Tensor, dim: Dims, options: VarOptions): Tensor {
  const { correction = 1, keepdim = false } = options;
  const dims = normalizeDims(op, dim, x.ndim);
  const n = numel(dims.map((d) => x.shape[d]!));
  const xf = isFloating(x.dtype) ? x : x.to('float32');
  const centered = xf.sub(mean(xf, dims, true));
  return sum(centered.square(), dims, keepdim).div(Math.max(0, n - correction));
}

export function std(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  // gradient 0 (not NaN) where the variance is 0, as PyTorch's std_backward
  const v = varianceAs('std', x, dim, options);
  const zero = v.eq(0);
  return where(zero, 0, where(zero, 1, v).sqrt());
}

/** log Σ exp(x), shifted by the (detached) max so it neither overflows nor underflows. */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const dims = normalizeDims('logsumexp', dim, x.ndim);
  const xf = isFloating(x.dtype) ? x : x.to('float32');
  const m0 = max(xf.detach(), dims, true);
  const m = where(m0.isFinite(), m0, 0); // all −∞ rows give −∞, not NaN
  const out = sum(xf.sub(m).exp(), dims, true).log().add(m);
  return keepdim ? out : out.squeeze(dims);
}

export interface SoftmaxOptions {
  /** Divides the logits first: T > 1 flattens the distribution, T < 1 sharpens it (deck 000). */
  temperature?: number;
}

function scaled(x: Tensor, options: SoftmaxOptions, op: string): Tensor {
  const t = options.temperature ?? 1;
  if (!(t > 0)) throw new Error(`${op}: temperature must be > 0, got ${t}`);
  const xf = isFloating(x.dtype) ? x : x.to('float32');
  return t === 1 ? xf : xf.div(t);
}

export function softmax(x: Tensor, dim: number, options: SoftmaxOptions = {}): Tensor {
  const d = normalizeDim('softmax', dim, x.ndim);
  const z = scaled(x, options, 'softmax');
  const e = z.sub(max(z.detach(), d, true)).exp();
  return e.div(sum(e, d, true));
}

export function logSoftmax(x: Tensor, dim: number, options: SoftmaxOptions = {}): Tensor {
  const d = normalizeDim('logSoftmax', dim, x.ndim);
  const z = scaled(x, options, 'logSoftmax');
  return z.sub(logsumexp(z, d, true));
}

/**
 * Vector p-norm over dims (all when omitted): p = 1, 2, Infinity or any p > 0. The gradient at
 * an all-zero input is 0 (the subgradient PyTorch picks), not NaN.
 */
export function norm(x: Tensor, p: number = 2, dim?: Dims, keepdim = false): Tensor {
  if (!(p > 0)) throw new Error(`norm: p must be > 0 (or Infinity), got ${p}`);
  const dims = normalizeDims('norm', dim, x.ndim);
  const a = x.abs();
  if (p === Infinity) return max(a, dims, keepdim);
  if (p === 1) return sum(a, dims, keepdim);
  // |x|^p summed, then the 1/p root; safe at zero by substituting 1 where the sum is zero.
  const s = sum(a.pow(p), dims, true);
  const zero = s.eq(0);
  const root = where(zero, 0, where(zero, 1, s).pow(1 / p));
  return keepdim ? root : root.squeeze(dims);
}

/**
 * The narrow contract between nabla's ops and a compute backend.
 *
 * A backend owns storage (a flat buffer of one dtype) and runs kernels over strided views of it.
 * Every kernel returns fresh contiguous storage, except `assign` and `scatterAdd`, which write
 * into storage the op layer has just allocated (or that an in-place method owns). The op layer
 * (src/ops) does all shape checking, broadcasting (as stride-0 views), dtype promotion and
 * autograd; a backend only computes. Inputs to `binary`/`unary` already have the compute dtype
 * (the op layer casts first); comparisons write bool.
 *
 * A backend may leave kernels out: `kernel()` then throws an error naming the op and the backend,
 * so a fast backend can grow kernel by kernel and is always tested against the reference one.
 */
import type { DType, TypedArray } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';

export interface Storage {
  readonly backend: Backend;
  readonly dtype: DType;
  readonly length: number;
  /**
   * Bumped by every in-place write. Graph nodes remember the versions of the tensors they saved,
   * so backward can refuse to use values that were modified after the forward pass.
   */
  version: number;
}

/** A strided window onto storage: element i (multi-index) sits at offset + Σ index·stride. */
export interface StridedView {
  readonly storage: Storage;
  readonly shape: Shape;
  readonly strides: Shape;
  readonly offset: number;
}

export type UnaryOp =
  | 'copy' | 'neg' | 'abs' | 'sign' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'rsqrt'
  | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'relu' | 'square' | 'reciprocal' | 'floor' | 'ceil'
  | 'round' | 'isfinite' | 'isnan' | 'logicalNot' | 'erf';

export type BinaryOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'logicalAnd' | 'logicalOr';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin';

export interface Window2d {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** Output spatial size, computed by the op layer ((N + 2·pad − dil·(K−1) − 1)/stride + 1). */
  readonly outSize: readonly [number, number];
}

export interface Kernels {
  /** Copies a typed array into new storage of the array's dtype. */
  fromArray(data: TypedArray): Storage;
  /** New storage of n elements, all equal to value. */
  full(dtype: DType, n: number, value: number): Storage;
  /** Contiguous copy of a view's elements, row-major, as a typed array of the storage dtype. */
  read(x: StridedView): TypedArray;
  /** Elementwise op; output has x.shape and outDtype (casting rules of a typed-array store). */
  unary(op: UnaryOp, x: StridedView, outDtype: DType): Storage;
  /** Elementwise op on views already broadcast to outShape (stride 0 on broadcast dims). */
  binary(op: BinaryOp, a: StridedView, b: StridedView, outDtype: DType): Storage;
  /** cond ? a : b on views already broadcast to a common shape. */
  where(cond: StridedView, a: StridedView, b: StridedView, outDtype: DType): Storage;
  /**
   * Reduces over `dims` (sorted, unique). Output shape: x.shape without those dims. arg-reductions
   * return int32 positions within the flattened reduced dims (first occurrence wins; NaN wins).
   */
  reduce(op: ReduceOp, x: StridedView, dims: readonly number[], outDtype: DType): Storage;
  /** Batched matmul: a [...B, M, K] · b [...B, K, N] → [...B, M, N]; batch dims already equal. */
  matmul(a: StridedView, b: StridedView, outDtype: DType): Storage;
  /** Writes src (broadcast to dst.shape) into dst, in place. Same dtype. */
  assign(dst: StridedView, src: StridedView): void;
  /** out[i] = x[i with index[i] substituted at dim]; out has index.shape. index is int32. */
  gather(x: StridedView, dim: number, index: StridedView): Storage;
  /** dst[i with index[i] at dim] += src[i], in place; index and src have the same shape. */
  scatterAdd(dst: StridedView, dim: number, index: StridedView, src: StridedView): void;
  /** x [N,C,H,W] → columns [N, C·kh·kw, oh·ow] (PyTorch's unfold layout), zero padding. */
  im2col(x: StridedView, w: Window2d): Storage;
  /** The adjoint of im2col: columns [N, C·kh·kw, oh·ow] → [N, C, H, W], summing overlaps. */
  col2im(cols: StridedView, w: Window2d, inputShape: readonly [number, number, number, number]): Storage;
  /** Max pooling with implicit −∞ padding; indices are flat h·W+w within each input plane. */
  maxPool2d(x: StridedView, w: Window2d): { values: Storage; indices: Storage };
  /**
   * Optional fused kernel (float32, contiguous, equal shapes): Adam's new moments and update
   * direction in one pass, bit-identical to the composite in src/ops/fused.ts.
   */
  adamMoments?(g: StridedView, mu: StridedView, nu: StridedView, s: AdamScalars): { mu: Storage; nu: Storage; update: Storage };
}

export interface AdamScalars {
  beta1: number;
  beta2: number;
  /** 1 − β₁ᵗ */
  bc1: number;
  /** √(1 − β₂ᵗ) */
  bc2Sqrt: number;
  eps: number;
}

export interface Backend extends Partial<Omit<Kernels, 'adamMoments'>> {
  adamMoments?: Kernels['adamMoments'];
  readonly name: string;
  /** dtypes this backend can store and compute in. */
  readonly dtypes: readonly DType[];
}

/** Looks up a kernel, failing with a message that names the op and the backend. */
export function kernel<K extends keyof Kernels>(backend: Backend, name: K): Kernels[K] {
  const fn = backend[name];
  if (typeof fn !== 'function') {
    throw new Error(`${name}: not implemented by the '${backend.name}' backend`);
  }
  return (fn as (...args: never[]) => unknown).bind(backend) as Kernels[K];
}

export function unsupportedOp(op: string, backend: Backend): Error {
  return new Error(`${op}: not implemented by the '${backend.name}' backend`);
}

/**
 * Element types. float32 is the default (as in PyTorch); float64 exists for gradient checks and
 * for users who need it; int32 holds labels and indices; bool holds masks from comparisons.
 */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function allocArray(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
  }
}

export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
}

export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** PyTorch-style promotion between two tensors: bool < int32 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

const CATEGORY: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 2 };

/**
 * The result dtype of a binary op, with PyTorch's rule that a 0-d tensor (or a JS number) does
 * not raise the dtype of a dimensioned tensor of the same category: float32 tensor × 0-d float64
 * → float32, but int32 tensor × 0-d float → float32 (the default float).
 */
export function resultType(a: { dtype: DType; ndim: number }, b: { dtype: DType; ndim: number }): DType {
  if ((a.ndim === 0) === (b.ndim === 0)) return promoteTypes(a.dtype, b.dtype);
  const [dim, zero] = a.ndim === 0 ? [b, a] : [a, b];
  if (CATEGORY[zero.dtype] <= CATEGORY[dim.dtype]) return dim.dtype;
  return CATEGORY[zero.dtype] === 2 ? 'float32' : promoteTypes(dim.dtype, zero.dtype);
}

/** The dtype a floating-point op (exp, div, mean…) computes in: ints and bools go to float32. */
export function toFloating(dtype: DType): DType {
  return isFloating(dtype) ? dtype : 'float32';
}

export function assertDType(op: string, arg: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new Error(`${op}: ${arg} must be one of ${DTYPES.join(', ')}, got ${String(dtype)}`);
  }
  return dtype;
}

/** Plain typed-array storage and the strided-offset helper every reference kernel uses. */
import type { Backend, Storage, StridedView } from '../backend.js';
import { allocArray, dtypeOfArray, type DType, type TypedArray } from '../../tensor/dtype.js';
import { isContiguous, numel, type Shape } from '../../tensor/shape.js';

/** Storage whose elements are reachable as a typed array: what the reference kernels run on. */
export interface ArrayStorage extends Storage {
  readonly data: TypedArray;
}

/** A backend whose storage the reference kernels can run on, allocating through it. */
export interface ArrayBackend extends Backend {
  /** Must return zero-filled storage, as a new typed array is (some kernels accumulate into it). */
  allocStorage?(dtype: DType, n: number): ArrayStorage;
}

export class RefStorage implements ArrayStorage {
  readonly dtype: DType;
  version = 0;
  constructor(
    readonly backend: Backend,
    readonly data: TypedArray,
  ) {
    this.dtype = dtypeOfArray(data);
  }
  get length(): number {
    return this.data.length;
  }
}

export function dataOf(v: StridedView | Storage): TypedArray {
  const s = 'storage' in v ? v.storage : v;
  const d = (s as Partial<ArrayStorage>).data;
  if (d === undefined) throw new Error(`reference kernels: storage of the '${s.backend.name}' backend has no typed-array view`);
  return d;
}

/** New storage of n elements; backends that reuse the reference kernels allocate their own kind. */
export function alloc(backend: ArrayBackend, dtype: DType, n: number): ArrayStorage {
  return backend.allocStorage ? backend.allocStorage(dtype, n) : new RefStorage(backend, allocArray(dtype, n));
}

/**
 * Storage offsets of a view's elements in row-major order, or null when the view is a plain
 * contiguous run starting at its offset (then element i sits at offset + i).
 */
export function offsetsOf(shape: Shape, strides: Shape, offset: number): Int32Array | null {
  if (isContiguous(shape, strides)) return offset === 0 ? null : ramp(numel(shape), offset);
  return stridedOffsets(shape, strides, offset);
}

function ramp(n: number, start: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i;
  return out;
}

/** Odometer walk over the multi-index; the inner dim is unrolled into a tight loop. */
export function stridedOffsets(shape: Shape, strides: Shape, offset: number): Int32Array {
  const n = numel(shape);
  const out = new Int32Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = offset;
    return out;
  }
  const inner = shape[nd - 1]!;
  const innerStride = strides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let base = offset;
  let k = 0;
  while (k < n) {
    for (let j = 0, o = base; j < inner; j++, o += innerStride) out[k++] = o;
    // advance the outer dims
    let d = nd - 2;
    while (d >= 0) {
      idx[d]!++;
      base += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      idx[d] = 0;
      d--;
    }
    if (d < 0) break;
  }
  return out;
}

export function offsetsOfView(v: StridedView): Int32Array | null {
  return offsetsOf(v.shape, v.strides, v.offset);
}

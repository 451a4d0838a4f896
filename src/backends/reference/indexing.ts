/** assign / gather / scatterAdd: the data-movement kernels that are not plain views. */
import type { Backend, StridedView } from '../backend.js';
import { isContiguous, numel } from '../../tensor/shape.js';
import { alloc, dataOf, offsetsOfView, stridedOffsets, type ArrayStorage } from './storage.js';

export function assign(dst: StridedView, src: StridedView): void {
  const dd = dataOf(dst);
  const sd = dataOf(src);
  const n = numel(dst.shape);
  const d = offsetsOfView(dst);
  const s = offsetsOfView(src);
  // Copy through a temporary so that overlapping src/dst (same storage) behave like a clone.
  const tmp = new Float64Array(n);
  for (let i = 0; i < n; i++) tmp[i] = sd[s === null ? i : s[i]!]!;
  for (let i = 0; i < n; i++) dd[d === null ? i : d[i]!] = tmp[i]!;
}

function checkIndex(op: string, v: number, size: number, dim: number): void {
  if (v < 0 || v >= size) {
    throw new Error(`${op}: index ${v} is out of bounds for dim ${dim} with size ${size}`);
  }
}

/** Offsets of x at index positions, with the `dim` coordinate replaced by the index value. */
function indexedOffsets(op: string, x: StridedView, dim: number, index: StridedView): Int32Array {
  // Walk the index's multi-index with x's strides, except along dim, where the index value is used.
  const zeroDimStrides = x.strides.map((s, d) => (d === dim ? 0 : s));
  const base = stridedOffsets(index.shape, zeroDimStrides, x.offset);
  const id = dataOf(index);
  const io = offsetsOfView(index);
  const size = x.shape[dim]!;
  const stride = x.strides[dim]!;
  for (let i = 0; i < base.length; i++) {
    const v = id[io === null ? i : io[i]!]!;
    checkIndex(op, v, size, dim);
    base[i]! += v * stride;
  }
  return base;
}

/**
 * Whether a gather copies whole rows: dim 0 of a contiguous x, with an index that varies only
 * along dim 0 (indexSelect's expanded index) and covers full rows.
 */
function isRowGather(x: StridedView, dim: number, index: StridedView): boolean {
  if (dim !== 0 || x.offset !== 0 || !isContiguous(x.shape, x.strides)) return false;
  for (let d = 1; d < x.shape.length; d++) {
    if (index.shape[d] !== x.shape[d] || (index.strides[d] !== 0 && index.shape[d] !== 1)) return false;
  }
  return true;
}

export function gather(backend: Backend, x: StridedView, dim: number, index: StridedView): ArrayStorage {
  if (isRowGather(x, dim, index)) {
    const row = numel(x.shape.slice(1));
    const rows = index.shape[0] ?? 1;
    const xd = dataOf(x);
    const id = dataOf(index);
    const out = alloc(backend, x.storage.dtype, rows * row);
    const od = out.data;
    for (let i = 0; i < rows; i++) {
      const r = id[index.offset + i * (index.strides[0] ?? 0)]!;
      checkIndex('gather', r, x.shape[0]!, 0);
      od.set(xd.subarray(r * row, (r + 1) * row), i * row);
    }
    return out;
  }
  const offs = indexedOffsets('gather', x, dim, index);
  const xd = dataOf(x);
  const out = alloc(backend, x.storage.dtype, offs.length);
  const od = out.data;
  for (let i = 0; i < offs.length; i++) od[i] = xd[offs[i]!]!;
  return out;
}

export function scatterAdd(dst: StridedView, dim: number, index: StridedView, src: StridedView): void {
  const offs = indexedOffsets('scatterAdd', dst, dim, index);
  const dd = dataOf(dst);
  const sd = dataOf(src);
  const so = offsetsOfView(src);
  for (let i = 0; i < offs.length; i++) dd[offs[i]!]! += sd[so === null ? i : so[i]!]!;
}

/** The reference kernels as plain functions, for backends that run them on their own storage. */
export { unary, binary, where } from './elementwise.js';
export { reduce } from './reduce.js';
export { matmul } from './matmul.js';
export { assign, gather, scatterAdd } from './indexing.js';
export { im2col, col2im, maxPool2d } from './window.js';
import type { StridedView } from '../backend.js';
import { allocArray, type TypedArray } from '../../tensor/dtype.js';
import { numel } from '../../tensor/shape.js';
import { dataOf, offsetsOfView, type ArrayBackend } from './storage.js';

/** Contiguous copy of a view's elements. */
export function read(_backend: ArrayBackend, x: StridedView): TypedArray {
  const d = dataOf(x);
  const n = numel(x.shape);
  const offs = offsetsOfView(x);
  const out = allocArray(x.storage.dtype, n);
  if (offs === null) out.set(d.subarray(0, n));
  else for (let i = 0; i < n; i++) out[i] = d[offs[i]!]!;
  return out;
}

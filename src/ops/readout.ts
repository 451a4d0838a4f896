/** Getting values out of tensors. */
import { kernel } from '../backends/backend.js';
import type { TypedArray } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { viewOf } from './core.js';

export function readData(t: Tensor): TypedArray {
  return kernel(t.storage.backend, 'read')(viewOf(t));
}

/** Nested arrays mirroring the shape; a 0-d tensor gives a plain number. */
export function toNested(t: Tensor): unknown {
  const d = readData(t);
  if (t.ndim === 0) return d[0];
  let pos = 0;
  const build = (dim: number): unknown[] => {
    const n = t.shape[dim]!;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = dim === t.ndim - 1 ? d[pos++] : build(dim + 1);
    return out;
  };
  return build(0);
}

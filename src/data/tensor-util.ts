/**
 * Internal helpers shared by the data modules: wrapping typed arrays as tensors without an
 * element-by-element copy, and reading index lists from tensors or arrays.
 */
import { getBackend } from '../backends/registry.js';
import { fromStorage } from '../ops/core.js';
import type { TypedArray } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * A contiguous tensor over `data` (float32/float64/int32 typed arrays; Uint8Array means bool), on
 * `like`'s backend or the current default one. The backend may adopt the array: do not modify it
 * afterwards.
 */
export function fromTyped(data: TypedArray, shape: readonly number[], like?: Tensor): Tensor {
  const backend = like ? like.storage.backend : getBackend();
  return fromStorage(backend.fromArray!(data), shape);
}

/** Checks that `indices` are integers in [0, n) and returns them as an Int32Array. */
export function toIndexArray(op: string, indices: ArrayLike<number> | Tensor, n: number, what = 'index'): Int32Array {
  let src: ArrayLike<number>;
  if (indices instanceof Tensor) {
    if (indices.dtype !== 'int32') throw new Error(`${op}: ${what} tensor must have dtype int32, got ${indices.dtype}`);
    if (indices.ndim !== 1) throw new Error(`${op}: ${what} tensor must be 1-D, got shape [${indices.shape.join(',')}]`);
    src = indices.data();
  } else {
    src = indices;
  }
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new Error(`${op}: ${what} ${i} is ${v}, expected an integer in [0, ${n})`);
    }
    out[i] = v;
  }
  return out;
}

/** Labels as plain numbers: an int32 (or integral float) tensor of shape [N], or an array. */
export function toLabelArray(op: string, labels: ArrayLike<number> | Tensor): Int32Array {
  let src: ArrayLike<number>;
  if (labels instanceof Tensor) {
    if (labels.ndim !== 1) throw new Error(`${op}: labels must be 1-D, got shape [${labels.shape.join(',')}]`);
    src = labels.data();
  } else {
    src = labels;
  }
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!Number.isInteger(v)) throw new Error(`${op}: label ${i} is ${v}, expected an integer class label`);
    out[i] = v;
  }
  return out;
}

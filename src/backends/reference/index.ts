/**
 * The reference backend: plain TypeScript over typed arrays, float64-capable, written to be
 * obviously correct rather than fast. It is the oracle that every fast backend is tested against.
 */
import type { Backend, Kernels } from '../backend.js';
import { allocArray, type TypedArray } from '../../tensor/dtype.js';
import { numel } from '../../tensor/shape.js';
import { binary, unary, where } from './elementwise.js';
import { assign, gather, scatterAdd } from './indexing.js';
import { matmul } from './matmul.js';
import { reduce } from './reduce.js';
import { dataOf, offsetsOfView, RefStorage } from './storage.js';
import { col2im, im2col, maxPool2d } from './window.js';

class ReferenceBackend implements Backend, Kernels {
  readonly name = 'reference';
  readonly dtypes = ['float32', 'float64', 'int32', 'bool'] as const;

  fromArray(data: TypedArray): RefStorage {
    return new RefStorage(this, data.slice());
  }
  full(dtype: Parameters<Kernels['full']>[0], n: number, value: number): RefStorage {
    const a = allocArray(dtype, n);
    if (value !== 0) a.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
    return new RefStorage(this, a);
  }
  read(x: Parameters<Kernels['read']>[0]): TypedArray {
    const d = dataOf(x);
    const n = numel(x.shape);
    const offs = offsetsOfView(x);
    if (offs === null) return d.slice(0, n);
    const out = allocArray(x.storage.dtype, n);
    for (let i = 0; i < n; i++) out[i] = d[offs[i]!]!;
    return out;
  }
  unary: Kernels['unary'] = (op, x, dt) => unary(this, op, x, dt);
  binary: Kernels['binary'] = (op, a, b, dt) => binary(this, op, a, b, dt);
  where: Kernels['where'] = (c, a, b, dt) => where(this, c, a, b, dt);
  reduce: Kernels['reduce'] = (op, x, dims, dt) => reduce(this, op, x, dims, dt);
  matmul: Kernels['matmul'] = (a, b, dt) => matmul(this, a, b, dt);
  assign: Kernels['assign'] = (dst, src) => assign(dst, src);
  gather: Kernels['gather'] = (x, dim, index) => gather(this, x, dim, index);
  scatterAdd: Kernels['scatterAdd'] = (dst, dim, index, src) => scatterAdd(dst, dim, index, src);
  im2col: Kernels['im2col'] = (x, w) => im2col(this, x, w);
  col2im: Kernels['col2im'] = (cols, w, shape) => col2im(this, cols, w, shape);
  maxPool2d: Kernels['maxPool2d'] = (x, w) => maxPool2d(this, x, w);
}

export const referenceBackend: Backend & Kernels = new ReferenceBackend();

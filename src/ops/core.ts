/**
 * The plumbing every op uses: wrapping backend storage as tensors, turning tensors into strided
 * views for kernels, recording graph nodes, and coercing scalars.
 */
import { GradNode, type VJP } from '../autograd/node.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { kernel, type Backend, type Storage, type StridedView } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { isFloating, type DType } from '../tensor/dtype.js';
import { contiguousStrides, numel, sameShape, shapeStr, type Shape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

export type TensorLike = Tensor | number;

export function fromStorage(storage: Storage, shape: Shape, strides?: Shape, offset = 0): Tensor {
  return new Tensor(storage, [...shape], strides ? [...strides] : contiguousStrides(shape), offset);
}

export function viewOf(t: Tensor): StridedView {
  return { storage: t.storage, shape: t.shape, strides: t.strides, offset: t.offset };
}

/** A view of t broadcast to `shape` (stride 0 on new or size-1 dims); shape must be compatible. */
export function broadcastView(t: Tensor, shape: Shape): StridedView {
  const nd = shape.length;
  const lead = nd - t.shape.length;
  const strides = shape.map((s, i) => {
    if (i < lead) return 0;
    const d = t.shape[i - lead]!;
    return d === 1 && s !== 1 ? 0 : t.strides[i - lead]!;
  });
  return { storage: t.storage, shape, strides, offset: t.offset };
}

export function backendOf(op: string, ...ts: Tensor[]): Backend {
  const b = ts[0]?.storage.backend ?? getBackend();
  for (const t of ts) {
    if (t.storage.backend !== b) {
      throw new Error(`${op}: tensors live on different backends ('${b.name}' and '${t.storage.backend.name}')`);
    }
  }
  return b;
}

/** Attaches a graph node to `out` when grad mode is on and some input requires grad. */
export function record(out: Tensor, name: string, inputs: readonly (Tensor | null)[], vjp: VJP): Tensor {
  if (isGradEnabled() && inputs.some((t) => t !== null && t.requiresGrad)) {
    out.gradFn = new GradNode(name, inputs, vjp, out);
    out.setRequiresGradUnchecked(true);
  }
  return out;
}

/** Turns a JS number into a 0-d tensor that fits beside `like` (PyTorch's scalar rules). */
export function scalarTensor(value: number, like: Tensor | null): Tensor {
  // A float tensor keeps its dtype; an int or bool tensor meets an integer scalar as int32 and a
  // fractional one as float32 (the default dtype), as PyTorch's type promotion does.
  const dtype: DType = like && isFloating(like.dtype) ? like.dtype : Number.isInteger(value) ? 'int32' : 'float32';
  const backend = like ? like.storage.backend : getBackend();
  return fromStorage(backend.full!(dtype, 1, value), []);
}

export function toTensor(x: TensorLike, like: Tensor | null): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') throw new Error(`expected a Tensor or a number, got ${describe(x)}`);
  return scalarTensor(x, like);
}

export function describe(x: unknown): string {
  if (x instanceof Tensor) return `Tensor(shape=${shapeStr(x.shape)}, dtype=${x.dtype})`;
  if (Array.isArray(x)) return `array of length ${x.length}`;
  return x === null ? 'null' : typeof x;
}

/** A tensor of `shape` filled with `value`, on the same backend (and by default dtype) as `like`. */
export function fullOn(like: Tensor, shape: Shape, value: number, dtype: DType = like.dtype): Tensor {
  return fromStorage(kernel(like.storage.backend, 'full')(dtype, numel(shape), value), shape);
}

export function zerosOn(like: Tensor, shape: Shape, dtype: DType = like.dtype): Tensor {
  return fullOn(like, shape, 0, dtype);
}

/** Sums a broadcast gradient back down to an input's shape (the VJP of broadcasting). */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  let r = dims.length ? g.sum(dims, true) : g;
  if (lead > 0) r = r.reshape(shape);
  return r;
}

export function assertTensor(op: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new Error(`${op}: ${arg} must be a Tensor, got ${describe(x)}`);
  return x;
}

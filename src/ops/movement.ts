/**
 * Shape and movement ops. reshape/view/squeeze/unsqueeze/permute/expand/slice/flip return views
 * sharing storage (no copy) whenever the strides allow; cat and pad copy. Each view's VJP maps
 * the gradient back to the input's shape.
 */
import { isGradEnabled } from '../autograd/grad-mode.js';
import { kernel } from '../backends/backend.js';
import { getBackend } from '../backends/registry.js';
import { promoteTypes } from '../tensor/dtype.js';
import { checkShape, contiguousStrides, normalizeDim, normalizeDims, numel, sameShape, shapeStr, type Shape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { backendOf, broadcastView, fromStorage, record, viewOf } from './core.js';
import { cast } from './elementwise.js';

/** A new tensor object over the same storage with other shape/strides/offset. */
function restride(x: Tensor, shape: Shape, strides: Shape, offset: number): Tensor {
  return new Tensor(x.storage, [...shape], [...strides], offset);
}

/** Copies x onto another backend (differentiable: the gradient moves back). */
export function toBackend(x: Tensor, name: string): Tensor {
  const target = getBackend(name);
  if (x.storage.backend === target) return x;
  const out = fromStorage(kernel(target, 'fromArray')(x.data()), x.shape);
  return record(out, 'toBackend', [x], (g) => [toBackend(g, x.storage.backend.name)]);
}

/** Copies x into fresh contiguous storage (differentiable). */
export function clone(x: Tensor): Tensor {
  const b = backendOf('clone', x);
  const out = fromStorage(kernel(b, 'unary')('copy', viewOf(x), x.dtype), x.shape);
  return record(out, 'clone', [x], (g) => [g]);
}

export function contiguous(x: Tensor): Tensor {
  return x.isContiguous() ? x : clone(x);
}

function inferShape(op: string, x: Tensor, shape: readonly number[]): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (out.some((d, i) => d < -1 || !Number.isInteger(d) || (d === -1 && i !== unknown))) {
    throw new Error(`${op}: invalid shape ${shapeStr(shape)} (only one -1 is allowed, other entries must be >= 0)`);
  }
  const n = x.numel();
  if (unknown >= 0) {
    const known = numel(out.filter((_, i) => i !== unknown));
    if (known === 0 || n % known !== 0) {
      throw new Error(`${op}: shape ${shapeStr(shape)} is invalid for input of size ${n} (shape ${shapeStr(x.shape)})`);
    }
    out[unknown] = n / known;
  }
  if (numel(out) !== n) {
    throw new Error(`${op}: shape ${shapeStr(shape)} is invalid for input of size ${n} (shape ${shapeStr(x.shape)})`);
  }
  return out;
}

/** Same elements, new shape: a view when x is contiguous, otherwise a copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('reshape', x, shape);
  if (sameShape(target, x.shape)) return x;
  const src = x.isContiguous() ? x : clone(x);
  const out = restride(src, target, contiguousStrides(target), src.offset);
  return record(out, 'reshape', [src], (g) => [g.reshape(src.shape)]);
}

/** Like reshape, but never copies: a non-contiguous input is an error, as in PyTorch. */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('view', x, shape);
  if (!x.isContiguous()) {
    throw new Error(`view: tensor of shape ${shapeStr(x.shape)} is not contiguous; use reshape() (which copies) instead`);
  }
  return reshape(x, target);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim, 'startDim');
  const e = normalizeDim('flatten', endDim, x.ndim, 'endDim');
  if (s > e) throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const shape = [...x.shape.slice(0, s), numel(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Removes size-1 dims (all of them, or just the given ones if they have size 1). */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = dim === undefined ? x.shape.map((_, i) => i) : normalizeDims('squeeze', dim, x.ndim);
  const keep = x.shape.map((s, i) => !(dims.includes(i) && s === 1));
  if (keep.every(Boolean)) return x;
  const out = restride(x, x.shape.filter((_, i) => keep[i]), x.strides.filter((_, i) => keep[i]), x.offset);
  return record(out, 'squeeze', [x], (g) => [g.reshape(x.shape)]);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x.strides[d]! * x.shape[d]! : 1);
  const out = restride(x, shape, strides, x.offset);
  return record(out, 'unsqueeze', [x], (g) => [g.reshape(x.shape)]);
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new Error(`permute: got ${dims.length} dims ${JSON.stringify(dims)} for a tensor with ${x.ndim} dims`);
  }
  const order = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(order).size !== order.length) throw new Error(`permute: dims ${JSON.stringify(dims)} repeat a dim`);
  const out = restride(x, order.map((d) => x.shape[d]!), order.map((d) => x.strides[d]!), x.offset);
  const inverse = new Array<number>(order.length);
  order.forEach((d, i) => (inverse[d] = i));
  return record(out, 'permute', [x], (g) => [g.permute(inverse)]);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim, 'dim0');
  const b = normalizeDim('transpose', dim1, x.ndim, 'dim1');
  if (x.ndim === 0) return x;
  const order = x.shape.map((_, i) => i);
  order[a] = b;
  order[b] = a;
  return permute(x, order);
}

/** Broadcasts size-1 dims (and new leading dims) to `shape` without copying; -1 keeps a dim. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  checkShape('expand', shape.map((d) => (d === -1 ? 0 : d)));
  if (shape.length < x.ndim) {
    throw new Error(`expand: target ${shapeStr(shape)} has fewer dims than the tensor ${shapeStr(x.shape)}`);
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((s, i) => {
    if (s !== -1) return s;
    if (i < lead) throw new Error(`expand: -1 is not allowed for a new leading dim (target ${shapeStr(shape)})`);
    return x.shape[i - lead]!;
  });
  for (let i = lead; i < target.length; i++) {
    const have = x.shape[i - lead]!;
    if (have !== 1 && have !== target[i]) {
      throw new Error(`expand: the size ${have} of dim ${i - lead} must match ${target[i]} or be 1 (tensor ${shapeStr(x.shape)}, target ${shapeStr(shape)})`);
    }
  }
  if (sameShape(target, x.shape)) return x;
  const v = broadcastView(x, target);
  const out = restride(x, target, v.strides, x.offset);
  return record(out, 'expand', [x], (g) => [sumToShapeForExpand(g, x.shape)]);
}

function sumToShapeForExpand(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  const s = dims.length ? g.sum(dims, true) : g;
  return s.reshape(shape);
}

interface SliceSpec {
  dim: number;
  start: number;
  step: number;
  length: number;
}

function resolveSlice(op: string, x: Tensor, dim: number, start?: number, end?: number, step = 1): SliceSpec {
  const d = normalizeDim(op, dim, x.ndim);
  const size = x.shape[d]!;
  if (!Number.isInteger(step) || step <= 0) throw new Error(`${op}: step must be a positive integer, got ${step}`);
  const clampIdx = (v: number): number => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = start === undefined ? 0 : clampIdx(start);
  const e = end === undefined ? size : clampIdx(end);
  const length = e > s ? Math.ceil((e - s) / step) : 0;
  return { dim: d, start: s, step, length };
}

function sliceView(x: Tensor, spec: SliceSpec): Tensor {
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape[spec.dim] = spec.length;
  strides[spec.dim] = x.strides[spec.dim]! * spec.step;
  const out = restride(x, shape, strides, x.offset + (spec.length > 0 ? spec.start * x.strides[spec.dim]! : 0));
  return record(out, 'slice', [x], (g) => [sliceScatter(g, x.shape, spec)]);
}

/** Python's x[start:end:step] along dim, as a view. Out-of-range bounds are clipped. */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  return sliceView(x, resolveSlice('slice', x, dim, start, end, step));
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim);
  const size = x.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || s < 0 || !Number.isInteger(length) || length < 0 || s + length > size) {
    throw new Error(`narrow: start ${start} and length ${length} are out of range for dim ${dim} of size ${size}`);
  }
  return sliceView(x, { dim: d, start: s, step: 1, length });
}

/**
 * The adjoint of slicing: a zero tensor of `shape` with g written into the sliced positions.
 * Recorded so that double-backward through a slice works.
 */
function sliceScatter(g: Tensor, shape: readonly number[], spec: SliceSpec, fill = 0): Tensor {
  const b = backendOf('slice', g);
  const out = fromStorage(kernel(b, 'full')(g.dtype, numel(shape), fill), shape);
  const strides = contiguousStrides(shape);
  const dst = {
    storage: out.storage,
    shape: g.shape,
    strides: strides.map((s, i) => (i === spec.dim ? s * spec.step : s)),
    offset: spec.start * strides[spec.dim]!,
  };
  if (numel(g.shape) > 0) kernel(b, 'assign')(dst, viewOf(g));
  return record(out, 'sliceScatter', [g], (gg) => [sliceView(gg, spec)]);
}

export function split(x: Tensor, splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim('split', dim, x.ndim);
  const size = x.shape[d]!;
  let sizes: number[];
  if (typeof splitSizeOrSections === 'number') {
    const s = splitSizeOrSections;
    if (!Number.isInteger(s) || s <= 0) throw new Error(`split: splitSize must be a positive integer, got ${s}`);
    sizes = [];
    for (let i = 0; i < size; i += s) sizes.push(Math.min(s, size - i));
    if (sizes.length === 0) sizes.push(0);
  } else {
    sizes = [...splitSizeOrSections];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== size || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new Error(`split: sections ${JSON.stringify(sizes)} must be non-negative and sum to ${size} (dim ${dim}), got ${total}`);
    }
  }
  let start = 0;
  return sizes.map((len) => {
    const part = narrow(x, d, start, len);
    start += len;
    return part;
  });
}

/** Splits into `chunks` pieces of size ceil(n / chunks) (the last may be smaller), as PyTorch. */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new Error(`chunk: chunks must be a positive integer, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[d]! / chunks)), d);
}

/** Reverses the order of elements along dims, as a view (negative strides). */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const ds = normalizeDims('flip', dims, x.ndim);
  let offset = x.offset;
  const strides = [...x.strides];
  for (const d of ds) {
    if (x.shape[d]! > 0) offset += (x.shape[d]! - 1) * x.strides[d]!;
    strides[d] = -strides[d]!;
  }
  const out = restride(x, x.shape, strides, offset);
  return record(out, 'flip', [x], (g) => [g.flip(ds)]);
}

/** Joins tensors along an existing dim; shapes must agree elsewhere. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new Error('cat: expected a non-empty array of tensors');
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new Error(`cat: element ${i} is not a Tensor`);
    if (t.ndim === 0) throw new Error(`cat: zero-dimensional tensor (at position ${i}) cannot be concatenated; use stack`);
  });
  const first = tensors[0]!;
  const d = normalizeDim('cat', dim, first.ndim);
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.shape.some((s: number, j: number) => j !== d && s !== first.shape[j])) {
      throw new Error(`cat: tensor ${i} has shape ${shapeStr(t.shape)}, which does not match ${shapeStr(first.shape)} outside dim ${d}`);
    }
  });
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const parts = tensors.map((t) => cast(t, dtype));
  const shape = [...first.shape];
  shape[d] = parts.reduce((a, t) => a + t.shape[d]!, 0);
  const b = backendOf('cat', ...parts);
  const out = fromStorage(kernel(b, 'full')(dtype, numel(shape), 0), shape);
  const strides = contiguousStrides(shape);
  let start = 0;
  for (const p of parts) {
    if (p.numel() > 0) {
      kernel(b, 'assign')({ storage: out.storage, shape: p.shape, strides, offset: start * strides[d]! }, viewOf(p));
    }
    start += p.shape[d]!;
  }
  return record(out, 'cat', parts, (g) => {
    let s = 0;
    return parts.map((p) => {
      const piece = narrow(g, d, s, p.shape[d]!);
      s += p.shape[d]!;
      return piece;
    });
  });
}

/** Joins same-shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new Error('stack: expected a non-empty array of tensors');
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor) || !sameShape(t.shape, first.shape)) {
      throw new Error(`stack: tensor ${i} has shape ${t instanceof Tensor ? shapeStr(t.shape) : typeof t}, expected ${shapeStr(first.shape)}`);
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}

/**
 * Constant padding in torch.nn.functional.pad order: [left, right] of the last dim, then
 * [top, bottom] of the one before, … Negative amounts crop.
 */
export function pad(x: Tensor, amounts: readonly number[], value = 0): Tensor {
  if (amounts.length % 2 !== 0 || amounts.length / 2 > x.ndim || amounts.some((a) => !Number.isInteger(a))) {
    throw new Error(`pad: pad must be an even-length list of integers covering at most ${x.ndim} dims, got ${JSON.stringify(amounts)}`);
  }
  let src = x;
  const shape = [...x.shape];
  const lo = new Array<number>(x.ndim).fill(0);
  for (let i = 0; i < amounts.length / 2; i++) {
    const d = x.ndim - 1 - i;
    const [before, after] = [amounts[2 * i]!, amounts[2 * i + 1]!];
    // negative padding crops first
    const cropLo = Math.max(0, -before);
    const cropHi = Math.max(0, -after);
    if (cropLo + cropHi > shape[d]!) throw new Error(`pad: negative padding ${before},${after} removes more than the ${shape[d]} elements of dim ${d}`);
    if (cropLo || cropHi) src = narrow(src, d, cropLo, src.shape[d]! - cropLo - cropHi);
    lo[d] = Math.max(0, before);
    shape[d] = src.shape[d]! + Math.max(0, before) + Math.max(0, after);
  }
  if (sameShape(shape, src.shape)) return src;
  return padInto(src, shape, lo, value);
}

function padInto(src: Tensor, shape: number[], lo: number[], value: number): Tensor {
  const b = backendOf('pad', src);
  const out = fromStorage(kernel(b, 'full')(src.dtype, numel(shape), value), shape);
  const strides = contiguousStrides(shape);
  const offset = lo.reduce((acc, l, i) => acc + l * strides[i]!, 0);
  if (src.numel() > 0) kernel(b, 'assign')({ storage: out.storage, shape: src.shape, strides, offset }, viewOf(src));
  return record(out, 'pad', [src], (g) => {
    let r = g;
    lo.forEach((l, d) => {
      if (shape[d] !== src.shape[d]) r = narrow(r, d, l, src.shape[d]!);
    });
    return [r];
  });
}

/** Marks storage as modified in place: refuses while recording a graph through this tensor. */
export function assignInPlace(op: string, x: Tensor, src: Tensor | number): void {
  if (x.requiresGrad && isGradEnabled()) {
    throw new Error(
      `${op}: a tensor that requires grad cannot be modified in place while grad mode is on; ` +
        'wrap the update in noGrad(() => …) (as optimizers do) or use the out-of-place op',
    );
  }
  const expandedDim = x.shape.findIndex((n, i) => n > 1 && x.strides[i] === 0);
  if (expandedDim >= 0) {
    throw new Error(`${op}: cannot write in place into an expanded tensor (dim ${expandedDim} has stride 0, so its elements share memory); clone() it first`);
  }
  const b = backendOf(op, x);
  const s = src instanceof Tensor ? src : fromStorage(kernel(b, 'full')(x.dtype, 1, src), []);
  const shape = x.shape;
  let v;
  try {
    v = broadcastView(s.dtype === x.dtype ? s : cast(s, x.dtype), shape);
    if (s.ndim > shape.length) throw new Error();
    for (let i = 0; i < s.ndim; i++) {
      const have = s.shape[s.ndim - 1 - i]!;
      if (have !== 1 && have !== shape[shape.length - 1 - i]) throw new Error();
    }
  } catch {
    throw new Error(`${op}: source of shape ${shapeStr(s.shape)} cannot be broadcast to the destination shape ${shapeStr(shape)}`);
  }
  kernel(b, 'assign')(viewOf(x), v);
  x.storage.version++;
}

/** Index-driven ops: gather and scatterAdd are primitives (each other's adjoints). */
import { kernel } from '../backends/backend.js';
import { normalizeDim, numel, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { assertTensor, backendOf, broadcastView, fromStorage, record, viewOf, zerosOn } from './core.js';
import { cast } from './elementwise.js';

function checkIndexTensor(op: string, index: unknown): Tensor {
  const t = assertTensor(op, 'index', index);
  if (t.dtype !== 'int32') throw new Error(`${op}: index must have dtype int32, got ${t.dtype}`);
  return t;
}

function checkGatherShapes(op: string, x: Tensor, d: number, index: Tensor, what: string): void {
  if (index.ndim !== x.ndim) {
    throw new Error(`${op}: index ${shapeStr(index.shape)} must have as many dims as ${what} ${shapeStr(x.shape)}`);
  }
  for (let i = 0; i < x.ndim; i++) {
    if (i !== d && index.shape[i]! > x.shape[i]!) {
      throw new Error(`${op}: index ${shapeStr(index.shape)} is larger than ${what} ${shapeStr(x.shape)} in dim ${i}`);
    }
  }
}

/** out[i][j] = x[index[i][j]][j] (dim 0) — PyTorch's torch.gather. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const idx = checkIndexTensor('gather', index);
  const d = normalizeDim('gather', dim, x.ndim);
  checkGatherShapes('gather', x, d, idx, 'input');
  const out = fromStorage(kernel(backendOf('gather', x, idx), 'gather')(viewOf(x), d, viewOf(idx)), idx.shape);
  return record(out, 'gather', [x], (g) => [scatterAdd(zerosOn(g, x.shape), d, idx, g)]);
}


/** A copy of x with src added at the positions index names along dim (torch.scatter_add). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const idx = checkIndexTensor('scatterAdd', index);
  assertTensor('scatterAdd', 'src', src);
  const d = normalizeDim('scatterAdd', dim, x.ndim);
  checkGatherShapes('scatterAdd', x, d, idx, 'input');
  if (src.ndim !== idx.ndim || idx.shape.some((s, i) => s > src.shape[i]!)) {
    throw new Error(`scatterAdd: index ${shapeStr(idx.shape)} must not be larger than src ${shapeStr(src.shape)} in any dim`);
  }
  // only the part of src that the index covers takes part, as in PyTorch
  let srcPart = src.dtype === x.dtype ? src : cast(src, x.dtype);
  idx.shape.forEach((s, i) => {
    if (s !== srcPart.shape[i]) srcPart = srcPart.narrow(i, 0, s);
  });
  const b = backendOf('scatterAdd', x, idx, srcPart);
  const out = fromStorage(kernel(b, 'unary')('copy', viewOf(x), x.dtype), x.shape);
  if (numel(idx.shape) > 0) kernel(b, 'scatterAdd')(viewOf(out), d, viewOf(idx), viewOf(srcPart));
  return record(out, 'scatterAdd', [x, srcPart], (g) => [g, gather(g, d, idx)]);
}

/** Picks the entries of a 1-D int32 index along dim (torch.index_select); composed from gather. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const idx = checkIndexTensor('indexSelect', index);
  if (idx.ndim > 1) throw new Error(`indexSelect: index must be 1-D, got shape ${shapeStr(idx.shape)}`);
  const d = normalizeDim('indexSelect', dim, x.ndim);
  const size = x.ndim === 0 ? 1 : x.shape[d]!;
  for (const v of idx.data()) {
    if (v < 0 || v >= size) throw new Error(`indexSelect: index ${v} is out of bounds for dim ${d} with size ${size}`);
  }
  const k = idx.numel();
  const outShape = x.shape.map((s, i) => (i === d ? k : s));
  const lifted = idx.reshape(x.shape.map((_, i) => (i === d ? k : 1)));
  const spread = new Tensor(lifted.storage, outShape, broadcastView(lifted, outShape).strides as number[], lifted.offset);
  return gather(x, d, spread);
}

/** Int32 one-hot rows for int32 class labels; numClasses defaults to max label + 1. */
export function oneHot(labels: Tensor, numClasses = -1): Tensor {
  const t = assertTensor('oneHot', 'labels', labels);
  if (t.dtype !== 'int32') throw new Error(`oneHot: labels must have dtype int32, got ${t.dtype}`);
  const d = t.data();
  let maxLabel = -1;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v < 0) throw new Error(`oneHot: labels must be non-negative, got ${v}`);
    if (v > maxLabel) maxLabel = v;
  }
  const n = numClasses === -1 ? maxLabel + 1 : numClasses;
  if (!Number.isInteger(n) || n < 1) throw new Error(`oneHot: numClasses must be a positive integer or -1, got ${numClasses}`);
  if (maxLabel >= n) throw new Error(`oneHot: label ${maxLabel} is out of range for numClasses ${n}`);
  const out = new Int32Array(d.length * n);
  for (let i = 0; i < d.length; i++) out[i * n + d[i]!] = 1;
  return fromStorage(kernel(backendOf('oneHot', t), 'fromArray')(out), [...t.shape, n]);
}

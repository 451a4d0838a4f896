/** matmul with PyTorch's rules for 1-D operands and broadcast batch dims; VJP beside it. */
import { kernel } from '../backends/backend.js';
import { promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes, shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { assertTensor, backendOf, broadcastView, fromStorage, record, sumToShape } from './core.js';
import { cast } from './elementwise.js';

export function matmul(a: Tensor, b: Tensor): Tensor {
  assertTensor('matmul', 'input', a);
  assertTensor('matmul', 'other', b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`matmul: both arguments need at least 1 dim, got shapes ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`);
  }
  // 1-D operands become a row (left) or a column (right), removed again afterwards.
  const x = a.ndim === 1 ? a.unsqueeze(0) : a;
  const y = b.ndim === 1 ? b.unsqueeze(-1) : b;
  let out = matmulNd(x, y, a.shape, b.shape);
  if (a.ndim === 1) out = out.squeeze(-2);
  if (b.ndim === 1) out = out.squeeze(-1);
  return out;
}

function matmulNd(x: Tensor, y: Tensor, aShape: readonly number[], bShape: readonly number[]): Tensor {
  const [m, k] = x.shape.slice(-2) as [number, number];
  const [k2, n] = y.shape.slice(-2) as [number, number];
  if (k !== k2) {
    throw new Error(`matmul: shapes ${shapeStr(aShape)} and ${shapeStr(bShape)} cannot be multiplied (${k} != ${k2})`);
  }
  const batch = broadcastShapes('matmul', x.shape.slice(0, -2), y.shape.slice(0, -2));
  const dtype = promoteTypes(x.dtype, y.dtype);
  const xc = cast(x, dtype);
  const yc = cast(y, dtype);
  const be = backendOf('matmul', xc, yc);
  const storage = kernel(be, 'matmul')(broadcastView(xc, [...batch, m, k]), broadcastView(yc, [...batch, k, n]), dtype);
  const out = fromStorage(storage, [...batch, m, n]);
  return record(out, 'matmul', [xc, yc], (g) => [
    xc.requiresGrad ? sumToShape(transposed(xc) ? yc.matmul(g.mT).mT : g.matmul(yc.mT), xc.shape) : null,
    yc.requiresGrad ? sumToShape(transposed(yc) ? g.mT.matmul(xc).mT : xc.mT.matmul(g), yc.shape) : null,
  ]);
}

/**
 * Whether t is the transpose of a contiguous matrix (e.g. Linear's weight.t()). Its gradient is
 * then computed as (·)ᵀ of a product so that it too is a transposed view of contiguous memory,
 * and the gradient reaching the weight is contiguous: no strided copy on the way back.
 */
function transposed(t: Tensor): boolean {
  return t.ndim === 2 && t.shape[0]! > 1 && t.shape[1]! > 1 && t.strides[0] === 1 && t.strides[1] === t.shape[0];
}

/** Reductions: the view is permuted so that reduced dims come last, then reduced in groups. */
import type { Backend, ReduceOp, StridedView } from '../backend.js';
import type { DType } from '../../tensor/dtype.js';
import { numel } from '../../tensor/shape.js';
import { alloc, dataOf, stridedOffsets, type ArrayStorage } from './storage.js';

export function reduce(backend: Backend, op: ReduceOp, x: StridedView, dims: readonly number[], outDtype: DType): ArrayStorage {
  const nd = x.shape.length;
  const kept = [...Array(nd).keys()].filter((d) => !dims.includes(d));
  const order = [...kept, ...dims];
  const shape = order.map((d) => x.shape[d]!);
  const strides = order.map((d) => x.strides[d]!);
  const groupSize = numel(dims.map((d) => x.shape[d]!));
  const groups = numel(kept.map((d) => x.shape[d]!));
  const offs = stridedOffsets(shape, strides, x.offset);
  const xd = dataOf(x);
  const out = alloc(backend, outDtype, groups);
  const o = out.data;
  if ((op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin') && groupSize === 0) {
    throw new Error(`${op}: cannot reduce over a zero-size dim (the reduction has no identity)`);
  }
  for (let g = 0; g < groups; g++) {
    const base = g * groupSize;
    switch (op) {
      case 'sum': {
        let s = 0;
        for (let i = 0; i < groupSize; i++) s += xd[offs[base + i]!]!;
        o[g] = s;
        break;
      }
      case 'prod': {
        let s = 1;
        for (let i = 0; i < groupSize; i++) s *= xd[offs[base + i]!]!;
        o[g] = s;
        break;
      }
      case 'max':
      case 'argmax':
      case 'min':
      case 'argmin': {
        const isMax = op === 'max' || op === 'argmax';
        let best = xd[offs[base]!]!;
        let arg = 0;
        if (best === best) {
          for (let i = 1; i < groupSize; i++) {
            const v = xd[offs[base + i]!]!;
            if (v !== v) {
              // NaN wins, as in PyTorch
              best = v;
              arg = i;
              break;
            }
            if (isMax ? v > best : v < best) {
              best = v;
              arg = i;
            }
          }
        }
        o[g] = op === 'max' || op === 'min' ? best : arg;
        break;
      }
    }
  }
  return out;
}

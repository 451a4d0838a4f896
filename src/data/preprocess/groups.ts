/**
 * Which elements share one statistic. Per feature (default): x [N, ...F] has one statistic per
 * element of F — for images that is the mean *image* (AlexNet). Per channel: x [N, C, ...S] has
 * one statistic per channel C, pooled over samples and positions (the per-channel mean of VGG,
 * deck 004), which also works for images of another size at transform time.
 */
import { shapeStr, numel } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';

export interface Groups {
  perChannel: boolean;
  /** Per feature: x.shape.slice(1). Per channel: [C]. */
  featureShape: number[];
}

export function groupCount(g: Groups): number {
  return numel(g.featureShape);
}

export function groupsOf(op: string, x: Tensor, perChannel: boolean): Groups {
  if (perChannel) {
    if (x.ndim < 2) throw new Error(`${op}: perChannel needs x of shape [N, C, ...], got ${shapeStr(x.shape)}`);
    return { perChannel, featureShape: [x.shape[1]!] };
  }
  return { perChannel, featureShape: x.shape.slice(1) };
}

/** Fails unless x has the layout the statistics were fitted on. */
export function checkGroups(op: string, x: Tensor, g: Groups): void {
  if (g.perChannel) {
    if (x.ndim < 2 || x.shape[1] !== g.featureShape[0]) {
      throw new Error(`${op}: fitted per channel on ${g.featureShape[0]} channels; expected x of shape [N, ${g.featureShape[0]}, ...], got ${shapeStr(x.shape)}`);
    }
    return;
  }
  const f = x.shape.slice(1);
  if (f.length !== g.featureShape.length || f.some((s, i) => s !== g.featureShape[i])) {
    throw new Error(`${op}: fitted on samples of shape ${shapeStr(g.featureShape)}; expected x of shape [N, ${g.featureShape.join(', ')}], got ${shapeStr(x.shape)}`);
  }
}

export interface GroupStats {
  /** Elements per group. */
  count: number;
  mean: Float64Array;
  /** Population variance (divisor count), two-pass. */
  variance: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function groupStats(op: string, x: Tensor, g: Groups): GroupStats {
  const G = groupCount(g);
  const n = x.shape[0]!;
  if (n === 0) throw new Error(`${op}: cannot fit on an empty tensor (shape ${shapeStr(x.shape)})`);
  // layout: [n, G, inner] — inner = 1 per feature, the spatial size per channel
  const inner = g.perChannel ? numel(x.shape.slice(2)) : 1;
  const count = n * inner;
  if (count === 0 || G === 0) throw new Error(`${op}: no elements per ${g.perChannel ? 'channel' : 'feature'} in shape ${shapeStr(x.shape)}`);
  const data = x.data(); // read in place: no float64 copy of a large training set
  const mean = new Float64Array(G);
  const min = new Float64Array(G).fill(Infinity);
  const max = new Float64Array(G).fill(-Infinity);
  const variance = new Float64Array(G);
  for (let s = 0, e = 0; s < n; s++) {
    for (let k = 0; k < G; k++) {
      let sum = 0;
      let lo = min[k]!;
      let hi = max[k]!;
      for (let j = 0; j < inner; j++, e++) {
        const v = data[e]!;
        if (!Number.isFinite(v)) throw new Error(`${op}: x contains ${v} (sample ${s}); statistics need finite data`);
        sum += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      mean[k]! += sum;
      min[k] = lo;
      max[k] = hi;
    }
  }
  for (let k = 0; k < G; k++) mean[k]! /= count;
  for (let s = 0, e = 0; s < n; s++) {
    for (let k = 0; k < G; k++) {
      const m = mean[k]!;
      let acc = 0;
      for (let j = 0; j < inner; j++, e++) {
        const d = data[e]! - m;
        acc += d * d;
      }
      variance[k]! += acc;
    }
  }
  for (let k = 0; k < G; k++) variance[k]! /= count;
  return { count, mean, variance, min, max };
}

/** A statistic as a tensor that broadcasts against x: shape F per feature, [C, 1, …] per channel. */
export function groupTensor(values: Float64Array, g: Groups, x: Tensor): Tensor {
  const shape = g.perChannel ? [g.featureShape[0]!, ...Array<number>(x.ndim - 2).fill(1)] : g.featureShape;
  const arr = x.dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  return fromTyped(arr, shape, x);
}

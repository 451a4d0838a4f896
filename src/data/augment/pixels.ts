/**
 * Moving images between tensors and typed arrays, and the few random draws the transforms make.
 * The typed-array transforms read their input once (`readImages`), loop over image n, channel c,
 * row y, column x in row-major NCHW order, and wrap the result once (`writeImages`).
 */
import { fillRandint } from '../../random/distributions.js';
import type { Generator } from '../../random/generator.js';
import { tensor } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { imageInput, type ImageShape } from './validate.js';

export type FloatArray = Float32Array | Float64Array;

export interface Images extends ImageShape {
  /** Row-major NCHW values (a copy; safe to write). */
  data: FloatArray;
}

/** Validates x as a CHW image / NCHW batch and copies its values out. */
export function readImages(who: string, x: Tensor): Images {
  const s = imageInput(who, x);
  return { ...s, data: x.data() as FloatArray };
}

/** A zeroed array of the same element type as `like`. */
export function alloc(like: FloatArray, n: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/** Wraps row-major values as a tensor of `shape` with x's dtype and on x's backend. */
export function writeImages(x: Tensor, data: FloatArray, shape: readonly number[]): Tensor {
  const t = tensor(data, { dtype: x.dtype }).reshape([...shape]);
  return t.backend === x.backend ? t : t.to(x.backend);
}

/** Output shape for n images of c×h×w, batched like the input. */
export function outShape(s: { batched: boolean; n: number }, c: number, h: number, w: number): number[] {
  return s.batched ? [s.n, c, h, w] : [c, h, w];
}

// ---- random draws ------------------------------------------------------------------------------

/** Uniform in [lo, hi) (exactly lo when lo == hi). */
export function uniform(g: Generator, lo: number, hi: number): number {
  return lo === hi ? lo : lo + (hi - lo) * g.nextFloat64();
}

const one = new Int32Array(1);
/** Uniform integer in [lo, hi), unbiased; lo without a draw when hi <= lo + 1. */
export function randint(g: Generator, lo: number, hi: number): number {
  return hi <= lo + 1 ? lo : fillRandint(g, one, lo, hi)[0]!;
}

/** True with probability p (one draw; p = 1 is always true, p = 0 always false). */
export function coin(g: Generator, p: number): boolean {
  return g.nextFloat64() < p;
}

/** Round half to even, like Python's round() that torchvision uses for crop offsets. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Argument checks shared by the augmentations. Every message starts with the transform's name,
 * says which argument is wrong, what was expected and what was given (STYLE lesson 12).
 * The generic checks (options, probabilities, positive numbers) come from the nn layers.
 */
import { isFloating } from '../../tensor/dtype.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

export {
  checkOptions,
  probability,
  positiveInt,
  nonNegativeInt,
  positiveNumber,
  nonNegativeNumber,
  bool,
} from '../../nn/layers/validate.js';

export function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return 'a function';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Layout of an image input: a CHW image (n = 1, batched = false) or an NCHW batch. */
export interface ImageShape {
  n: number;
  c: number;
  h: number;
  w: number;
  batched: boolean;
}

/** Checks x is a floating-point CHW image or NCHW batch with non-empty planes. */
export function imageInput(who: string, x: unknown): ImageShape {
  if (!(x instanceof Tensor)) {
    throw new Error(`${who}: expected a Tensor image [C, H, W] or batch [N, C, H, W], got ${x === null ? 'null' : typeof x}`);
  }
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new Error(`${who}: expected a 3-D image [C, H, W] or a 4-D batch [N, C, H, W], got shape ${shapeStr(x.shape)}`);
  }
  if (!isFloating(x.dtype)) {
    throw new Error(`${who}: expected a floating-point image (float32 or float64, values typically in [0, 1]), got dtype ${x.dtype}`);
  }
  const batched = x.ndim === 4;
  const [n, c, h, w] = batched ? (x.shape as [number, number, number, number]) : [1, ...(x.shape as [number, number, number])];
  if (c < 1 || h < 1 || w < 1) throw new Error(`${who}: the image must have at least one channel and one pixel, got shape ${shapeStr(x.shape)}`);
  return { n, c, h, w, batched };
}

/** Checks the channel count. */
export function channels(who: string, what: string, s: ImageShape, allowed: readonly number[]): void {
  if (!allowed.includes(s.c)) {
    const plural = (k: number): string => (k === 1 ? '' : 's');
    throw new Error(`${who}: ${what} needs ${allowed.join(' or ')} channel${plural(allowed[allowed.length - 1]!)}, got an image with ${s.c} channel${plural(s.c)}`);
  }
}

/** An output size: an integer (square) or [height, width]; resolved to [height, width]. */
export function sizePair(who: string, name: string, v: unknown): [number, number] {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) ? [...(v as unknown[])] : null;
  if (p === null || p.length !== 2 || p.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 1)) {
    throw new Error(`${who}: ${name} must be a positive integer or a pair [height, width] of them, got ${show(v)}`);
  }
  return p as [number, number];
}

/** A finite number. */
export function finite(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${who}: ${name} must be a finite number, got ${show(v)}`);
  return v;
}

/**
 * A [min, max] range with lo <= min <= max <= hi. A single number v becomes `symmetric(v)`
 * (e.g. degrees 10 → [-10, 10], brightness 0.2 → [0.8, 1.2]); it must be >= 0.
 */
export function range(
  who: string,
  name: string,
  v: unknown,
  { lo = -Infinity, hi = Infinity, symmetric }: { lo?: number; hi?: number; symmetric?: (v: number) => [number, number] } = {},
): [number, number] {
  let r: [number, number];
  if (typeof v === 'number' && symmetric) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`${who}: ${name} must be a non-negative number or a [min, max] pair, got ${show(v)}`);
    r = symmetric(v);
  } else if (Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === 'number' && Number.isFinite(e))) {
    r = [v[0] as number, v[1] as number];
  } else {
    throw new Error(`${who}: ${name} must be ${symmetric ? 'a non-negative number or ' : ''}a [min, max] pair of finite numbers, got ${show(v)}`);
  }
  if (!(r[0] <= r[1])) throw new Error(`${who}: ${name} must have min <= max, got ${show(v)}`);
  if (r[0] < lo || r[1] > hi) throw new Error(`${who}: ${name} must lie within [${lo}, ${hi}], got ${show(v)}`);
  return r;
}

/** A fill value: one number for every channel, or one per channel. */
export function fillOption(who: string, v: unknown): number | number[] {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'number' && Number.isFinite(e))) return [...(v as number[])];
  throw new Error(`${who}: fill must be a finite number or an array of them (one per channel), got ${show(v)}`);
}

/** The fill value of each of c channels. */
export function fillPerChannel(who: string, fill: number | number[], c: number): number[] {
  if (typeof fill === 'number') return new Array<number>(c).fill(fill);
  if (fill.length === 1) return new Array<number>(c).fill(fill[0]!);
  if (fill.length !== c) throw new Error(`${who}: fill has ${fill.length} values but the image has ${c} channels`);
  return fill;
}

export function oneOf<T extends string>(who: string, name: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new Error(`${who}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${show(v)}`);
  }
  return v as T;
}

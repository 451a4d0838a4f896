/**
 * Resize (torchvision.transforms.Resize): an integer size resizes the shorter edge to `size`,
 * keeping the aspect ratio (longer edge = ⌊size · long/short⌋, capped at `maxSize`); a pair
 * [h, w] resizes to exactly h×w. Bilinear (align_corners=False) or nearest; `antialias` (default
 * true, as torchvision's default) widens the bilinear filter when shrinking, like PIL.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, outShape, readImages, writeImages } from './pixels.js';
import { resizeInto, type Interpolation } from './sampling.js';
import { Transform } from './transform.js';
import { bool, checkOptions, imageInput, oneOf, positiveInt, show } from './validate.js';

export interface ResizeOptions {
  interpolation?: Interpolation;
  /** With an integer size: the longer edge is capped at this (must exceed size). */
  maxSize?: number | null;
  /** Antialias when downscaling with bilinear interpolation (default true). */
  antialias?: boolean;
}

export interface ResizeConfig {
  size: number | [number, number];
  interpolation: Interpolation;
  maxSize: number | null;
  antialias: boolean;
}

export const INTERPOLATIONS: readonly Interpolation[] = ['bilinear', 'nearest'];

/** torchvision's `_compute_resized_output_size`: the [height, width] an H×W image is resized to. */
export function resizedSize(h: number, w: number, size: number | readonly [number, number], maxSize: number | null): [number, number] {
  if (typeof size !== 'number') return [size[0], size[1]];
  const [short, long] = w <= h ? [w, h] : [h, w];
  let newShort = size;
  let newLong = Math.floor((size * long) / short);
  if (maxSize !== null && newLong > maxSize) {
    newShort = Math.floor((maxSize * newShort) / newLong);
    newLong = maxSize;
  }
  return w <= h ? [newLong, newShort] : [newShort, newLong];
}

/** Resizes every image of x (a CHW image or NCHW batch) to oh×ow. */
export function resizeImages(who: string, x: Tensor, oh: number, ow: number, interpolation: Interpolation, antialias: boolean): Tensor {
  const s = imageInput(who, x);
  if (oh === s.h && ow === s.w) return x;
  const img = readImages(who, x);
  const plane = s.c * oh * ow;
  const out = alloc(img.data, s.n * plane);
  for (let n = 0; n < s.n; n++) {
    resizeInto(img.data, n * s.c * s.h * s.w, s.c, s.h, s.w, 0, 0, s.h, s.w, oh, ow, { interpolation, antialias }, out, n * plane);
  }
  return writeImages(x, out, outShape(s, s.c, oh, ow));
}

export class Resize extends Transform<ResizeConfig> {
  readonly type = 'Resize';
  readonly config: ResizeConfig;

  constructor(size: number | readonly [number, number], options: ResizeOptions = {}) {
    super();
    checkOptions(this.type, options, ['interpolation', 'maxSize', 'antialias']);
    const ok = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (!(ok(size) || (Array.isArray(size) && size.length === 2 && size.every(ok)))) {
      throw new Error(`${this.type}: size must be a positive integer (shorter edge) or [height, width], got ${show(size)}`);
    }
    const maxSize = options.maxSize ?? null;
    if (maxSize !== null) {
      positiveInt(this.type, 'maxSize', maxSize);
      if (typeof size !== 'number') throw new Error(`${this.type}: maxSize only applies when size is a single number, got size ${show(size)}`);
      if (maxSize <= size) throw new Error(`${this.type}: maxSize (${maxSize}) must be larger than size (${size})`);
    }
    this.config = {
      size: typeof size === 'number' ? size : [size[0], size[1]],
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS),
      maxSize,
      antialias: bool(this.type, 'antialias', options.antialias ?? true),
    };
  }

  static fromConfig(config: ResizeOptions & { size: number | [number, number] }): Resize {
    const { size, ...rest } = config;
    return new Resize(size, rest);
  }

  call(x: Tensor): Tensor {
    const s = imageInput(this.type, x);
    const [oh, ow] = resizedSize(s.h, s.w, this.config.size, this.config.maxSize);
    return resizeImages(this.type, x, oh, ow, this.config.interpolation, this.config.antialias);
  }
}

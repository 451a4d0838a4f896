/**
 * RandomRotation (torchvision.transforms.RandomRotation; deck 004 "rotation"): rotates each image
 * counter-clockwise by θ ~ U(degrees) about its centre (or `center`, [x, y] in pixels from the
 * top-left corner), keeping its size; pixels that come from outside the image get `fill`.
 * The sampling is the shared affine warp: out(p) = img(R(θ)⁻¹ · (p − c) + c).
 * Nearest interpolation by default, as torchvision; 'bilinear' for smoother results.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, readImages, uniform, writeImages } from './pixels.js';
import { INTERPOLATIONS } from './resize.js';
import { inverseAffine, warpAffineInto, type Interpolation } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { fillOption, fillPerChannel, finite, imageInput, oneOf, range, show } from './validate.js';

export interface RandomRotationOptions {
  interpolation?: Interpolation;
  /** Centre of rotation [x, y] in pixels from the top-left corner (default: the image centre). */
  center?: readonly [number, number] | null;
  /** Value for pixels from outside the image: one number or one per channel (default 0). */
  fill?: number | readonly number[];
  generator?: Generator;
}

export interface RandomRotationConfig {
  degrees: [number, number];
  interpolation: Interpolation;
  center: [number, number] | null;
  fill: number | number[];
}

/** A [x, y] centre option, or null. */
export function centerOption(who: string, v: unknown): [number, number] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length !== 2) throw new Error(`${who}: center must be [x, y] in pixels, got ${show(v)}`);
  return [finite(who, 'center[0]', v[0]), finite(who, 'center[1]', v[1])];
}

/** torchvision's centre offset: a pixel position [x, y] relative to the image centre. */
export function centerShift(center: [number, number] | null, h: number, w: number): [number, number] {
  return center === null ? [0, 0] : [center[0] - w / 2, center[1] - h / 2];
}

/** Rotates every image of x counter-clockwise by `angle` degrees (torchvision's F.rotate, no expand). */
export function rotate(x: Tensor, angle: number, options: Omit<RandomRotationOptions, 'generator'> = {}): Tensor {
  return new RandomRotation([angle, angle], options).call(x);
}

export class RandomRotation extends RandomTransform<RandomRotationConfig> {
  readonly type = 'RandomRotation';
  readonly config: RandomRotationConfig;

  /** @param degrees d for θ ∈ [−d, d], or [min, max]. */
  constructor(degrees: number | readonly [number, number], options: RandomRotationOptions = {}) {
    super('RandomRotation', options, ['interpolation', 'center', 'fill']);
    this.config = {
      degrees: range(this.type, 'degrees', degrees, { symmetric: (d) => [-d, d] }),
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'nearest', INTERPOLATIONS),
      center: centerOption(this.type, options.center),
      fill: fillOption(this.type, options.fill ?? 0),
    };
  }

  static fromConfig(config: RandomRotationConfig): RandomRotation {
    const { degrees, ...rest } = config;
    return new RandomRotation(degrees, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const fill = fillPerChannel(this.type, this.config.fill, s.c);
    const center = centerShift(this.config.center, s.h, s.w);
    const img = readImages(this.type, x);
    const out = alloc(img.data, img.data.length);
    const size = s.c * s.h * s.w;
    for (let n = 0; n < s.n; n++) {
      const angle = uniform(g, this.config.degrees[0], this.config.degrees[1]);
      const m = inverseAffine(-angle, [0, 0], 1, [0, 0], center);
      warpAffineInto(img.data, n * size, s.c, s.h, s.w, m, { interpolation: this.config.interpolation, fill }, out, n * size);
    }
    return writeImages(x, out, x.shape);
  }
}

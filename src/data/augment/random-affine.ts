/**
 * RandomAffine (torchvision.transforms.RandomAffine; deck 001 "affine distortion", deck 000
 * "cropping, rotation, scaling"): per image draws
 *   angle ~ U(degrees)                         (clockwise on screen, as torchvision's F.affine)
 *   tx = round(U(−a·W, a·W)), ty = round(U(−b·H, b·H))   with translate = [a, b] (fractions)
 *   s ~ U(scale),  shearX ~ U(shear[0..1]),  shearY ~ U(shear[2..3])   (degrees)
 * and warps out(p) = img(A⁻¹ · (p − c) + c) with A = T · C · R · Sh · S · C⁻¹ about the centre.
 * Omitted (null) parts are not drawn. Nearest interpolation by default, as torchvision.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, readImages, roundHalfEven, uniform, writeImages } from './pixels.js';
import { INTERPOLATIONS } from './resize.js';
import { centerOption, centerShift } from './random-rotation.js';
import { inverseAffine, warpAffineInto, type Interpolation } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { checkOptions, fillOption, fillPerChannel, finite, imageInput, oneOf, positiveNumber, range, show } from './validate.js';

export interface RandomAffineOptions {
  /** Maximum translation as fractions [of width, of height], each in [0, 1] (default none). */
  translate?: readonly [number, number] | null;
  /** Range of the scale factor, both > 0 (default none: 1). */
  scale?: readonly [number, number] | null;
  /** Shear in degrees: s (x in [−s, s]), [min, max] for x, or [xmin, xmax, ymin, ymax] (default none). */
  shear?: number | readonly number[] | null;
  interpolation?: 'bilinear' | 'nearest';
  fill?: number | readonly number[];
  /** Centre [x, y] in pixels from the top-left corner (default: the image centre). */
  center?: readonly [number, number] | null;
  generator?: Generator;
}

export interface RandomAffineConfig {
  degrees: [number, number];
  translate: [number, number] | null;
  scale: [number, number] | null;
  /** [xmin, xmax, ymin, ymax] or null. */
  shear: [number, number, number, number] | null;
  interpolation: Interpolation;
  fill: number | number[];
  center: [number, number] | null;
}

function shearOption(who: string, v: unknown): [number, number, number, number] | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v) && v.length === 4) {
    const x = range(who, 'shear[0..1]', v.slice(0, 2));
    const y = range(who, 'shear[2..3]', v.slice(2));
    return [...x, ...y];
  }
  if (typeof v === 'number' || (Array.isArray(v) && v.length === 2)) return [...range(who, 'shear', v, { symmetric: (s) => [-s, s] }), 0, 0];
  throw new Error(`${who}: shear must be a number, [min, max] or [xmin, xmax, ymin, ymax] in degrees, got ${show(v)}`);
}

export interface AffineOptions {
  /** Degrees, clockwise on screen (torchvision's F.affine) (default 0). */
  angle?: number;
  /** [tx, ty] in pixels (default [0, 0]). */
  translate?: readonly [number, number];
  scale?: number;
  /** [shearX, shearY] in degrees, or one number for x (default 0). */
  shear?: number | readonly [number, number];
  interpolation?: Interpolation;
  fill?: number | readonly number[];
  center?: readonly [number, number] | null;
}

/** A fixed affine warp of every image of x (torchvision's F.affine); the same sampling as RandomAffine. */
export function affine(x: Tensor, options: AffineOptions = {}): Tensor {
  const who = 'affine';
  checkOptions(who, options, ['angle', 'translate', 'scale', 'shear', 'interpolation', 'fill', 'center']);
  const s = imageInput(who, x);
  const angle = finite(who, 'angle', options.angle ?? 0);
  const t = options.translate ?? [0, 0];
  const translate: [number, number] = [finite(who, 'translate[0]', t[0]), finite(who, 'translate[1]', t[1])];
  const scale = positiveNumber(who, 'scale', options.scale ?? 1);
  const sh = options.shear ?? 0;
  const shear: [number, number] = typeof sh === 'number' ? [finite(who, 'shear', sh), 0] : [finite(who, 'shear[0]', sh[0]), finite(who, 'shear[1]', sh[1])];
  const interpolation = oneOf(who, 'interpolation', options.interpolation ?? 'nearest', INTERPOLATIONS);
  const fill = fillPerChannel(who, fillOption(who, options.fill ?? 0), s.c);
  const m = inverseAffine(angle, translate, scale, shear, centerShift(centerOption(who, options.center), s.h, s.w));
  const img = readImages(who, x);
  const out = alloc(img.data, img.data.length);
  const size = s.c * s.h * s.w;
  for (let n = 0; n < s.n; n++) warpAffineInto(img.data, n * size, s.c, s.h, s.w, m, { interpolation, fill }, out, n * size);
  return writeImages(x, out, x.shape);
}

export class RandomAffine extends RandomTransform<RandomAffineConfig> {
  readonly type = 'RandomAffine';
  readonly config: RandomAffineConfig;

  /** @param degrees d for angle ∈ [−d, d], or [min, max]; 0 for no rotation. */
  constructor(degrees: number | readonly [number, number], options: RandomAffineOptions = {}) {
    super('RandomAffine', options, ['translate', 'scale', 'shear', 'interpolation', 'fill', 'center']);
    const t = options.translate ?? null;
    const sc = options.scale ?? null;
    if (sc !== null) {
      const r = range(this.type, 'scale', sc);
      if (!(r[0] > 0)) throw new Error(`${this.type}: scale must be positive, got ${show(sc)}`);
    }
    this.config = {
      degrees: range(this.type, 'degrees', degrees, { symmetric: (d) => [-d, d] }),
      translate: t === null ? null : (() => {
        if (!Array.isArray(t) || t.length !== 2 || !t.every((e) => typeof e === 'number' && e >= 0 && e <= 1)) {
          throw new Error(`${this.type}: translate must be [a, b] with fractions in [0, 1], got ${show(t)}`);
        }
        return [t[0], t[1]] as [number, number];
      })(),
      scale: sc === null ? null : [sc[0], sc[1]],
      shear: shearOption(this.type, options.shear),
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'nearest', INTERPOLATIONS),
      fill: fillOption(this.type, options.fill ?? 0),
      center: centerOption(this.type, options.center),
    };
  }

  static fromConfig(config: RandomAffineConfig): RandomAffine {
    const { degrees, ...rest } = config;
    return new RandomAffine(degrees, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const { degrees, translate, scale, shear, interpolation } = this.config;
    const fill = fillPerChannel(this.type, this.config.fill, s.c);
    const center = centerShift(this.config.center, s.h, s.w);
    const img = readImages(this.type, x);
    const out = alloc(img.data, img.data.length);
    const size = s.c * s.h * s.w;
    for (let n = 0; n < s.n; n++) {
      const angle = uniform(g, degrees[0], degrees[1]);
      let tx = 0;
      let ty = 0;
      if (translate) {
        const mx = translate[0] * s.w;
        const my = translate[1] * s.h;
        tx = roundHalfEven(uniform(g, -mx, mx));
        ty = roundHalfEven(uniform(g, -my, my));
      }
      const sc = scale ? uniform(g, scale[0], scale[1]) : 1;
      const shx = shear ? uniform(g, shear[0], shear[1]) : 0;
      const shy = shear && (shear[2] !== 0 || shear[3] !== 0) ? uniform(g, shear[2], shear[3]) : 0;
      const m = inverseAffine(angle, [tx, ty], sc, [shx, shy], center);
      warpAffineInto(img.data, n * size, s.c, s.h, s.w, m, { interpolation, fill }, out, n * size);
    }
    return writeImages(x, out, x.shape);
  }
}

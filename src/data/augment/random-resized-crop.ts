/**
 * RandomResizedCrop (torchvision.transforms.RandomResizedCrop; deck 004 "random crops and scales",
 * SimCLR's "crop and resize"): pick a window whose area is a fraction s ~ U(scale) of the image and
 * whose aspect ratio r has log r ~ U(log ratio), i.e. w = round(√(s·H·W·r)), h = round(√(s·H·W/r));
 * retry up to 10 times until it fits, else fall back to the largest centred window with a ratio in
 * range. The window's top-left is uniform over the valid positions; it is then resized to `size`
 * (bilinear by default, antialiased when shrinking). On an NCHW batch each image gets its own window.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, outShape, randint, readImages, roundHalfEven, uniform, writeImages } from './pixels.js';
import { INTERPOLATIONS } from './resize.js';
import { resizeInto, type Interpolation } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { bool, imageInput, oneOf, range, sizePair } from './validate.js';

export interface RandomResizedCropOptions {
  /** Range of the window's area as a fraction of the image (default [0.08, 1]). */
  scale?: readonly [number, number];
  /** Range of the window's width/height ratio (default [3/4, 4/3]). */
  ratio?: readonly [number, number];
  interpolation?: Interpolation;
  antialias?: boolean;
  generator?: Generator;
}

export interface RandomResizedCropConfig {
  size: [number, number];
  scale: [number, number];
  ratio: [number, number];
  interpolation: Interpolation;
  antialias: boolean;
}

/** torchvision's RandomResizedCrop.get_params: [top, left, height, width] of the window. */
export function resizedCropWindow(
  g: Generator, h: number, w: number, scale: readonly [number, number], ratio: readonly [number, number],
): [number, number, number, number] {
  const area = h * w;
  const logLo = Math.log(ratio[0]);
  const logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(g, scale[0], scale[1]);
    const aspect = Math.exp(uniform(g, logLo, logHi));
    const cw = roundHalfEven(Math.sqrt(target * aspect));
    const ch = roundHalfEven(Math.sqrt(target / aspect));
    if (cw > 0 && cw <= w && ch > 0 && ch <= h) {
      const top = randint(g, 0, h - ch + 1);
      const left = randint(g, 0, w - cw + 1);
      return [top, left, ch, cw];
    }
  }
  const inRatio = w / h;
  let cw = w;
  let ch = h;
  if (inRatio < ratio[0]) ch = roundHalfEven(cw / ratio[0]);
  else if (inRatio > ratio[1]) cw = roundHalfEven(ch * ratio[1]);
  return [Math.floor((h - ch) / 2), Math.floor((w - cw) / 2), ch, cw];
}

export class RandomResizedCrop extends RandomTransform<RandomResizedCropConfig> {
  readonly type = 'RandomResizedCrop';
  readonly config: RandomResizedCropConfig;

  constructor(size: number | readonly [number, number], options: RandomResizedCropOptions = {}) {
    super('RandomResizedCrop', options, ['scale', 'ratio', 'interpolation', 'antialias']);
    const scale = range(this.type, 'scale', options.scale ?? [0.08, 1], { lo: 0 });
    const ratio = range(this.type, 'ratio', options.ratio ?? [3 / 4, 4 / 3], { lo: 0 });
    if (!(scale[1] > 0)) throw new Error(`${this.type}: scale must allow a positive area, got ${JSON.stringify(scale)}`);
    if (!(ratio[0] > 0)) throw new Error(`${this.type}: ratio must be positive, got ${JSON.stringify(ratio)}`);
    this.config = {
      size: sizePair(this.type, 'size', size),
      scale,
      ratio,
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS),
      antialias: bool(this.type, 'antialias', options.antialias ?? true),
    };
  }

  static fromConfig(config: RandomResizedCropOptions & { size: number | [number, number] }): RandomResizedCrop {
    const { size, ...rest } = config;
    return new RandomResizedCrop(size, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const { size: [oh, ow], scale, ratio, interpolation, antialias } = this.config;
    const img = readImages(this.type, x);
    const plane = s.c * oh * ow;
    const out = alloc(img.data, s.n * plane);
    for (let n = 0; n < s.n; n++) {
      const [top, left, ch, cw] = resizedCropWindow(g, s.h, s.w, scale, ratio);
      resizeInto(img.data, n * s.c * s.h * s.w, s.c, s.h, s.w, top, left, ch, cw, oh, ow, { interpolation, antialias }, out, n * plane);
    }
    return writeImages(x, out, outShape(s, s.c, oh, ow));
  }
}

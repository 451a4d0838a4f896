/**
 * Cutout (DeVries & Taylor 2017; deck 004 "cutout"): with probability p, for each of `count` holes
 * pick a centre (cy, cx) uniformly over the image and set the size[0]×size[1] square
 * [cy − ⌊h/2⌋, cy − ⌊h/2⌋ + h) × [cx − ⌊w/2⌋, cx − ⌊w/2⌋ + w), clipped to the image, to `value`.
 * The hole may hang over the border, so the erased area is at most h·w (as in the paper).
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { coin, randint, readImages, writeImages } from './pixels.js';
import { eraseRect, eraseValueOption, type EraseValue } from './random-erasing.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { fillPerChannel, positiveInt, probability, sizePair } from './validate.js';

export interface CutoutOptions {
  /** Number of holes per image (default 1). */
  count?: number;
  /** Probability of cutting each image (default 1). */
  p?: number;
  /** Value of the holes: a number, one per channel, or 'random' (default 0). */
  value?: number | readonly number[] | 'random';
  generator?: Generator;
}

export interface CutoutConfig {
  size: [number, number];
  count: number;
  p: number;
  value: EraseValue;
}

export class Cutout extends RandomTransform<CutoutConfig> {
  readonly type = 'Cutout';
  readonly config: CutoutConfig;

  /** @param size side of the square hole, or [height, width]. */
  constructor(size: number | readonly [number, number], options: CutoutOptions = {}) {
    super('Cutout', options, ['count', 'p', 'value']);
    this.config = {
      size: sizePair(this.type, 'size', size),
      count: positiveInt(this.type, 'count', options.count ?? 1),
      p: probability(this.type, options.p ?? 1),
      value: eraseValueOption(this.type, options.value ?? 0),
    };
  }

  static fromConfig(config: CutoutConfig): Cutout {
    const { size, ...rest } = config;
    return new Cutout(size, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const img = readImages(this.type, x);
    const { c, h: H, w: W } = img;
    const { size: [hh, hw], count, p, value } = this.config;
    if (Array.isArray(value)) fillPerChannel(this.type, value, c);
    for (let n = 0; n < img.n; n++) {
      if (!coin(g, p)) continue;
      for (let k = 0; k < count; k++) {
        const cy = randint(g, 0, H);
        const cx = randint(g, 0, W);
        const top = Math.max(0, cy - Math.floor(hh / 2));
        const left = Math.max(0, cx - Math.floor(hw / 2));
        const bottom = Math.min(H, cy - Math.floor(hh / 2) + hh);
        const right = Math.min(W, cx - Math.floor(hw / 2) + hw);
        eraseRect(img.data, n * c * H * W, c, H, W, top, left, bottom - top, right - left, value, g, this.type);
      }
    }
    return writeImages(x, img.data, x.shape);
  }
}

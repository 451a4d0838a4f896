/**
 * RandomGrayscale (torchvision.transforms.RandomGrayscale; SimCLR's "color distort (drop)" in
 * deck 004): with probability p, replaces every channel of an RGB image by its luma
 * L = 0.2989·R + 0.587·G + 0.114·B (the image keeps 3 channels). A 1-channel image is unchanged.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, coin, readImages, writeImages } from './pixels.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { channels, imageInput, probability } from './validate.js';

export interface RandomGrayscaleOptions {
  /** Probability of converting each image (default 0.1). */
  p?: number;
  generator?: Generator;
}

export interface RandomGrayscaleConfig {
  p: number;
}

export class RandomGrayscale extends RandomTransform<RandomGrayscaleConfig> {
  readonly type = 'RandomGrayscale';
  readonly config: RandomGrayscaleConfig;

  constructor(options: RandomGrayscaleOptions = {}) {
    super('RandomGrayscale', options, ['p']);
    this.config = { p: probability(this.type, options.p ?? 0.1) };
  }

  static fromConfig(config: RandomGrayscaleConfig): RandomGrayscale {
    return new RandomGrayscale(config);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    channels(this.type, 'grayscale conversion', s, [1, 3]);
    const draws = Array.from({ length: s.n }, () => coin(g, this.config.p));
    if (s.c === 1 || !draws.some(Boolean)) return x;
    const img = readImages(this.type, x);
    const out = alloc(img.data, img.data.length);
    out.set(img.data);
    const hw = s.h * s.w;
    for (let n = 0; n < s.n; n++) {
      if (!draws[n]) continue;
      const o = n * 3 * hw;
      for (let i = 0; i < hw; i++) {
        const l = 0.2989 * out[o + i]! + 0.587 * out[o + hw + i]! + 0.114 * out[o + 2 * hw + i]!;
        out[o + i] = l;
        out[o + hw + i] = l;
        out[o + 2 * hw + i] = l;
      }
    }
    return writeImages(x, out, x.shape);
  }
}

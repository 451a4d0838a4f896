/**
 * RandomResize (torchvision.transforms.v2.RandomResize; deck 004 "random scales": ResNet resizes
 * the short side to a random L ∈ [256, 480] before taking a random crop): draws
 * L ~ U{minSize … maxSize − 1} (upper bound exclusive, as torchvision) and resizes the shorter edge
 * to L. One L per call: an NCHW batch is resized as a whole so that it stays one tensor.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { randint } from './pixels.js';
import { INTERPOLATIONS, resizedSize, resizeImages } from './resize.js';
import type { Interpolation } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { bool, imageInput, oneOf, positiveInt } from './validate.js';

export interface RandomResizeOptions {
  interpolation?: Interpolation;
  antialias?: boolean;
  generator?: Generator;
}

export interface RandomResizeConfig {
  minSize: number;
  maxSize: number;
  interpolation: Interpolation;
  antialias: boolean;
}

export class RandomResize extends RandomTransform<RandomResizeConfig> {
  readonly type = 'RandomResize';
  readonly config: RandomResizeConfig;

  constructor(minSize: number, maxSize: number, options: RandomResizeOptions = {}) {
    super('RandomResize', options, ['interpolation', 'antialias']);
    positiveInt(this.type, 'minSize', minSize);
    positiveInt(this.type, 'maxSize', maxSize);
    if (maxSize <= minSize) throw new Error(`${this.type}: maxSize (${maxSize}, exclusive) must be larger than minSize (${minSize})`);
    this.config = {
      minSize,
      maxSize,
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS),
      antialias: bool(this.type, 'antialias', options.antialias ?? true),
    };
  }

  static fromConfig(config: RandomResizeConfig): RandomResize {
    const { minSize, maxSize, ...rest } = config;
    return new RandomResize(minSize, maxSize, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const s = imageInput(this.type, x);
    const size = randint(this.generatorFor(options), this.config.minSize, this.config.maxSize);
    const [oh, ow] = resizedSize(s.h, s.w, size, null);
    return resizeImages(this.type, x, oh, ow, this.config.interpolation, this.config.antialias);
  }
}

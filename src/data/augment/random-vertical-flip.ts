/**
 * RandomVerticalFlip (torchvision.transforms.RandomVerticalFlip; deck 004 "how about vertical
 * flip?"): with probability p, out[c][y][x] = img[c][H−1−y][x]. On an NCHW batch each image flips
 * independently. A CHW image that is not flipped is returned as is.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { randomFlip, type RandomFlipConfig, type RandomFlipOptions } from './random-horizontal-flip.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { probability } from './validate.js';

export class RandomVerticalFlip extends RandomTransform<RandomFlipConfig> {
  readonly type = 'RandomVerticalFlip';
  readonly config: RandomFlipConfig;

  constructor(options: RandomFlipOptions = {}) {
    super('RandomVerticalFlip', options, ['p']);
    this.config = { p: probability(this.type, options.p ?? 0.5) };
  }

  static fromConfig(config: RandomFlipConfig): RandomVerticalFlip {
    return new RandomVerticalFlip(config);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    return randomFlip(this.type, x, this.config.p, 'y', this.generatorFor(options));
  }
}

/**
 * GaussianNoise (torchvision.transforms.v2.GaussianNoise; decks 000/001 "noise in inputs"):
 *   out = x + ε,  ε ~ N(mean, std²) per element,  then clamped to [0, 1] when `clip` (default, as
 * torchvision; turn it off for images that were normalised to another range).
 * Unlike nn.GaussianNoise (a layer, off in eval) this is a data transform: it always applies.
 */
import { fillNormal } from '../../random/distributions.js';
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { readImages, writeImages } from './pixels.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { bool, finite, nonNegativeNumber } from './validate.js';

export interface GaussianNoiseOptions {
  /** Mean of the noise (default 0). */
  mean?: number;
  /** Standard deviation of the noise, >= 0 (default 0.1). */
  std?: number;
  /** Clamp the result to [0, 1] (default true). */
  clip?: boolean;
  generator?: Generator;
}

export interface GaussianNoiseConfig {
  mean: number;
  std: number;
  clip: boolean;
}

export class GaussianNoise extends RandomTransform<GaussianNoiseConfig> {
  readonly type = 'GaussianNoise';
  readonly config: GaussianNoiseConfig;

  constructor(options: GaussianNoiseOptions = {}) {
    super('GaussianNoise', options, ['mean', 'std', 'clip']);
    this.config = {
      mean: finite(this.type, 'mean', options.mean ?? 0),
      std: nonNegativeNumber(this.type, 'std', options.std ?? 0.1),
      clip: bool(this.type, 'clip', options.clip ?? true),
    };
  }

  static fromConfig(config: GaussianNoiseConfig): GaussianNoise {
    return new GaussianNoise(config);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const img = readImages(this.type, x);
    const d = img.data;
    const size = img.c * img.h * img.w;
    const noise = new Float64Array(size);
    for (let n = 0; n < img.n; n++) {
      fillNormal(g, noise, this.config.mean, this.config.std);
      for (let i = 0, o = n * size; i < size; i++, o++) {
        const v = d[o]! + noise[i]!;
        d[o] = this.config.clip ? (v < 0 ? 0 : v > 1 ? 1 : v) : v;
      }
    }
    return writeImages(x, d, x.shape);
  }
}

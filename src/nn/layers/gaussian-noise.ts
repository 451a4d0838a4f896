/**
 * GaussianNoise — additive noise regulariser (deck 000, "noise in inputs / weights"; Keras'
 * GaussianNoise, torchvision's GaussianNoise default σ = 0.1): in training y = x + ε with
 * ε ~ N(0, std²) drawn fresh per element and call; identity in eval. Any input shape.
 * Not a torch.nn layer.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { gaussianNoise } from '../functional/layers.js';
import { Module } from '../module.js';
import { checkOptions, floatInput, generatorOption, nonNegativeNumber } from './validate.js';

export interface GaussianNoiseOptions {
  /** Standard deviation of the noise (default 0.1). */
  std?: number;
  generator?: Generator;
}

export interface GaussianNoiseConfig {
  std: number;
}

export class GaussianNoise extends Module {
  readonly config: GaussianNoiseConfig;
  generator: Generator | undefined;

  constructor(options: GaussianNoiseOptions = {}) {
    super();
    checkOptions('GaussianNoise', options, ['std', 'generator']);
    this.config = { std: nonNegativeNumber('GaussianNoise', 'std', options.std ?? 0.1) };
    this.generator = generatorOption('GaussianNoise', options.generator);
  }

  static fromConfig(config: GaussianNoiseConfig, options: { generator?: Generator } = {}): GaussianNoise {
    return new GaussianNoise({ ...config, ...options });
  }

  forward(x: Tensor): Tensor {
    floatInput('GaussianNoise', x);
    return gaussianNoise(x, { std: this.config.std, training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `std=${this.config.std}`;
  }
}

/**
 * AlphaDropout, torch.nn.AlphaDropout — dropout for self-normalising (SELU) networks (Klambauer
 * et al. 2017; deck 001). Dropped units take SELU's saturation value α' = −λα ≈ −1.7581 and an
 * affine correction keeps zero mean and unit variance (SELU's fixed point):
 *   y = a·(x·d + α'·(1 − d)) + b,  a = ((1 − p)·(1 + α'²·p))^(−1/2),  b = −a·p·α',
 * d ~ Bernoulli(1 − p) per element. Identity in eval. Any input shape.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alphaDropout } from '../functional/layers.js';
import { Module } from '../module.js';
import type { DropoutConfig, DropoutOptions } from './dropout.js';
import { dropoutArgs, floatInput } from './validate.js';

export class AlphaDropout extends Module {
  readonly config: DropoutConfig;
  generator: Generator | undefined;

  constructor(options: number | DropoutOptions = {}) {
    super();
    const { p, generator } = dropoutArgs('AlphaDropout', options);
    this.config = { p };
    this.generator = generator;
  }

  static fromConfig(config: DropoutConfig, options: { generator?: Generator } = {}): AlphaDropout {
    return new AlphaDropout({ ...config, ...options });
  }

  forward(x: Tensor): Tensor {
    floatInput('AlphaDropout', x);
    return alphaDropout(x, this.config.p, { training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.config.p}`;
  }
}

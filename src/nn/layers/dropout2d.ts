/**
 * Dropout2d, torch.nn.Dropout2d — channel dropout (deck 000: "in 2D (images) dropout removes
 * channels and not pixels", since neighbouring pixels are strongly correlated). In training each
 * channel of [N, C, H, W] (or unbatched [C, H, W]) is zeroed entirely with probability p and the
 * rest scaled by 1/(1 − p); identity in eval.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dropout2d } from '../functional/layers.js';
import { Module } from '../module.js';
import type { DropoutConfig, DropoutOptions } from './dropout.js';
import { dropoutArgs, floatInput, inputRank } from './validate.js';

export class Dropout2d extends Module {
  readonly config: DropoutConfig;
  generator: Generator | undefined;

  constructor(options: number | DropoutOptions = {}) {
    super();
    const { p, generator } = dropoutArgs('Dropout2d', options);
    this.config = { p };
    this.generator = generator;
  }

  static fromConfig(config: DropoutConfig, options: { generator?: Generator } = {}): Dropout2d {
    return new Dropout2d({ ...config, ...options });
  }

  forward(x: Tensor): Tensor {
    floatInput('Dropout2d', x);
    inputRank('Dropout2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    return dropout2d(x, this.config.p, { training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.config.p}`;
  }
}

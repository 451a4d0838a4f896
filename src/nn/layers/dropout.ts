/**
 * Dropout, torch.nn.Dropout — inverted dropout (decks 000, 001, 004): in training every element
 * is zeroed with probability p and the survivors are scaled by 1/(1 − p), so E[output] = input;
 * in eval it is the identity ("use the full network for validation and test"). Any input shape.
 * Masks come from `generator` (default: the global default generator, read at call time).
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dropout } from '../functional/layers.js';
import { Module } from '../module.js';
import { dropoutArgs, floatInput } from './validate.js';

export interface DropoutOptions {
  /** Probability of zeroing an element (default 0.5). */
  p?: number;
  generator?: Generator;
}

export interface DropoutConfig {
  p: number;
}

export class Dropout extends Module {
  readonly config: DropoutConfig;
  /** Source of the masks; undefined = the global default generator. */
  generator: Generator | undefined;

  constructor(options: number | DropoutOptions = {}) {
    super();
    const { p, generator } = dropoutArgs('Dropout', options);
    this.config = { p };
    this.generator = generator;
  }

  static fromConfig(config: DropoutConfig, options: { generator?: Generator } = {}): Dropout {
    return new Dropout({ ...config, ...options });
  }

  forward(x: Tensor): Tensor {
    floatInput('Dropout', x);
    return dropout(x, this.config.p, { training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.config.p}`;
  }
}

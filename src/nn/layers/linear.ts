/**
 * Linear (fully connected) layer, torch.nn.Linear: y = x Wᵀ + b.
 *   input [*, inFeatures] → output [*, outFeatures]; weight [outFeatures, inFeatures], bias [outFeatures].
 * Default init as PyTorch: W ~ kaimingUniform_(a = √5) = U(±1/√inFeatures), b ~ U(±1/√inFeatures).
 */
import type { Generator } from '../../random/generator.js';
import { zeros } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { linear } from '../functional/layers.js';
import { Module } from '../module.js';
import { resetLinearLike } from './default-init.js';
import { bool, checkOptions, floatDType, floatInput, generatorOption, nonNegativeInt } from './validate.js';

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Source of the initial weights (default: the global default generator). */
  generator?: Generator;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
}

export interface LinearConfig {
  inFeatures: number;
  outFeatures: number;
  bias: boolean;
  dtype: 'float32' | 'float64';
}

export class Linear extends Module {
  readonly config: LinearConfig;
  declare weight: Tensor;
  declare bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    checkOptions('Linear', options, ['bias', 'generator', 'dtype']);
    this.config = {
      inFeatures: nonNegativeInt('Linear', 'inFeatures', inFeatures),
      outFeatures: nonNegativeInt('Linear', 'outFeatures', outFeatures),
      bias: bool('Linear', 'bias', options.bias ?? true),
      dtype: floatDType('Linear', options.dtype ?? 'float32'),
    };
    const { dtype } = this.config;
    this.registerParameter('weight', zeros([outFeatures, inFeatures], { dtype }));
    this.registerParameter('bias', this.config.bias ? zeros([outFeatures], { dtype }) : null);
    this.resetParameters(generatorOption('Linear', options.generator));
  }

  static fromConfig(config: LinearConfig, options: { generator?: Generator } = {}): Linear {
    return new Linear(config.inFeatures, config.outFeatures, { bias: config.bias, dtype: config.dtype, ...options });
  }

  /** Re-draws the weights with PyTorch's default init. */
  resetParameters(generator?: Generator): void {
    resetLinearLike(this.weight, this.bias, generator);
  }

  forward(x: Tensor): Tensor {
    floatInput('Linear', x);
    const { inFeatures } = this.config;
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== inFeatures) {
      throw new Error(`Linear: expected input with last dim ${inFeatures} (inFeatures), got shape [${x.shape.join(',')}]`);
    }
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    const c = this.config;
    return `inFeatures=${c.inFeatures}, outFeatures=${c.outFeatures}, bias=${c.bias}`;
  }
}

/**
 * Maxout (Goodfellow et al. 2013; decks 000 and 004): a linear map to outFeatures·pieces values,
 * then the maximum over each unit's pieces,
 *   y_j = max_k (w_{jk}ᵀx + b_{jk}),  k = 0..pieces−1,
 * a learned piecewise-linear convex activation that generalises ReLU (max(0, wᵀx + b)) and
 * leaky ReLU. input [*, inFeatures] → output [*, outFeatures]; weight [outFeatures·pieces,
 * inFeatures] with unit j's pieces in rows j·pieces … j·pieces + pieces − 1, bias likewise.
 * Default init: Linear's (U(±1/√inFeatures)). Not a torch.nn layer.
 */
import type { Generator } from '../../random/generator.js';
import { zeros } from '../../tensor/creation.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { linear } from '../functional/layers.js';
import { Module } from '../module.js';
import { resetLinearLike } from './default-init.js';
import { bool, checkOptions, floatDType, floatInput, generatorOption, positiveInt } from './validate.js';

export interface MaxoutOptions {
  bias?: boolean;
  generator?: Generator;
  dtype?: 'float32' | 'float64';
}

export interface MaxoutConfig {
  inFeatures: number;
  outFeatures: number;
  pieces: number;
  bias: boolean;
  dtype: 'float32' | 'float64';
}

export class Maxout extends Module {
  readonly config: MaxoutConfig;
  declare weight: Tensor;
  declare bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, pieces: number, options: MaxoutOptions = {}) {
    super();
    const who = 'Maxout';
    checkOptions(who, options, ['bias', 'generator', 'dtype']);
    this.config = {
      inFeatures: positiveInt(who, 'inFeatures', inFeatures),
      outFeatures: positiveInt(who, 'outFeatures', outFeatures),
      pieces: positiveInt(who, 'pieces', pieces),
      bias: bool(who, 'bias', options.bias ?? true),
      dtype: floatDType(who, options.dtype ?? 'float32'),
    };
    const { dtype } = this.config;
    this.registerParameter('weight', zeros([outFeatures * pieces, inFeatures], { dtype }));
    this.registerParameter('bias', this.config.bias ? zeros([outFeatures * pieces], { dtype }) : null);
    this.resetParameters(generatorOption(who, options.generator));
  }

  static fromConfig(config: MaxoutConfig, options: { generator?: Generator } = {}): Maxout {
    const { inFeatures, outFeatures, pieces, ...rest } = config;
    return new Maxout(inFeatures, outFeatures, pieces, { ...rest, ...options });
  }

  resetParameters(generator?: Generator): void {
    resetLinearLike(this.weight, this.bias, generator);
  }

  forward(x: Tensor): Tensor {
    floatInput('Maxout', x);
    const { inFeatures, outFeatures, pieces } = this.config;
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== inFeatures) {
      throw new Error(`Maxout: expected input with last dim ${inFeatures} (inFeatures), got shape ${shapeStr(x.shape)}`);
    }
    const z = linear(x, this.weight, this.bias);
    return z.reshape([...x.shape.slice(0, -1), outFeatures, pieces]).max(-1);
  }

  override extraRepr(): string {
    const c = this.config;
    return `inFeatures=${c.inFeatures}, outFeatures=${c.outFeatures}, pieces=${c.pieces}, bias=${c.bias}`;
  }
}

/**
 * GroupNorm, torch.nn.GroupNorm (Wu & He 2018; deck 004): the channels of [N, C, *] are split into
 * numGroups groups of C/numGroups; each (sample, group) is normalised over its channels and
 * positions with the biased variance, then γ, β per channel (init 1, 0). The same in training
 * and eval. numGroups = 1 ≈ layer norm, numGroups = C ≈ instance norm. Output has the input's shape.
 */
import { full, zeros } from '../../tensor/creation.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { groupNorm } from '../functional/layers.js';
import { ones_, zeros_ } from '../init.js';
import { Module } from '../module.js';
import { bool, checkOptions, floatDType, floatInput, nonNegativeNumber, positiveInt } from './validate.js';

export interface GroupNormOptions {
  eps?: number;
  affine?: boolean;
  dtype?: 'float32' | 'float64';
}

export interface GroupNormConfig {
  numGroups: number;
  numChannels: number;
  eps: number;
  affine: boolean;
  dtype: 'float32' | 'float64';
}

export class GroupNorm extends Module {
  readonly config: GroupNormConfig;
  declare weight: Tensor | null;
  declare bias: Tensor | null;

  constructor(numGroups: number, numChannels: number, options: GroupNormOptions = {}) {
    super();
    const who = 'GroupNorm';
    checkOptions(who, options, ['eps', 'affine', 'dtype']);
    positiveInt(who, 'numGroups', numGroups);
    positiveInt(who, 'numChannels', numChannels);
    if (numChannels % numGroups !== 0) throw new Error(`${who}: numChannels (${numChannels}) must be divisible by numGroups (${numGroups})`);
    this.config = {
      numGroups,
      numChannels,
      eps: nonNegativeNumber(who, 'eps', options.eps ?? 1e-5),
      affine: bool(who, 'affine', options.affine ?? true),
      dtype: floatDType(who, options.dtype ?? 'float32'),
    };
    const { affine, dtype } = this.config;
    this.registerParameter('weight', affine ? full([numChannels], 1, { dtype }) : null);
    this.registerParameter('bias', affine ? zeros([numChannels], { dtype }) : null);
  }

  static fromConfig(config: GroupNormConfig): GroupNorm {
    const { numGroups, numChannels, ...rest } = config;
    return new GroupNorm(numGroups, numChannels, rest);
  }

  resetParameters(): void {
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  forward(x: Tensor): Tensor {
    floatInput('GroupNorm', x);
    if (x.ndim < 2 || x.shape[1] !== this.config.numChannels) {
      throw new Error(`GroupNorm: expected input [N, ${this.config.numChannels}, *] (numChannels in dim 1), got shape ${shapeStr(x.shape)}`);
    }
    return groupNorm(x, this.config.numGroups, { weight: this.weight, bias: this.bias, eps: this.config.eps });
  }

  override extraRepr(): string {
    const c = this.config;
    return `${c.numGroups}, ${c.numChannels}, eps=${c.eps}, affine=${c.affine}`;
  }
}

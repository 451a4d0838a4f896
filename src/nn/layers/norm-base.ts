/**
 * NormBase: what BatchNorm1d, BatchNorm2d and InstanceNorm2d share (PyTorch's _NormBase) — the
 * affine parameters weight (γ, init 1) and bias (β, init 0) of shape [numFeatures], and, when
 * trackRunningStats, the buffers runningMean (init 0), runningVar (init 1) and numBatchesTracked
 * (an int32 counter; PyTorch's is int64). State-dict keys are PyTorch's in camelCase:
 * weight, bias, runningMean, runningVar, numBatchesTracked.
 */
import { full, zeros } from '../../tensor/creation.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { ones_, zeros_ } from '../init.js';
import { Module } from '../module.js';
import { bool, checkOptions, floatDType, floatInput, momentum, nonNegativeNumber, positiveInt } from './validate.js';

export interface NormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of each new batch in the running statistics (default 0.1); null = cumulative average. */
  momentum?: number | null;
  /** Learn γ and β. */
  affine?: boolean;
  /** Keep running statistics (used in eval mode). */
  trackRunningStats?: boolean;
  dtype?: 'float32' | 'float64';
}

export interface NormConfig {
  numFeatures: number;
  eps: number;
  momentum: number | null;
  affine: boolean;
  trackRunningStats: boolean;
  dtype: 'float32' | 'float64';
}

export abstract class NormBase extends Module {
  readonly config: NormConfig;
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  declare numBatchesTracked: Tensor | null;

  constructor(who: string, numFeatures: number, options: NormOptions, defaults: { affine: boolean; trackRunningStats: boolean }) {
    super();
    checkOptions(who, options, ['eps', 'momentum', 'affine', 'trackRunningStats', 'dtype']);
    this.config = {
      numFeatures: positiveInt(who, 'numFeatures', numFeatures),
      eps: nonNegativeNumber(who, 'eps', options.eps ?? 1e-5),
      momentum: momentum(who, options.momentum === undefined ? 0.1 : options.momentum),
      affine: bool(who, 'affine', options.affine ?? defaults.affine),
      trackRunningStats: bool(who, 'trackRunningStats', options.trackRunningStats ?? defaults.trackRunningStats),
      dtype: floatDType(who, options.dtype ?? 'float32'),
    };
    const { affine, trackRunningStats, dtype } = this.config;
    this.registerParameter('weight', affine ? full([numFeatures], 1, { dtype }) : null);
    this.registerParameter('bias', affine ? zeros([numFeatures], { dtype }) : null);
    this.registerBuffer('runningMean', trackRunningStats ? zeros([numFeatures], { dtype }) : null);
    this.registerBuffer('runningVar', trackRunningStats ? full([numFeatures], 1, { dtype }) : null);
    this.registerBuffer('numBatchesTracked', trackRunningStats ? zeros([], { dtype: 'int32' }) : null);
  }

  /** Running mean 0, running variance 1, counter 0. */
  resetRunningStats(): void {
    this.runningMean?.zero_();
    this.runningVar?.fill_(1);
    this.numBatchesTracked?.zero_();
  }

  /** resetRunningStats() and γ = 1, β = 0. */
  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  /** Validates a float input with the channels in dim 1 (or `channelDim`). */
  protected checkChannels(who: string, x: Tensor, channelDim = 1): void {
    floatInput(who, x);
    const c = x.shape[channelDim];
    if (c !== this.config.numFeatures) {
      throw new Error(`${who}: expected ${this.config.numFeatures} channels (numFeatures) in dim ${channelDim}, got input ${shapeStr(x.shape)}`);
    }
  }

  override extraRepr(): string {
    const c = this.config;
    return `${c.numFeatures}, eps=${c.eps}, momentum=${c.momentum}, affine=${c.affine}, trackRunningStats=${c.trackRunningStats}`;
  }
}

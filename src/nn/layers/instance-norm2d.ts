/**
 * InstanceNorm2d, torch.nn.InstanceNorm2d (Ulyanov et al.; deck 004): each (sample, channel) of
 * [N, C, H, W] (or unbatched [C, H, W]) is normalised over its H·W positions with the biased
 * variance, y = γ·(x − μ_nc)/√(σ²_nc + ε) + β. Defaults differ from batch norm, as in PyTorch:
 * affine = false, trackRunningStats = false. With trackRunningStats, training updates
 *   runningMean ← (1 − m)·runningMean + m·mean_n(μ_nc),  runningVar likewise with unbiased σ²_nc,
 * and eval normalises with the running statistics. numBatchesTracked is registered (for
 * PyTorch-compatible state dicts) but, as in PyTorch, not incremented; momentum must be a number.
 */
import { instanceNorm } from '../functional/layers.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { NormBase, type NormConfig, type NormOptions } from './norm-base.js';
import { floatInput, inputRank } from './validate.js';

export type InstanceNormOptions = Omit<NormOptions, 'momentum'> & { momentum?: number };
export type InstanceNormConfig = NormConfig;

export class InstanceNorm2d extends NormBase {
  constructor(numFeatures: number, options: InstanceNormOptions = {}) {
    super('InstanceNorm2d', numFeatures, options, { affine: false, trackRunningStats: false });
    if (this.config.momentum === null) {
      throw new Error('InstanceNorm2d: momentum must be a number in [0, 1] (a cumulative average is not supported)');
    }
  }

  static fromConfig(config: InstanceNormConfig): InstanceNorm2d {
    const { numFeatures, momentum, ...rest } = config;
    return new InstanceNorm2d(numFeatures, { ...rest, momentum: momentum ?? 0.1 });
  }

  forward(x: Tensor): Tensor {
    floatInput('InstanceNorm2d', x);
    inputRank('InstanceNorm2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    this.checkChannels('InstanceNorm2d', x, x.ndim - 3);
    const useInputStats = this.training || !this.config.trackRunningStats;
    if (useInputStats && x.shape[x.ndim - 1]! * x.shape[x.ndim - 2]! <= 1) {
      throw new Error(`InstanceNorm2d: Expected more than 1 spatial element when training, got input shape ${shapeStr(x.shape)}`);
    }
    const x4 = x.ndim === 3 ? x.unsqueeze(0) : x;
    const y = instanceNorm(x4, {
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      weight: this.weight,
      bias: this.bias,
      useInputStats,
      momentum: this.config.momentum ?? 0.1,
      eps: this.config.eps,
    });
    return x.ndim === 3 ? y.squeeze(0) : y;
  }
}

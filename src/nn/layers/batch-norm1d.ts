/**
 * BatchNorm1d, torch.nn.BatchNorm1d: batch normalisation of [N, C] (per feature, over the batch)
 * or [N, C, L] (per channel, over the batch and the length) inputs; output has the input's shape.
 * See batch-norm.ts for the formulas.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { BatchNorm, type BatchNormConfig, type BatchNormOptions } from './batch-norm.js';
import { floatInput, inputRank } from './validate.js';

export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super('BatchNorm1d', numFeatures, options);
  }

  static fromConfig(config: BatchNormConfig): BatchNorm1d {
    const { numFeatures, ...rest } = config;
    return new BatchNorm1d(numFeatures, rest);
  }

  protected checkInput(x: Tensor): void {
    floatInput('BatchNorm1d', x);
    inputRank('BatchNorm1d', x, [2, 3], '[N, C] or [N, C, L]');
    this.checkChannels('BatchNorm1d', x);
  }
}

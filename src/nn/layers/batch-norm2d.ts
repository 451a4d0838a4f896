/**
 * BatchNorm2d, torch.nn.BatchNorm2d: batch normalisation of images [N, C, H, W], per channel over
 * the batch and all positions; output [N, C, H, W]. See batch-norm.ts for the formulas.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { BatchNorm, type BatchNormConfig, type BatchNormOptions } from './batch-norm.js';
import { floatInput, inputRank } from './validate.js';

export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super('BatchNorm2d', numFeatures, options);
  }

  static fromConfig(config: BatchNormConfig): BatchNorm2d {
    const { numFeatures, ...rest } = config;
    return new BatchNorm2d(numFeatures, rest);
  }

  protected checkInput(x: Tensor): void {
    floatInput('BatchNorm2d', x);
    inputRank('BatchNorm2d', x, [4], '[N, C, H, W]');
    this.checkChannels('BatchNorm2d', x);
  }
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015, Algorithms 1 and 2; decks 000, 001, 004), the shared
 * forward of BatchNorm1d and BatchNorm2d (PyTorch's _BatchNorm). Per channel c, over the batch and
 * every other position (m values):
 *   training:  μ_B = mean, σ²_B = biased variance;  y = γ·(x − μ_B)/√(σ²_B + ε) + β
 *              runningMean ← (1 − f)·runningMean + f·μ_B
 *              runningVar  ← (1 − f)·runningVar  + f·σ²_B·m/(m − 1)     (unbiased, deck 001)
 *              f = momentum, or 1/numBatchesTracked when momentum is null (cumulative average)
 *   eval:      y = γ·(x − runningMean)/√(runningVar + ε) + β
 * Without running statistics (trackRunningStats false) batch statistics are used in both modes.
 * Training with one value per channel throws, like PyTorch.
 */
import { batchNorm } from '../functional/layers.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { NormBase, type NormConfig, type NormOptions } from './norm-base.js';

export type BatchNormOptions = NormOptions;
export type BatchNormConfig = NormConfig;

export abstract class BatchNorm extends NormBase {
  constructor(who: string, numFeatures: number, options: BatchNormOptions) {
    super(who, numFeatures, options, { affine: true, trackRunningStats: true });
  }

  /** Throws naming the layer when x has the wrong rank or channel count. */
  protected abstract checkInput(x: Tensor): void;

  forward(x: Tensor): Tensor {
    const who = this.constructor.name;
    this.checkInput(x);
    const { momentum, eps, trackRunningStats } = this.config;
    const useBatchStats = this.training || this.runningMean === null;
    if (useBatchStats && x.numel() / x.shape[1]! <= 1) {
      throw new Error(`${who}: Expected more than 1 value per channel when training, got input shape ${shapeStr(x.shape)}`);
    }
    let factor = momentum ?? 0;
    if (this.training && trackRunningStats && this.numBatchesTracked) {
      this.numBatchesTracked.add_(1);
      if (momentum === null) factor = 1 / this.numBatchesTracked.item();
    }
    // running statistics are updated only when tracked and training, and read only in eval
    const update = !this.training || trackRunningStats;
    return batchNorm(x, update ? this.runningMean : null, update ? this.runningVar : null, {
      weight: this.weight,
      bias: this.bias,
      training: useBatchStats,
      momentum: factor,
      eps,
    });
  }
}

/**
 * The mean of a loss over examples: each batch's (mean-reduced) loss weighted by its batch size,
 * so the result is the loss over the whole data set. Name "loss".
 */
import type { Tensor } from '../../tensor/tensor.js';
import { callLoss, type LossFn } from '../step.js';
import { batchSizeOf, Metric, type MetricState } from './metric.js';

export class MeanLoss extends Metric {
  readonly name: string;

  constructor(
    readonly loss: LossFn,
    options: { name?: string } = {},
  ) {
    super();
    this.name = options.name ?? 'loss';
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    const n = batchSizeOf(output);
    return { total: callLoss(this.loss, output, target).item() * n, count: n };
  }
}

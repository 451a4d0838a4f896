/**
 * Top-k accuracy: the fraction of examples whose target class is among the k highest outputs.
 * Counted as "fewer than k classes score strictly higher than the target class", so ties go in
 * the example's favour (like Keras' in_top_k). output [N, C], target class indices [N] (int32).
 * Default name "top<k>_accuracy".
 */
import type { Tensor } from '../../tensor/tensor.js';
import { shapeStr } from '../../tensor/shape.js';
import { Metric, type MetricState } from './metric.js';

export interface TopKAccuracyOptions {
  k?: number;
  name?: string;
}

export class TopKAccuracy extends Metric {
  readonly name: string;
  readonly k: number;

  constructor(options: TopKAccuracyOptions = {}) {
    super();
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1) throw new Error(`TopKAccuracy: k must be a positive integer, got ${String(k)}`);
    this.k = k;
    this.name = options.name ?? `top${k}_accuracy`;
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    if (output.ndim !== 2 || target.numel() !== output.shape[0]) {
      throw new Error(`TopKAccuracy: expected output [N, C] and target [N] class indices, got ${shapeStr(output.shape)} and ${shapeStr(target.shape)}`);
    }
    const picked = output.gather(1, target.reshape([-1, 1]).int());
    const higher = output.gt(picked).sum(1);
    return { total: higher.lt(this.k).sum().item(), count: output.shape[0]! };
  }
}

/**
 * Accuracy: the fraction of examples whose predicted class is the target class.
 *   multi-class  output [N, C, …] (logits or probabilities), target class indices [N, …] (int32)
 *                or one-hot / probabilities [N, C, …]:  correct = argmax_c output == target
 *   binary       output [N] or [N, 1]: predicted 1 where output > threshold (default 0, i.e. logits;
 *                use 0.5 for probabilities), target 0/1
 */
import type { Tensor } from '../../tensor/tensor.js';
import { isFloating } from '../../tensor/dtype.js';
import { shapeStr } from '../../tensor/shape.js';
import { alignTarget, Metric, type MetricState } from './metric.js';

export interface AccuracyOptions {
  /** Decision threshold for single-output (binary) models; default 0 (logits). */
  threshold?: number;
  name?: string;
}

export class Accuracy extends Metric {
  readonly name: string;
  readonly threshold: number;

  constructor(options: AccuracyOptions = {}) {
    super();
    this.threshold = options.threshold ?? 0;
    this.name = options.name ?? 'accuracy';
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    const binary = output.ndim <= 1 || (output.ndim === 2 && output.shape[1] === 1);
    if (binary) {
      const pred = output.gt(this.threshold);
      const truth = alignTarget('Accuracy', output, target).ge(0.5);
      return { total: pred.eq(truth).sum().item(), count: output.numel() };
    }
    const pred = output.argmax(1);
    let truth = target;
    if (isFloating(target.dtype) && target.ndim === output.ndim) truth = target.argmax(1);
    if (truth.numel() !== pred.numel()) {
      throw new Error(`Accuracy: output ${shapeStr(output.shape)} (classes in dim 1) does not match target ${shapeStr(target.shape)}`);
    }
    return { total: pred.eq(truth.reshape(pred.shape)).sum().item(), count: pred.numel() };
  }
}

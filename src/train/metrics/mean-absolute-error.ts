/** Mean absolute error over all elements, Σ|output − target| / n (times `scale`, see RMSE). */
import type { Tensor } from '../../tensor/tensor.js';
import { alignTarget, Metric, type MetricState } from './metric.js';

export interface MeanAbsoluteErrorOptions {
  scale?: number;
  name?: string;
}

export class MeanAbsoluteError extends Metric {
  readonly name: string;
  readonly scale: number;

  constructor(options: MeanAbsoluteErrorOptions = {}) {
    super();
    this.scale = options.scale ?? 1;
    this.name = options.name ?? 'mae';
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    return { total: output.sub(alignTarget('MeanAbsoluteError', output, target)).abs().sum().item(), count: output.numel() };
  }

  override result(): number {
    return super.result() * this.scale;
  }
}

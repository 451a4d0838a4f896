/**
 * Root-mean-square error over all elements: √(Σ (output − target)² / n).
 * `scale` multiplies the result, to report it in original units when the targets were
 * standardized (RMSE in units of y = σ_y · RMSE in standardized units).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { alignTarget, Metric, type MetricState } from './metric.js';

export interface RMSEOptions {
  scale?: number;
  name?: string;
}

export class RMSE extends Metric {
  readonly name: string;
  readonly scale: number;

  constructor(options: RMSEOptions = {}) {
    super();
    this.scale = options.scale ?? 1;
    if (!(this.scale > 0)) throw new Error(`RMSE: scale must be a positive number, got ${String(options.scale)}`);
    this.name = options.name ?? 'rmse';
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    const d = output.sub(alignTarget('RMSE', output, target));
    return { total: d.square().sum().item(), count: output.numel() };
  }

  override result(): number {
    return Math.sqrt(super.result()) * this.scale;
  }
}

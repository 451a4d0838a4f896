/**
 * Mean negative log-likelihood of the targets under the model's predictive distribution
 * (decks 000/002: the cost the maximum-likelihood principle minimises; the UCI protocol's "test
 * log-likelihood" is its negative).
 *
 *   'categorical' (default)  output [N, C] logits (or probabilities with fromLogits: false),
 *                            target class indices [N]:   −log softmax(output)[target]
 *   'gaussian'               output = the mean μ, fixed variance σ² (option `variance`, in the
 *                            units the model is trained in), per element:
 *                            ½·log(2πσ²) + (y − μ)² / (2σ²)
 *                            `scale` reports it in original units when targets were standardized
 *                            by σ_y: NLL_y = NLL_standardized + log σ_y.
 */
import { logSoftmax } from '../../ops/index.js';
import type { Tensor } from '../../tensor/tensor.js';
import { shapeStr } from '../../tensor/shape.js';
import { alignTarget, Metric, type MetricState } from './metric.js';

export interface NLLOptions {
  kind?: 'categorical' | 'gaussian';
  /** categorical: output holds logits (default) or probabilities. */
  fromLogits?: boolean;
  /** gaussian: the predictive variance σ² (required). */
  variance?: number;
  /** gaussian: the target scale σ_y (default 1). */
  scale?: number;
  name?: string;
}

export class NLL extends Metric {
  readonly name: string;
  readonly kind: 'categorical' | 'gaussian';
  readonly fromLogits: boolean;
  readonly variance: number;
  readonly scale: number;

  constructor(options: NLLOptions = {}) {
    super();
    this.kind = options.kind ?? 'categorical';
    if (this.kind !== 'categorical' && this.kind !== 'gaussian') throw new Error(`NLL: kind must be 'categorical' or 'gaussian', got ${String(this.kind)}`);
    this.fromLogits = options.fromLogits ?? true;
    this.variance = options.variance ?? NaN;
    this.scale = options.scale ?? 1;
    if (this.kind === 'gaussian' && !(this.variance > 0)) throw new Error(`NLL: the gaussian kind needs variance > 0, got ${String(options.variance)}`);
    if (!(this.scale > 0)) throw new Error(`NLL: scale must be > 0, got ${String(options.scale)}`);
    this.name = options.name ?? 'nll';
  }

  protected batch(output: Tensor, target: Tensor): MetricState {
    if (this.kind === 'gaussian') {
      const se = output.sub(alignTarget('NLL', output, target)).square().sum().item();
      const n = output.numel();
      return { total: n * 0.5 * Math.log(2 * Math.PI * this.variance) + se / (2 * this.variance) + n * Math.log(this.scale), count: n };
    }
    if (output.ndim < 2 || target.numel() * output.shape[1]! !== output.numel()) {
      throw new Error(`NLL: expected output [N, C, …] and class indices with the output's shape less dim 1, got ${shapeStr(output.shape)} and ${shapeStr(target.shape)}`);
    }
    const logp = this.fromLogits ? logSoftmax(output, 1) : output.clamp(1e-30).log();
    const idx = target.reshape([output.shape[0]!, 1, ...output.shape.slice(2)]).int();
    return { total: -logp.gather(1, idx).sum().item(), count: target.numel() };
  }
}

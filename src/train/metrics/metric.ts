/**
 * Metrics are accumulators (Keras' stateful metrics): `reset()`, then `update(output, target)` once
 * per batch, then `result()` for the whole epoch or data set — so a metric over many batches is
 * exact, not an average of batch averages. Each keeps a running `total` and `count` and reduces
 * them in `result()`; `stateDict()` saves both (a checkpoint taken mid-epoch resumes them).
 *
 * `name` is the key in logs and summaries ("accuracy" → "val_accuracy", "test_accuracy").
 * Metrics read values only (they run under noGrad on detached outputs) and never log.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

export interface MetricState {
  total: number;
  count: number;
}

export abstract class Metric {
  abstract readonly name: string;
  total = 0;
  count = 0;

  /** Sum of the per-example quantity over the batch and how many examples (or elements) it covers. */
  protected abstract batch(output: Tensor, target: Tensor): MetricState;

  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  update(output: Tensor, target: Tensor): void {
    if (!(output instanceof Tensor) || !(target instanceof Tensor)) {
      throw new Error(`${this.constructor.name}.update: expected (output, target) tensors`);
    }
    const { total, count } = noGrad(() => this.batch(output.detach(), target.detach()));
    this.total += total;
    this.count += count;
  }

  /** The metric over everything seen since reset(); NaN before any update. */
  result(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }

  stateDict(): MetricState {
    return { total: this.total, count: this.count };
  }

  loadStateDict(state: MetricState): void {
    if (typeof state?.total !== 'number' || typeof state?.count !== 'number') {
      throw new Error(`${this.constructor.name}.loadStateDict: expected {total, count}, got ${JSON.stringify(state)}`);
    }
    this.total = state.total;
    this.count = state.count;
  }

  /** A fresh metric with the same options (fit keeps separate ones for training and validation). */
  clone(): this {
    const c = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
    c.reset();
    return c;
  }
}

/**
 * target viewed with output's shape, when they hold the same number of elements ([N] vs [N, 1]);
 * otherwise an error naming the metric and both shapes.
 */
export function alignTarget(who: string, output: Tensor, target: Tensor): Tensor {
  if (target.numel() !== output.numel()) {
    throw new Error(`${who}: output ${shapeStr(output.shape)} and target ${shapeStr(target.shape)} must have the same number of elements`);
  }
  return target.reshape(output.shape).to(output.dtype);
}

/** Batch size: the first dim (1 for a 0-d tensor). */
export function batchSizeOf(t: Tensor): number {
  return t.ndim === 0 ? 1 : t.shape[0]!;
}

import type { OptimizerLike } from './adapter.js';
import { type LambdaLROptions, type LrLambda, lambdasPerGroup } from './lambda-lr.js';
import { LRScheduler } from './lr-scheduler.js';

export type MultiplicativeLROptions = LambdaLROptions;

/**
 * Multiplies the rate by lrLambda(t) at every step t ≥ 1:
 *
 *     lr(t) = initialLr · ∏_{i=1..t} lrLambda(i)
 *
 * The product is kept for the last step asked, so stepping on costs one multiplication (PyTorch's order of
 * rounding); jumping elsewhere recomputes it. Unlike PyTorch it multiplies its own previous value, not
 * whatever the group's lr has become.
 *
 *     new MultiplicativeLR(optimizer, {lrLambda: () => 0.95})
 */
export class MultiplicativeLR extends LRScheduler {
  private lambdas: LrLambda[] = [];
  private cache: { t: number; lrs: number[] } = { t: 0, lrs: [] };

  constructor(optimizer: OptimizerLike, options: MultiplicativeLROptions) {
    super('MultiplicativeLR', optimizer, options, ['lrLambda']);
    this.start();
  }

  protected build(): void {
    this.lambdas = lambdasPerGroup(this.name, this.options.lrLambda, this.baseLrs.length);
    this.cache = { t: 0, lrs: [...this.baseLrs] };
  }

  override lrAt(t: number): number[] {
    let { t: from, lrs } = this.cache;
    if (t < from) {
      from = 0;
      lrs = [...this.baseLrs];
    }
    lrs = [...lrs];
    for (let i = from + 1; i <= t; i++) lrs = lrs.map((lr, g) => lr * this.lambdas[g]!(i));
    this.cache = { t, lrs };
    return [...lrs];
  }
}

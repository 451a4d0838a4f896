import { constant } from '../schedules/constant.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface ConstantLROptions extends SchedulerOptions {
  /** In [0, 1]. Default 1/3. */
  factor?: number;
  /** Default 5. */
  totalIters?: number;
}

/**
 * lr(t) = initialLr · factor before totalIters, initialLr after (see `schedules.constant`).
 *
 *     new ConstantLR(optimizer, {factor: 0.5, totalIters: 4})
 */
export class ConstantLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: ConstantLROptions = {}) {
    super('ConstantLR', optimizer, options, ['factor', 'totalIters']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<ConstantLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => constant({ baseLr, factor: o.factor, totalIters: o.totalIters }, this.name));
  }
}

import { linear } from '../schedules/linear.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface LinearLROptions extends SchedulerOptions {
  /** Factor at step 0, in [0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor from totalIters on, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Default 5. */
  totalIters?: number;
}

/**
 * Linear change of the rate's factor: a warm-up (startFactor < endFactor) or deck 000's linear decay
 * (startFactor 1, endFactor small). lr(t) = initialLr · (s + (e − s) · min(t, T) / T) (see `schedules.linear`).
 *
 *     new LinearLR(optimizer, {startFactor: 0.1, totalIters: 10})
 */
export class LinearLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: LinearLROptions = {}) {
    super('LinearLR', optimizer, options, ['startFactor', 'endFactor', 'totalIters']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<LinearLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) =>
      linear({ baseLr, startFactor: o.startFactor, endFactor: o.endFactor, totalIters: o.totalIters }, this.name),
    );
  }
}

import { exponential } from '../schedules/exponential.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface ExponentialLROptions extends SchedulerOptions {
  /** Decay per step (> 0). Required. */
  gamma: number;
}

/**
 * Exponential decay (deck 004): lr(t) = initialLr · gamma^t (see `schedules.exponential`).
 *
 *     new ExponentialLR(optimizer, {gamma: 0.95})
 */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer, options, ['gamma']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<ExponentialLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => exponential({ baseLr, gamma: o.gamma }, this.name));
  }
}

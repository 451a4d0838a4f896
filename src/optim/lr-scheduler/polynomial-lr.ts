import { polynomial } from '../schedules/polynomial.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface PolynomialLROptions extends SchedulerOptions {
  /** Steps until the rate reaches 0. Default 5. */
  totalIters?: number;
  /** Default 1. */
  power?: number;
}

/**
 * Polynomial decay to 0: lr(t) = initialLr · (1 − min(t, T) / T)^power (see `schedules.polynomial`).
 *
 *     new PolynomialLR(optimizer, {totalIters: 100, power: 2})
 */
export class PolynomialLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: PolynomialLROptions = {}) {
    super('PolynomialLR', optimizer, options, ['totalIters', 'power']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<PolynomialLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => polynomial({ baseLr, totalIters: o.totalIters, power: o.power }, this.name));
  }
}

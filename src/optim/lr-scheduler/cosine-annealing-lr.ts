import { cosineAnnealing } from '../schedules/cosine-annealing.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface CosineAnnealingLROptions extends SchedulerOptions {
  /** T_max, steps from initialLr down to etaMin (> 0). Required. */
  tMax: number;
  /** Default 0. */
  etaMin?: number;
}

/**
 * Cosine annealing (deck 003): lr(t) = η_min + (initialLr − η_min) · (1 + cos(π·t / T_max)) / 2
 * (see `schedules.cosineAnnealing`).
 *
 * PyTorch computes this recursively from the previous rate; when the scheduler alone sets the rate the
 * two agree to rounding (checked against PyTorch to 1e-12 over 200 steps, past T_max included). Rates
 * set from outside between steps are therefore not carried along, unlike PyTorch's recursion.
 *
 *     new CosineAnnealingLR(optimizer, {tMax: 100, etaMin: 1e-5})
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, options, ['tMax', 'etaMin']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<CosineAnnealingLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => cosineAnnealing({ baseLr, tMax: o.tMax, etaMin: o.etaMin }, this.name));
  }
}

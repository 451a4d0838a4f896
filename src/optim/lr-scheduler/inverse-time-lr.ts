import { inverseTime } from '../schedules/inverse-time.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface InverseTimeLROptions extends SchedulerOptions {
  /** k in lr0 / (1 + k·t) (>= 0). Required. */
  decayRate: number;
  /** t counts units of decaySteps steps. Default 1. */
  decaySteps?: number;
  /** Floor t / decaySteps. Default false. */
  staircase?: boolean;
}

/**
 * 1/t decay (deck 004): lr(t) = initialLr / (1 + decayRate · t / decaySteps) (see `schedules.inverseTime`).
 * nabla-only: PyTorch has no such scheduler (the options follow Keras' InverseTimeDecay).
 *
 *     new InverseTimeLR(optimizer, {decayRate: 0.05})
 */
export class InverseTimeLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: InverseTimeLROptions) {
    super('InverseTimeLR', optimizer, options, ['decayRate', 'decaySteps', 'staircase']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<InverseTimeLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) =>
      inverseTime({ baseLr, decayRate: o.decayRate, decaySteps: o.decaySteps, staircase: o.staircase }, this.name),
    );
  }
}

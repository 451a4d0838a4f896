import { step } from '../schedules/step.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface StepLROptions extends SchedulerOptions {
  /** Decay every `stepSize` steps (an integer >= 1). Required. */
  stepSize: number;
  /** Default 0.1. */
  gamma?: number;
}

/**
 * Step decay (deck 004): lr(t) = initialLr · gamma^⌊t / stepSize⌋ (see `schedules.step`).
 *
 *     new StepLR(optimizer, {stepSize: 30, gamma: 0.1})   // 0.05 → 0.005 at step 30 → 0.0005 at 60 …
 */
export class StepLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: StepLROptions) {
    super('StepLR', optimizer, options, ['stepSize', 'gamma']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<StepLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => step({ baseLr, stepSize: o.stepSize, gamma: o.gamma }, this.name));
  }
}

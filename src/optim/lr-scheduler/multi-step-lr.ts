import { multiStep } from '../schedules/multi-step.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface MultiStepLROptions extends SchedulerOptions {
  /** Steps at which the rate is multiplied by gamma. Required. */
  milestones: readonly number[];
  /** Default 0.1. */
  gamma?: number;
}

/**
 * Decay at milestones: lr(t) = initialLr · gamma^#{milestones ≤ t} (see `schedules.multiStep`).
 *
 *     new MultiStepLR(optimizer, {milestones: [30, 80], gamma: 0.1})
 */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: MultiStepLROptions) {
    super('MultiStepLR', optimizer, options, ['milestones', 'gamma']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<MultiStepLROptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) => multiStep({ baseLr, milestones: o.milestones, gamma: o.gamma }, this.name));
  }
}

/**
 * Steps a learning-rate scheduler (nb.optim.lrScheduler.*) from fit: after every optimizer step
 * (interval 'batch', for OneCycleLR, CyclicLR and warm-up) or after every epoch (interval 'epoch',
 * the default, for StepLR, CosineAnnealingLR, …) — the schedule is a closed form of the step
 * count, the scheduler writes it into the optimizer (STYLE lesson 4). Its state is checkpointed.
 * `fit(…, {scheduler, schedulerInterval})` adds this callback for you.
 */
import type { LRScheduler, SchedulerState } from '../../optim/lr-scheduler/lr-scheduler.js';
import { Callback } from './callback.js';

export interface LRSchedulerCallbackOptions {
  interval?: 'epoch' | 'batch';
}

export class LRSchedulerCallback extends Callback {
  readonly interval: 'epoch' | 'batch';

  constructor(
    readonly scheduler: Pick<LRScheduler, 'step' | 'stateDict' | 'loadStateDict'>,
    options: LRSchedulerCallbackOptions = {},
  ) {
    super();
    if (typeof scheduler?.step !== 'function') throw new Error('LRSchedulerCallback: expected a learning-rate scheduler with step()');
    this.interval = options.interval ?? 'epoch';
    if (this.interval !== 'epoch' && this.interval !== 'batch') throw new Error(`LRSchedulerCallback: interval must be 'epoch' or 'batch', got ${JSON.stringify(options.interval)}`);
  }

  override onBatchEnd(): void {
    if (this.interval === 'batch') this.scheduler.step();
  }

  override onEpochEnd(): void {
    if (this.interval === 'epoch') this.scheduler.step();
  }

  override stateDict(): SchedulerState {
    return this.scheduler.stateDict();
  }

  override loadStateDict(state: SchedulerState): void {
    this.scheduler.loadStateDict(state);
  }
}

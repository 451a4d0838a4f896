import { describe, integer, required } from '../schedules/check.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions, type SchedulerState } from './lr-scheduler.js';

export interface SequentialLROptions extends SchedulerOptions {
  /** Schedulers of the same optimizer, run one after another. Required. */
  schedulers: readonly LRScheduler[];
  /** The steps where the next scheduler takes over (one fewer than schedulers). Required. */
  milestones: readonly number[];
}

/**
 * Schedulers one after another; the usual warm-up (see also `schedules.sequential` / `schedules.warmup`):
 *
 *     lr(t) = schedulers[i].lrAt(t − milestones[i − 1]),   i = #{milestones ≤ t}
 *
 * Each scheduler restarts at its own step 0 when it takes over, as in PyTorch.
 *
 *     const warm = new LinearLR(optimizer, {startFactor: 0.1, totalIters: 5});
 *     const cos = new CosineAnnealingLR(optimizer, {tMax: 95});
 *     const sched = new SequentialLR(optimizer, {schedulers: [warm, cos], milestones: [5]});
 */
export class SequentialLR extends LRScheduler {
  private readonly schedulers: LRScheduler[];
  private readonly milestones: number[];

  constructor(optimizer: OptimizerLike, options: SequentialLROptions) {
    super('SequentialLR', optimizer, options, ['schedulers', 'milestones']);
    const name = this.name;
    const schedulers = required(name, 'schedulers', options.schedulers);
    if (!Array.isArray(schedulers) || schedulers.length === 0 || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw new TypeError(`${name}: option 'schedulers' must be a non-empty array of learning-rate schedulers (not ReduceLROnPlateau)`);
    }
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new TypeError(`${name}: expects all schedulers to belong to the same optimizer, but schedulers[${i}] has a different one`);
      }
    });
    const milestones = required(name, 'milestones', options.milestones);
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new RangeError(
        `${name}: expects one milestone fewer than schedulers: got ${schedulers.length} schedulers and milestones ${describe(milestones)}`,
      );
    }
    milestones.forEach((m, i) => integer(name, `milestones[${i}]`, m, i === 0 ? 0 : milestones[i - 1]! + 1));
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.start();
  }

  protected build(): void {}

  /** Which scheduler runs at step t, and at which of its own steps. */
  private locate(t: number): [LRScheduler, number] {
    let i = 0;
    while (i < this.milestones.length && this.milestones[i]! <= t) i++;
    return [this.schedulers[i]!, i === 0 ? t : t - this.milestones[i - 1]!];
  }

  override lrAt(t: number): number[] {
    const [s, local] = this.locate(t);
    return s.lrAt(local);
  }

  override momentumAt(t: number): number[] | null {
    const [s, local] = this.locate(t);
    return s.momentumAt(local);
  }

  protected override moveTo(t: number): void {
    const [s, local] = this.locate(t);
    s.step(local);
    this.lastEpoch = t;
    this.lastLr = s.getLastLr();
  }

  protected override extraState(): Record<string, unknown> {
    return { schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  protected override loadExtraState(state: SchedulerState): void {
    const subs = state.schedulers;
    if (!Array.isArray(subs) || subs.length !== this.schedulers.length) {
      throw new TypeError(`${this.name}.loadStateDict: expected ${this.schedulers.length} scheduler states, got ${describe(subs)}`);
    }
    this.schedulers.forEach((s, i) => s.loadStateDict(subs[i] as SchedulerState));
  }
}

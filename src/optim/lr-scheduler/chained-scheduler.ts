import { describe } from '../schedules/check.js';
import { writeGroups } from './adapter.js';
import { LRScheduler, type SchedulerState } from './lr-scheduler.js';

/**
 * Several schedulers at once: each steps, and the rate is the product of their factors,
 *
 *     lr(t) = initialLr · ∏_k schedulers[k].lrAt(t) / initialLr
 *
 * That is PyTorch's result for its chainable (multiplicative) schedulers — StepLR, MultiStepLR,
 * ConstantLR, LinearLR, ExponentialLR, PolynomialLR, LambdaLR, MultiplicativeLR, CosineAnnealingLR
 * with etaMin 0, InverseTimeLR. PyTorch's non-chainable ones (CyclicLR, OneCycleLR,
 * CosineAnnealingWarmRestarts) overwrite the rate in its chain; here their factor is multiplied too.
 * Momentum cycled by a chained scheduler is written by that scheduler.
 *
 *     new ChainedScheduler([new ConstantLR(opt, {factor: 0.1, totalIters: 2}), new ExponentialLR(opt, {gamma: 0.9})])
 */
export class ChainedScheduler extends LRScheduler {
  private readonly schedulers: LRScheduler[];

  constructor(schedulers: readonly LRScheduler[]) {
    const name = 'ChainedScheduler';
    if (!Array.isArray(schedulers) || schedulers.length === 0 || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw new TypeError(`${name}: expected a non-empty array of learning-rate schedulers, got ${describe(schedulers)}`);
    }
    const optimizer = schedulers[0]!.optimizer;
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new TypeError(`${name}: expects all schedulers to belong to the same optimizer, but schedulers[${i}] has a different one`);
      }
    });
    super(name, optimizer, {}, []);
    this.schedulers = [...schedulers];
    this.start();
  }

  protected build(): void {}

  override lrAt(t: number): number[] {
    // each scheduler at its own step (they may have been created at different times)
    const factors = this.schedulers.map((s) => {
      const lrs = s.lrAt(t + s.lastEpoch - Math.max(this.lastEpoch, 0));
      return lrs.map((lr, g) => (s.baseLrs[g] === 0 ? 0 : lr / s.baseLrs[g]!));
    });
    return this.baseLrs.map((b, g) => factors.reduce((lr, f) => lr * f[g]!, b));
  }

  override momentumAt(): number[] | null {
    return null;
  }

  protected override moveTo(t: number): void {
    const lrs = this.lrAt(t);
    // at construction (lastEpoch −1) the schedulers already stand at their first step
    if (this.lastEpoch >= 0) for (const s of this.schedulers) s.step(t + s.lastEpoch - this.lastEpoch);
    writeGroups(this.optimizer, lrs);
    this.lastEpoch = t;
    this.lastLr = lrs;
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

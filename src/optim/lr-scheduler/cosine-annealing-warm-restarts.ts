import { describe } from '../schedules/check.js';
import { cosineAnnealingWarmRestarts, warmRestartPosition } from '../schedules/cosine-annealing-warm-restarts.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions, type SchedulerState } from './lr-scheduler.js';

export interface CosineAnnealingWarmRestartsOptions extends SchedulerOptions {
  /** T_0, length of the first cycle (an integer >= 1). Required. */
  t0: number;
  /** T_mult, growth of each cycle (an integer >= 1). Default 1. */
  tMult?: number;
  /** Default 0. */
  etaMin?: number;
}

/**
 * SGDR, cosine annealing with warm restarts (deck 003): lr = η_min + (initialLr − η_min)·(1 + cos(π·T_cur/T_i))/2
 * with cycles of T_i = T_0·T_mult^i steps (see `schedules.cosineAnnealingWarmRestarts`).
 *
 * `step(epoch)` takes fractional epochs for batch-wise annealing, `step(epoch + i / itersPerEpoch)`; a
 * plain `step()` then continues one epoch on from there (as PyTorch: after step(2.5), step() is at 3.5,
 * with lastEpoch = ⌊3.5⌋ = 3).
 *
 *     new CosineAnnealingWarmRestarts(optimizer, {t0: 10, tMult: 2})
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  /** The (possibly fractional) epoch of the last step; lastEpoch is its floor. */
  epoch = -1;

  constructor(optimizer: OptimizerLike, options: CosineAnnealingWarmRestartsOptions) {
    super('CosineAnnealingWarmRestarts', optimizer, options, ['t0', 'tMult', 'etaMin']);
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<CosineAnnealingWarmRestartsOptions, 'lastEpoch'>;
    this.schedules = this.baseLrs.map((baseLr) =>
      cosineAnnealingWarmRestarts({ baseLr, t0: o.t0, tMult: o.tMult, etaMin: o.etaMin }, this.name),
    );
  }

  /** Steps since the last restart (PyTorch's T_cur). */
  get tCur(): number {
    return this.position().tCur;
  }

  /** Length of the current cycle (PyTorch's T_i). */
  get tI(): number {
    return this.position().tI;
  }

  private position(): { tCur: number; tI: number } {
    const o = this.options as Omit<CosineAnnealingWarmRestartsOptions, 'lastEpoch'>;
    return warmRestartPosition(Math.max(this.epoch, 0), o.t0, o.tMult ?? 1);
  }

  override step(epoch?: number): void {
    if (epoch !== undefined && (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch < 0)) {
      throw new RangeError(`${this.name}.step: expected a non-negative epoch, got ${describe(epoch)}`);
    }
    const t = epoch ?? (this.epoch < 0 ? 0 : this.epoch + 1);
    this.moveTo(t);
    this.epoch = t;
    this.lastEpoch = Math.floor(t);
  }

  protected override extraState(): Record<string, unknown> {
    return { epoch: this.epoch };
  }

  protected override loadExtraState(state: SchedulerState): void {
    if (typeof state.epoch !== 'number') throw new TypeError(`${this.name}.loadStateDict: 'epoch' must be a number, got ${describe(state.epoch)}`);
    this.epoch = state.epoch;
  }
}

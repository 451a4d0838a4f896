import { bool, checkKeys, required } from '../schedules/check.js';
import { type CyclicMode, type CyclicScaleMode, cyclic, cyclicMomentum } from '../schedules/cyclic.js';
import { checkOptimizer, momentumKeys, type OptimizerLike, perGroup } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface CyclicLROptions extends SchedulerOptions {
  /** Lower bound, one for all groups or one per group. Required. */
  baseLr: number | readonly number[];
  /** Upper bound, one for all groups or one per group. Required. */
  maxLr: number | readonly number[];
  /** Steps from baseLr up to maxLr. Default 2000. */
  stepSizeUp?: number;
  /** Steps back down. Default stepSizeUp. */
  stepSizeDown?: number;
  /** Default 'triangular'; ignored when scaleFn is given. */
  mode?: CyclicMode;
  /** exp_range's base: amplitude · gamma^t. Default 1. */
  gamma?: number;
  /** Custom amplitude scaling in [0, 1]; replaces mode. Not saved in the state dict. */
  scaleFn?: (x: number) => number;
  /** Whether scaleFn sees the cycle number or the step. Default 'cycle'. */
  scaleMode?: CyclicScaleMode;
  /** Cycle momentum inversely to the rate (needs groups with 'momentum' or 'betas'). Default true. */
  cycleMomentum?: boolean;
  /** Momentum at the peak rate. Default 0.8. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the lowest rate. Default 0.9. */
  maxMomentum?: number | readonly number[];
}

const KEYS = [
  'baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode',
  'cycleMomentum', 'baseMomentum', 'maxMomentum',
] as const;

/**
 * Cyclical learning rates (deck 000; see `schedules.cyclic` for the formula), stepped after every batch.
 * With cycleMomentum (the default) each group's momentum — `momentum`, or `betas[0]` for Adam-style
 * optimizers — moves inversely between maxMomentum and baseMomentum (`schedules.cyclicMomentum`);
 * an optimizer with neither throws, as in PyTorch.
 *
 *     new CyclicLR(optimizer, {baseLr: 0.001, maxLr: 0.1, stepSizeUp: 2000})
 */
export class CyclicLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: CyclicLROptions) {
    const name = 'CyclicLR';
    checkOptimizer(name, optimizer);
    checkKeys(name, options, [...KEYS, 'lastEpoch']);
    // PyTorch sets each group's lr (and so its initial_lr) to baseLr.
    const baseLrs = perGroup(name, 'baseLr', required(name, 'baseLr', options.baseLr), optimizer.paramGroups.length);
    super(name, optimizer, options, KEYS, { values: baseLrs, overwrite: false });
    this.baseLrs = baseLrs; // the lower bounds, even where a group already had an initialLr
    this.start();
  }

  protected build(): void {
    const { baseLr, maxLr, cycleMomentum = true, baseMomentum = 0.8, maxMomentum = 0.9, ...shape } =
      this.options as Omit<CyclicLROptions, 'lastEpoch'>;
    const n = this.baseLrs.length;
    required(this.name, 'baseLr', baseLr); // this.baseLrs holds it per group
    const maxLrs = perGroup(this.name, 'maxLr', required(this.name, 'maxLr', maxLr), n);
    this.schedules = this.baseLrs.map((b, i) => cyclic({ ...shape, baseLr: b, maxLr: maxLrs[i]! }, this.name));
    if (bool(this.name, 'cycleMomentum', cycleMomentum)) {
      this.momentumKeys = momentumKeys(this.name, this.optimizer);
      const lo = perGroup(this.name, 'baseMomentum', baseMomentum, n);
      const hi = perGroup(this.name, 'maxMomentum', maxMomentum, n);
      this.momentumSchedules = lo.map((m, i) => cyclicMomentum({ ...shape, baseMomentum: m, maxMomentum: hi[i]! }, this.name));
    } else {
      this.momentumSchedules = null;
    }
  }
}

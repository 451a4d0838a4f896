import { bool, checkKeys, integer, positive, required } from '../schedules/check.js';
import { oneCycle, oneCycleMomentum } from '../schedules/one-cycle.js';
import type { AnnealStrategy } from '../schedules/types.js';
import { checkOptimizer, momentumKeys, type OptimizerLike, perGroup } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

export interface OneCycleLROptions extends SchedulerOptions {
  /** Peak rate, one for all groups or one per group. Required. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give epochs and stepsPerEpoch. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the rate. Default 0.3. */
  pctStart?: number;
  /** Default 'cos'. */
  annealStrategy?: AnnealStrategy;
  /** Cycle momentum inversely to the rate (needs groups with 'momentum' or 'betas'). Default true. */
  cycleMomentum?: boolean;
  /** Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** initialLr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** The paper's three phases instead of fastai's two. Default false. */
  threePhase?: boolean;
}

const KEYS = [
  'maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum',
  'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase',
] as const;

/** totalSteps, or epochs · stepsPerEpoch (PyTorch's precedence). */
function totalStepsOf(who: string, o: Pick<OneCycleLROptions, 'totalSteps' | 'epochs' | 'stepsPerEpoch'>): number {
  if (o.totalSteps !== undefined) return integer(who, 'totalSteps', o.totalSteps, 1);
  if (o.epochs === undefined && o.stepsPerEpoch === undefined) {
    throw new TypeError(`${who}: you must define either totalSteps OR (epochs AND stepsPerEpoch)`);
  }
  return integer(who, 'epochs', required(who, 'epochs', o.epochs), 1) * integer(who, 'stepsPerEpoch', required(who, 'stepsPerEpoch', o.stepsPerEpoch), 1);
}

/**
 * The 1cycle policy (see `schedules.oneCycle` for the phases), stepped after every batch; each group's
 * initialLr is set to maxLr / divFactor. Stepping past totalSteps throws (PyTorch: "Tried to step …"),
 * leaving the scheduler as it was. With cycleMomentum (the default) the group's `momentum` or `betas[0]`
 * follows `schedules.oneCycleMomentum`.
 *
 *     new OneCycleLR(optimizer, {maxLr: 0.01, epochs: 10, stepsPerEpoch: batches})
 */
export class OneCycleLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: OneCycleLROptions) {
    const name = 'OneCycleLR';
    checkOptimizer(name, optimizer);
    checkKeys(name, options, [...KEYS, 'lastEpoch']);
    const maxLrs = perGroup(name, 'maxLr', required(name, 'maxLr', options.maxLr), optimizer.paramGroups.length);
    const divFactor = positive(name, 'divFactor', options.divFactor ?? 25);
    super(name, optimizer, options, KEYS, { values: maxLrs.map((m) => m / divFactor), overwrite: true });
    this.start();
  }

  protected build(): void {
    const o = this.options as Omit<OneCycleLROptions, 'lastEpoch'>;
    const { pctStart, annealStrategy, threePhase } = o;
    const n = this.baseLrs.length;
    const totalSteps = totalStepsOf(this.name, o);
    const maxLrs = perGroup(this.name, 'maxLr', required(this.name, 'maxLr', o.maxLr), n);
    this.schedules = maxLrs.map((maxLr) =>
      oneCycle({ maxLr, totalSteps, pctStart, annealStrategy, threePhase, divFactor: o.divFactor, finalDivFactor: o.finalDivFactor }, this.name),
    );
    if (bool(this.name, 'cycleMomentum', o.cycleMomentum ?? true)) {
      this.momentumKeys = momentumKeys(this.name, this.optimizer);
      const lo = perGroup(this.name, 'baseMomentum', o.baseMomentum ?? 0.85, n);
      const hi = perGroup(this.name, 'maxMomentum', o.maxMomentum ?? 0.95, n);
      this.momentumSchedules = lo.map((m, i) =>
        oneCycleMomentum({ totalSteps, pctStart, annealStrategy, threePhase, baseMomentum: m, maxMomentum: hi[i]! }, this.name),
      );
    } else {
      this.momentumSchedules = null;
    }
  }

  /** The number of steps in the cycle. */
  get totalSteps(): number {
    return totalStepsOf(this.name, this.options as Omit<OneCycleLROptions, 'lastEpoch'>);
  }
}

import { checkKeys, describe, integer, nonNegative, oneOf } from '../schedules/check.js';
import { checkOptimizer, type OptimizerLike, perGroup } from './adapter.js';

export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should decrease (a loss); 'max': increase (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** new lr = lr · factor, in [0, 1). Default 0.1. */
  factor?: number;
  /** Steps without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** How much better counts as better. Default 1e-4. */
  threshold?: number;
  /** 'rel': better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction before counting bad steps again. Default 0. */
  cooldown?: number;
  /** Lower bound on the rate, one for all groups or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** Reductions smaller than eps are skipped. Default 1e-8. */
  eps?: number;
}

/** The state of a ReduceLROnPlateau, plain JSON (a non-finite `best` is written as "inf" / "-inf"). */
export interface ReduceLROnPlateauState {
  type: 'ReduceLROnPlateau';
  lastEpoch: number;
  best: number | 'inf' | '-inf';
  numBadEpochs: number;
  cooldownCounter: number;
  lastLr: number[];
  options: Required<Omit<ReduceLROnPlateauOptions, 'minLr'>> & { minLr: number[] };
}

const KEYS = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps'] as const;
const NAME = 'ReduceLROnPlateau';

/**
 * Reduce the rate when a metric stops improving (deck 000). Not a schedule: a stateful object fed the
 * metric after each validation, `sched.step(valLoss)`. A step is an improvement when
 *
 *     min/rel: m < best·(1 − threshold)    min/abs: m < best − threshold
 *     max/rel: m > best·(1 + threshold)    max/abs: m > best + threshold
 *
 * After more than `patience` steps without one (steps in cooldown don't count), every group's rate becomes
 * max(lr·factor, minLr) — unless that changes it by less than eps — and a cooldown of `cooldown` steps
 * starts. As in PyTorch, a NaN metric is simply not an improvement.
 *
 *     const plateau = new ReduceLROnPlateau(optimizer, {patience: 5, factor: 0.5});
 */
export class ReduceLROnPlateau {
  readonly optimizer: OptimizerLike;
  mode: 'min' | 'max' = 'min';
  factor = 0.1;
  patience = 10;
  threshold = 1e-4;
  thresholdMode: 'rel' | 'abs' = 'rel';
  cooldown = 0;
  minLrs: number[] = [];
  eps = 1e-8;
  /** The best metric so far (±Infinity before the first step). */
  best: number;
  /** Consecutive steps without improvement. */
  numBadEpochs = 0;
  /** Steps of cooldown left. */
  cooldownCounter = 0;
  /** Steps taken. */
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: OptimizerLike, options: ReduceLROnPlateauOptions = {}) {
    checkOptimizer(NAME, optimizer);
    this.optimizer = optimizer;
    this.configure(NAME, options);
    this.best = this.modeWorse;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Validates and sets the options. */
  private configure(who: string, options: ReduceLROnPlateauOptions): void {
    checkKeys(who, options, KEYS);
    const factor = nonNegative(who, 'factor', options.factor ?? 0.1);
    if (factor >= 1) throw new RangeError(`${who}: option 'factor' must be < 1, got ${factor}`);
    const minLrs = perGroup(who, 'minLr', options.minLr ?? 0, this.optimizer.paramGroups.length);
    minLrs.forEach((m) => nonNegative(who, 'minLr', m));
    this.mode = oneOf(who, 'mode', options.mode ?? 'min', ['min', 'max']);
    this.factor = factor;
    this.patience = integer(who, 'patience', options.patience ?? 10, 0);
    this.threshold = nonNegative(who, 'threshold', options.threshold ?? 1e-4);
    this.thresholdMode = oneOf(who, 'thresholdMode', options.thresholdMode ?? 'rel', ['rel', 'abs']);
    this.cooldown = integer(who, 'cooldown', options.cooldown ?? 0, 0);
    this.minLrs = minLrs;
    this.eps = nonNegative(who, 'eps', options.eps ?? 1e-8);
  }

  /** The worst possible metric for the mode: +Infinity for 'min', −Infinity for 'max'. */
  get modeWorse(): number {
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Whether metric `a` improves on `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** Feeds one metric value (a number or a one-element tensor) and reduces the rates if it has plateaued. */
  step(metric: number | { item(): number }): void {
    if (typeof metric !== 'number' && typeof metric?.item !== 'function') {
      throw new TypeError(`${NAME}.step: expected a number or a one-element tensor, got ${describe(metric)}`);
    }
    const current = typeof metric === 'number' ? metric : metric.item();
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad steps in cooldown don't count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private reduceLr(): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      const old = group.lr;
      const next = Math.max(old * this.factor, this.minLrs[i]!);
      if (old - next > this.eps) group.lr = next;
    });
  }

  /** The groups' rates after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): ReduceLROnPlateauState {
    const best = Number.isFinite(this.best) ? this.best : this.best > 0 ? 'inf' : '-inf';
    return {
      type: NAME,
      lastEpoch: this.lastEpoch,
      best,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastLr: [...this.lastLr],
      options: {
        mode: this.mode, factor: this.factor, patience: this.patience, threshold: this.threshold,
        thresholdMode: this.thresholdMode, cooldown: this.cooldown, minLr: [...this.minLrs], eps: this.eps,
      },
    };
  }

  /** Restores options, counters and best value from `stateDict()` (as PyTorch, the saved options win). */
  loadStateDict(state: ReduceLROnPlateauState): void {
    const who = `${NAME}.loadStateDict`;
    if (state === null || typeof state !== 'object' || state.type !== NAME) {
      throw new TypeError(`${who}: expected a ReduceLROnPlateau state, got ${describe(state?.type ?? state)}`);
    }
    const best = state.best === 'inf' ? Infinity : state.best === '-inf' ? -Infinity : state.best;
    for (const [k, v] of [['best', best], ['lastEpoch', state.lastEpoch], ['numBadEpochs', state.numBadEpochs], ['cooldownCounter', state.cooldownCounter]] as const) {
      if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${who}: '${k}' must be a number, got ${describe(v)}`);
    }
    if (!Array.isArray(state.lastLr) || state.lastLr.length !== this.optimizer.paramGroups.length) {
      throw new TypeError(`${who}: 'lastLr' must hold one number per param group, got ${describe(state.lastLr)}`);
    }
    this.configure(who, state.options);
    this.best = best;
    this.lastEpoch = state.lastEpoch;
    this.numBadEpochs = state.numBadEpochs;
    this.cooldownCounter = state.cooldownCounter;
    this.lastLr = [...state.lastLr];
  }
}

/**
 * The shell every learning-rate scheduler shares (PyTorch's `LRScheduler` contract): it counts steps,
 * asks its closed-form schedules (src/optim/schedules) for the value at that step and writes it into the
 * optimizer through the adapter. Subclasses only say which schedule each parameter group follows.
 *
 *     const sched = new nb.optim.lrScheduler.StepLR(optimizer, {stepSize: 30});   // lr = schedule(0)
 *     for (...) { optimizer.step(); sched.step(); }                               // lr = schedule(t)
 *
 * Differences from PyTorch: values always come from the closed form (PyTorch's chainable recursions
 * agree with it to rounding when the scheduler alone sets the rate); `step(epoch)` jumps to any step
 * without a deprecation warning; there is no `verbose` (no logging in the library).
 */
import { checkKeys, describe, integer } from '../schedules/check.js';
import type { Schedule } from '../schedules/types.js';
import { checkOptimizer, groupRecord, type MomentumKey, type OptimizerLike, writeGroups } from './adapter.js';

/** Options every scheduler accepts. */
export interface SchedulerOptions {
  /**
   * Index of the last step taken, to resume a run without a state dict (PyTorch's last_epoch): the
   * scheduler starts at lastEpoch + 1 and reads each group's `initialLr`. Default −1 (a fresh start).
   */
  lastEpoch?: number;
}

/** A scheduler's state: plain JSON, for checkpoints. */
export interface SchedulerState {
  /** The class that wrote it (loading checks it). */
  type: string;
  lastEpoch: number;
  baseLrs: number[];
  lastLr: number[];
  /** The options, without functions (lrLambda, scaleFn stay those the scheduler was constructed with). */
  options: Record<string, unknown>;
  [extra: string]: unknown;
}

/** The options as JSON: functions and scheduler objects are left out. */
function jsonOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (typeof v === 'function' || v === undefined) continue;
    if (Array.isArray(v) && v.some((x) => typeof x === 'function' || (x !== null && typeof x === 'object'))) continue;
    out[k] = JSON.parse(JSON.stringify(v)) as unknown;
  }
  return out;
}

export abstract class LRScheduler {
  readonly optimizer: OptimizerLike;
  /** The step the current rate belongs to (PyTorch's last_epoch): 0 right after construction. */
  lastEpoch = -1;
  /** Each group's starting rate (its `initialLr`). */
  baseLrs: number[];
  /** The class name, used in error messages and state dicts. */
  protected readonly name: string;
  protected options: Record<string, unknown>;
  /** One schedule per parameter group, made by `build()`. */
  protected schedules: Schedule[] = [];
  /** Momentum schedules per group, for schedulers that cycle momentum. */
  protected momentumSchedules: Schedule[] | null = null;
  protected momentumKeys: MomentumKey[] = [];
  protected lastLr: number[] = [];
  private readonly resumeFrom: number;

  /**
   * Validates the optimizer and option names and records each group's `initialLr` (PyTorch's initial_lr):
   * on a fresh start it is set from the group's current lr unless already present, or, with
   * `initialLrs`, from those values (`overwrite` replaces an existing one, as OneCycleLR does).
   */
  protected constructor(
    name: string,
    optimizer: OptimizerLike,
    options: object | undefined,
    keys: readonly string[],
    initialLrs?: { values: readonly number[]; overwrite: boolean },
  ) {
    checkOptimizer(name, optimizer);
    checkKeys(name, options, [...keys, 'lastEpoch']);
    this.name = name;
    this.optimizer = optimizer;
    const { lastEpoch = -1, ...rest } = (options ?? {}) as Record<string, unknown> & { lastEpoch?: number };
    this.options = rest;
    this.resumeFrom = integer(name, 'lastEpoch', lastEpoch, -1);
    optimizer.paramGroups.forEach((g, i) => {
      const r = groupRecord(g);
      if (this.resumeFrom === -1) {
        if (initialLrs !== undefined && (initialLrs.overwrite || r.initialLr === undefined)) r.initialLr = initialLrs.values[i];
        else if (r.initialLr === undefined) r.initialLr = g.lr;
      } else if (typeof r.initialLr !== 'number') {
        throw new TypeError(
          `${name}: option lastEpoch=${this.resumeFrom} resumes a run, but paramGroups[${i}] has no 'initialLr'`,
        );
      }
    });
    this.baseLrs = optimizer.paramGroups.map((g) => groupRecord(g).initialLr as number);
  }

  /** (Re)creates `schedules` (and `momentumSchedules`) from `options` and `baseLrs`. */
  protected abstract build(): void;

  /** Ends every subclass constructor: builds the schedules and sets the rate of the first step. */
  protected start(): void {
    this.build();
    this.step(this.resumeFrom + 1);
  }

  /** Each group's rate at step t, from the closed form; changes nothing. */
  lrAt(t: number): number[] {
    return this.schedules.map((s) => s(t));
  }

  /** Each group's momentum at step t for schedulers that cycle it, otherwise null; changes nothing. */
  momentumAt(t: number): number[] | null {
    return this.momentumSchedules === null ? null : this.momentumSchedules.map((s) => s(t));
  }

  /**
   * Advances one step (call it after `optimizer.step()`), or, given `epoch`, jumps to that step, and
   * writes the new rates into the optimizer.
   */
  step(epoch?: number): void {
    const t = epoch === undefined ? this.lastEpoch + 1 : this.checkEpoch(epoch);
    this.moveTo(t);
  }

  /** Validates an explicit step(epoch) argument. */
  protected checkEpoch(epoch: number): number {
    if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) {
      throw new RangeError(`${this.name}.step: epoch must be an integer >= 0, got ${describe(epoch)}`);
    }
    return epoch;
  }

  /** Computes every value first (so an error leaves the state as it was), then writes and records. */
  protected moveTo(t: number): void {
    const lrs = this.lrAt(t);
    const momenta = this.momentumAt(t);
    writeGroups(this.optimizer, lrs, momenta, this.momentumKeys);
    this.lastEpoch = t;
    this.lastLr = lrs;
  }

  /** The rates this scheduler last wrote, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's state as plain JSON (the optimizer's own state is saved separately). */
  stateDict(): SchedulerState {
    return {
      type: this.name,
      lastEpoch: this.lastEpoch,
      baseLrs: [...this.baseLrs],
      lastLr: [...this.lastLr],
      options: jsonOptions(this.options),
      ...this.extraState(),
    };
  }

  /**
   * Restores a state from `stateDict()` (options included, as PyTorch does); the optimizer is not touched,
   * so load its state dict too. Stepping on continues exactly where the saved scheduler was.
   */
  loadStateDict(state: SchedulerState): void {
    const who = `${this.name}.loadStateDict`;
    if (state === null || typeof state !== 'object') throw new TypeError(`${who}: expected a state object, got ${describe(state)}`);
    if (state.type !== this.name) throw new TypeError(`${who}: the state was saved by a ${describe(state.type)}, not a ${this.name}`);
    const groups = this.optimizer.paramGroups.length;
    for (const key of ['baseLrs', 'lastLr'] as const) {
      const v = state[key];
      if (!Array.isArray(v) || v.length !== groups || !v.every((x) => typeof x === 'number')) {
        throw new TypeError(`${who}: '${key}' must hold ${groups} numbers (one per param group), got ${describe(v)}`);
      }
    }
    if (typeof state.lastEpoch !== 'number') throw new TypeError(`${who}: 'lastEpoch' must be a number, got ${describe(state.lastEpoch)}`);
    this.options = { ...this.options, ...(state.options ?? {}) };
    this.baseLrs = [...state.baseLrs];
    this.lastLr = [...state.lastLr];
    this.lastEpoch = state.lastEpoch;
    this.build();
    this.loadExtraState(state);
  }

  /** Scheduler-specific entries of the state dict. */
  protected extraState(): Record<string, unknown> {
    return {};
  }

  protected loadExtraState(_state: SchedulerState): void {}
}

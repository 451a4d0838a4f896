import { checkKeys, finite, func, nonNegative, oneOf, positive, required } from './check.js';
import type { Schedule } from './types.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';
export type CyclicScaleMode = 'cycle' | 'iterations';

export interface CyclicScheduleOptions {
  /** Lower bound of the cycle. */
  baseLr: number;
  /** Upper bound of the cycle (reached at the peak unless a scale function shrinks the amplitude). */
  maxLr: number;
  /** Steps from baseLr up to maxLr. Default 2000. */
  stepSizeUp?: number;
  /** Steps from maxLr back down. Default stepSizeUp. */
  stepSizeDown?: number;
  /** Default 'triangular'. Ignored when scaleFn is given. */
  mode?: CyclicMode;
  /** The base of 'exp_range' scaling, gamma^t. Default 1. */
  gamma?: number;
  /** Custom amplitude scaling, 0 <= scaleFn(x) <= 1; replaces mode. */
  scaleFn?: (x: number) => number;
  /** What scaleFn is evaluated on: the cycle number or the step t. Default 'cycle'. */
  scaleMode?: CyclicScaleMode;
}

const KEYS = ['baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode'] as const;

/**
 * Cyclical learning rates (deck 000; Smith 2017; PyTorch's CyclicLR, whose formula this is):
 *
 *     cycle = ⌊1 + t / (up + down)⌋,   x = 1 + t / (up + down) − cycle              (position in the cycle, 0…1)
 *     s     = x / r if x ≤ r, else (x − 1) / (r − 1),   r = up / (up + down)          (0 → 1 → 0)
 *     lr(t) = baseLr + (maxLr − baseLr) · s · scale
 *
 * with scale = 1 ('triangular'), 1 / 2^(cycle − 1) ('triangular2'), gamma^t ('exp_range'),
 * or scaleFn(cycle) / scaleFn(t) for a custom function with scaleMode 'cycle' / 'iterations'.
 */
export function cyclic(options: CyclicScheduleOptions, who = 'schedules.cyclic'): Schedule {
  checkKeys(who, options, KEYS);
  const baseLr = finite(who, 'baseLr', required(who, 'baseLr', options.baseLr));
  const maxLr = finite(who, 'maxLr', required(who, 'maxLr', options.maxLr));
  const up = positive(who, 'stepSizeUp', options.stepSizeUp ?? 2000);
  const down = nonNegative(who, 'stepSizeDown', options.stepSizeDown ?? up);
  const gamma = positive(who, 'gamma', options.gamma ?? 1);
  let scale: (x: number) => number;
  let scaleMode: CyclicScaleMode;
  if (options.scaleFn !== undefined) {
    scale = func(who, 'scaleFn', options.scaleFn);
    scaleMode = oneOf(who, 'scaleMode', options.scaleMode ?? 'cycle', ['cycle', 'iterations']);
  } else {
    const mode = oneOf(who, 'mode', options.mode ?? 'triangular', ['triangular', 'triangular2', 'exp_range']);
    if (options.scaleMode !== undefined) oneOf(who, 'scaleMode', options.scaleMode, ['cycle', 'iterations']);
    scale = mode === 'triangular' ? () => 1 : mode === 'triangular2' ? (c) => 1 / 2 ** (c - 1) : (i) => gamma ** i;
    scaleMode = mode === 'exp_range' ? 'iterations' : 'cycle';
  }
  const totalSize = up + down;
  const stepRatio = up / totalSize;
  return (t) => {
    const cycle = Math.floor(1 + t / totalSize);
    const x = 1 + t / totalSize - cycle;
    const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    const baseHeight = (maxLr - baseLr) * scaleFactor;
    return baseLr + baseHeight * scale(scaleMode === 'cycle' ? cycle : t);
  };
}

export interface CyclicMomentumScheduleOptions extends Omit<CyclicScheduleOptions, 'baseLr' | 'maxLr'> {
  /** Momentum at the peak of the learning rate. Default 0.8. */
  baseMomentum?: number;
  /** Momentum at the start of each cycle (where the learning rate is lowest). Default 0.9. */
  maxMomentum?: number;
}

/**
 * The momentum that CyclicLR cycles inversely to the learning rate:
 *
 *     m(t) = maxMomentum − (maxMomentum − baseMomentum) · s · scale
 *
 * i.e. `cyclic` with the bounds swapped (bit for bit the same numbers as PyTorch's formula).
 */
export function cyclicMomentum(options: CyclicMomentumScheduleOptions, who = 'schedules.cyclicMomentum'): Schedule {
  checkKeys(who, options, [...KEYS.slice(2), 'baseMomentum', 'maxMomentum']);
  const { baseMomentum = 0.8, maxMomentum = 0.9, ...rest } = options;
  finite(who, 'baseMomentum', baseMomentum);
  finite(who, 'maxMomentum', maxMomentum);
  return cyclic({ ...rest, baseLr: maxMomentum, maxLr: baseMomentum }, who);
}

import { checkKeys, finite, inRange, integer } from './check.js';
import type { Schedule } from './types.js';

export interface LinearScheduleOptions {
  baseLr: number;
  /** Factor at t = 0, in [0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor from t = totalIters on, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Default 5. */
  totalIters?: number;
}

/**
 * Linear change of the factor (deck 000's linear decay; linear warm-up; PyTorch's LinearLR, closed form):
 *
 *     lr(t) = baseLr · (startFactor + (endFactor − startFactor) · min(t, totalIters) / totalIters)
 */
export function linear(options: LinearScheduleOptions, who = 'schedules.linear'): Schedule {
  checkKeys(who, options, ['baseLr', 'startFactor', 'endFactor', 'totalIters']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const startFactor = inRange(who, 'startFactor', options.startFactor ?? 1 / 3, 0, 1);
  const endFactor = inRange(who, 'endFactor', options.endFactor ?? 1, 0, 1);
  const totalIters = integer(who, 'totalIters', options.totalIters ?? 5, 1);
  return (t) => baseLr * (startFactor + ((endFactor - startFactor) * Math.min(totalIters, t)) / totalIters);
}

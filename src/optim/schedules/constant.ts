import { checkKeys, finite, inRange, integer } from './check.js';
import type { Schedule } from './types.js';

export interface ConstantScheduleOptions {
  baseLr: number;
  /** Multiplies baseLr before `totalIters`. Default 1/3 (PyTorch's ConstantLR); 1 gives a flat schedule. */
  factor?: number;
  /** Default 5. */
  totalIters?: number;
}

/**
 * A constant factor until a milestone (PyTorch's ConstantLR, closed form):
 *
 *     lr(t) = baseLr · factor   for t < totalIters
 *     lr(t) = baseLr            for t ≥ totalIters
 *
 * With `factor: 1` it is the flat schedule lr(t) = baseLr.
 */
export function constant(options: ConstantScheduleOptions, who = 'schedules.constant'): Schedule {
  checkKeys(who, options, ['baseLr', 'factor', 'totalIters']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const factor = inRange(who, 'factor', options.factor ?? 1 / 3, 0, 1);
  const totalIters = integer(who, 'totalIters', options.totalIters ?? 5, 0);
  return (t) => baseLr * (factor + (t >= totalIters ? 1 - factor : 0));
}

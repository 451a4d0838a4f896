import { checkKeys, finite, integer, nonNegative } from './check.js';
import type { Schedule } from './types.js';

export interface PolynomialScheduleOptions {
  baseLr: number;
  /** Steps until the rate reaches 0. Default 5. */
  totalIters?: number;
  /** Default 1 (linear decay to 0). */
  power?: number;
}

/**
 * Polynomial decay to zero (PyTorch's PolynomialLR, closed form):
 *
 *     lr(t) = baseLr · (1 − min(t, totalIters) / totalIters)^power
 */
export function polynomial(options: PolynomialScheduleOptions, who = 'schedules.polynomial'): Schedule {
  checkKeys(who, options, ['baseLr', 'totalIters', 'power']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const totalIters = integer(who, 'totalIters', options.totalIters ?? 5, 1);
  const power = nonNegative(who, 'power', options.power ?? 1);
  return (t) => baseLr * (1 - Math.min(totalIters, t) / totalIters) ** power;
}

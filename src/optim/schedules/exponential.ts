import { checkKeys, finite, positive, required } from './check.js';
import type { Schedule } from './types.js';

export interface ExponentialScheduleOptions {
  baseLr: number;
  /** Multiplicative decay per step (> 0). */
  gamma: number;
}

/**
 * Exponential decay (deck 004; PyTorch's ExponentialLR):
 *
 *     lr(t) = baseLr · gamma^t
 */
export function exponential(options: ExponentialScheduleOptions, who = 'schedules.exponential'): Schedule {
  checkKeys(who, options, ['baseLr', 'gamma']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const gamma = positive(who, 'gamma', required(who, 'gamma', options.gamma));
  return (t) => baseLr * gamma ** t;
}

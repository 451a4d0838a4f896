import { bool, checkKeys, finite, nonNegative, positive, required } from './check.js';
import type { Schedule } from './types.js';

export interface InverseTimeScheduleOptions {
  baseLr: number;
  /** k in lr0 / (1 + k·t); >= 0. */
  decayRate: number;
  /** t is measured in units of `decaySteps` steps. Default 1. */
  decaySteps?: number;
  /** Use ⌊t / decaySteps⌋, so the rate changes in jumps. Default false. */
  staircase?: boolean;
}

/**
 * 1/t decay (deck 004). PyTorch has no such scheduler; the options follow Keras' InverseTimeDecay.
 *
 *     lr(t) = baseLr / (1 + decayRate · p),   p = t / decaySteps   (⌊t / decaySteps⌋ with staircase)
 */
export function inverseTime(options: InverseTimeScheduleOptions, who = 'schedules.inverseTime'): Schedule {
  checkKeys(who, options, ['baseLr', 'decayRate', 'decaySteps', 'staircase']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const decayRate = nonNegative(who, 'decayRate', required(who, 'decayRate', options.decayRate));
  const decaySteps = positive(who, 'decaySteps', options.decaySteps ?? 1);
  const staircase = bool(who, 'staircase', options.staircase ?? false);
  return (t) => baseLr / (1 + decayRate * (staircase ? Math.floor(t / decaySteps) : t / decaySteps));
}

import { checkKeys, finite, integer, positive, required } from './check.js';
import type { Schedule } from './types.js';

export interface StepScheduleOptions {
  baseLr: number;
  /** Decay every `stepSize` steps (an integer >= 1). */
  stepSize: number;
  /** Default 0.1. */
  gamma?: number;
}

/**
 * Step decay (deck 004; PyTorch's StepLR): the rate drops by `gamma` every `stepSize` steps.
 *
 *     lr(t) = baseLr · gamma^⌊t / stepSize⌋
 */
export function step(options: StepScheduleOptions, who = 'schedules.step'): Schedule {
  checkKeys(who, options, ['baseLr', 'stepSize', 'gamma']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const stepSize = integer(who, 'stepSize', required(who, 'stepSize', options.stepSize), 1);
  const gamma = positive(who, 'gamma', options.gamma ?? 0.1);
  return (t) => baseLr * gamma ** Math.floor(t / stepSize);
}

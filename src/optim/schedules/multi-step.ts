import { checkKeys, describe, finite, positive, required } from './check.js';
import type { Schedule } from './types.js';

export interface MultiStepScheduleOptions {
  baseLr: number;
  /** Steps at which the rate is multiplied by gamma; a milestone listed twice applies gamma twice. */
  milestones: readonly number[];
  /** Default 0.1. */
  gamma?: number;
}

/**
 * Decay at given milestones (PyTorch's MultiStepLR, closed form):
 *
 *     lr(t) = baseLr · gamma^#{milestones m : m ≤ t}
 */
export function multiStep(options: MultiStepScheduleOptions, who = 'schedules.multiStep'): Schedule {
  checkKeys(who, options, ['baseLr', 'milestones', 'gamma']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const milestones = required(who, 'milestones', options.milestones);
  if (!Array.isArray(milestones) || !milestones.every((m) => Number.isInteger(m) && m >= 0)) {
    throw new TypeError(`${who}: option 'milestones' must be an array of integers >= 0, got ${describe(milestones)}`);
  }
  const sorted = [...milestones].sort((a, b) => a - b);
  const gamma = positive(who, 'gamma', options.gamma ?? 0.1);
  return (t) => {
    let passed = 0;
    while (passed < sorted.length && sorted[passed]! <= t) passed++;
    return baseLr * gamma ** passed;
  };
}

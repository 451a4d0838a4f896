import { checkKeys, describe, inRange, integer, required } from './check.js';
import { linear } from './linear.js';
import type { Schedule } from './types.js';

/**
 * Schedules one after another (PyTorch's SequentialLR): schedule i runs from milestone i − 1 on,
 * restarted at its own step 0.
 *
 *     lr(t) = schedules[i](t − milestones[i − 1]),   i = #{milestones m : m ≤ t},   milestones[−1] = 0
 */
export function sequential(schedules: readonly Schedule[], milestones: readonly number[], who = 'schedules.sequential'): Schedule {
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'function')) {
    throw new TypeError(`${who}: expected a non-empty array of schedules`);
  }
  if (!Array.isArray(milestones) || milestones.length !== schedules.length - 1) {
    throw new RangeError(
      `${who}: expected ${schedules.length - 1} milestones for ${schedules.length} schedules, got ${describe(milestones)}`,
    );
  }
  milestones.forEach((m, i) => {
    integer(who, `milestones[${i}]`, m, i === 0 ? 0 : milestones[i - 1]! + 1);
  });
  return (t) => {
    let i = 0;
    while (i < milestones.length && milestones[i]! <= t) i++;
    return schedules[i]!(i === 0 ? t : t - milestones[i - 1]!);
  };
}

export interface WarmupOptions {
  /** Steps of linear warm-up before `schedule` starts (at its own step 0). */
  warmupSteps: number;
  /** The warm-up starts at startFactor · schedule(0). Default 1/3 (as LinearLR). */
  startFactor?: number;
}

/**
 * Linear warm-up in front of any schedule; the same as SequentialLR([LinearLR, scheduler], [warmupSteps]):
 *
 *     lr(t) = schedule(0) · (f + (1 − f) · t / W)   for t < W
 *     lr(t) = schedule(t − W)                        for t ≥ W
 */
export function warmup(schedule: Schedule, options: WarmupOptions, who = 'schedules.warmup'): Schedule {
  checkKeys(who, options, ['warmupSteps', 'startFactor']);
  const warmupSteps = integer(who, 'warmupSteps', required(who, 'warmupSteps', options.warmupSteps), 1);
  const startFactor = inRange(who, 'startFactor', options.startFactor ?? 1 / 3, 0, 1);
  const ramp = linear({ baseLr: schedule(0), startFactor, endFactor: 1, totalIters: warmupSteps }, who);
  return sequential([ramp, schedule], [warmupSteps], who);
}

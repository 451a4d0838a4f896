/**
 * scaleByLearningRate(η) — the step itself: u ← −η·u, with η a number or a schedule η(t) of the
 * number t of updates done so far (t = 0 on the first step).
 *   θ_{t+1} = θ_t − η_t·u_t   (after applyUpdates)
 * State: {} for a constant η; {count} for a schedule.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation, Schedule } from './types.js';
import { checkNumber } from './util.js';

export interface ScheduleState {
  /** Updates done so far. */
  count?: number;
}

/** Resolves a constant or scheduled hyper-parameter at `count`, checking the value. */
export function valueAt(where: string, name: string, v: number | Schedule, count: number): number {
  const x = typeof v === 'function' ? v(count) : v;
  return checkNumber(where, typeof v === 'function' ? `${name}(${count})` : name, x);
}

export function scaleByLearningRate(lr: number | Schedule): GradientTransformation<ScheduleState> {
  if (typeof lr !== 'function') checkNumber('scaleByLearningRate', 'lr', lr, { min: 0 });
  return {
    init: () => (typeof lr === 'function' ? { count: 0 } : {}),
    update(updates, state) {
      const count = state.count ?? 0;
      const eta = valueAt('scaleByLearningRate', 'lr', lr, count);
      const out = noGrad(() => updates.map((u) => u.mul(-eta)));
      return { updates: out, state: typeof lr === 'function' ? { count: count + 1 } : state };
    },
  };
}

/**
 * decoupledWeightDecay(λ, {lr}) — AdamW's weight decay (Loshchilov & Hutter), applied to the
 * weights directly instead of through the gradient, so adaptive scaling does not touch it.
 * Put it after scaleByLearningRate; the decay is scaled by the same learning rate η_t:
 *   u ← u − η_t·λ·w          ⇒   θ_{t+1} = θ_t·(1 − η_t·λ) + (rest of the step)
 * lr is a number or a schedule of the update count. State: {} for a constant lr, {count} for a
 * schedule. λ = 0 is the identity.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation, Schedule } from './types.js';
import { valueAt, type ScheduleState } from './scale-by-learning-rate.js';
import { checkKeys, checkNumber, needParams } from './util.js';

export interface DecoupledWeightDecayOptions {
  /** The learning rate the decay is scaled by (default 1: plain u ← u − λ·w). */
  lr?: number | Schedule;
}

export function decoupledWeightDecay(weightDecay: number, options: DecoupledWeightDecayOptions = {}): GradientTransformation<ScheduleState> {
  checkKeys('decoupledWeightDecay', options, ['lr']);
  const { lr = 1 } = options;
  checkNumber('decoupledWeightDecay', 'weightDecay', weightDecay, { min: 0 });
  if (typeof lr !== 'function') checkNumber('decoupledWeightDecay', 'lr', lr, { min: 0 });
  return {
    init: () => (typeof lr === 'function' ? { count: 0 } : {}),
    update(updates, state, params) {
      const count = state.count ?? 0;
      const next = typeof lr === 'function' ? { count: count + 1 } : state;
      if (weightDecay === 0) return { updates: [...updates], state: next };
      const ps = needParams('decoupledWeightDecay', updates, params);
      const factor = -valueAt('decoupledWeightDecay', 'lr', lr, count) * weightDecay;
      return { updates: noGrad(() => updates.map((u, i) => u.add(ps[i]!, factor))), state: next };
    },
  };
}

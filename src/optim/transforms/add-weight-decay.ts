/**
 * addWeightDecay(λ) — coupled L2 regularisation: the gradient of ½·λ·‖w‖² added to the gradient.
 *   u ← u + λ·w
 * Deck 004 (Krogh & Hertz): W ← W − η·∂L₀/∂W − η·λ·W. Placed before an adaptive scaling (Adam's
 * weightDecay), the decay is rescaled with the gradient; use decoupledWeightDecay for AdamW.
 * Stateless; λ = 0 is the identity.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkNumber, needParams } from './util.js';

export function addWeightDecay(weightDecay: number): GradientTransformation<EmptyState> {
  checkNumber('addWeightDecay', 'weightDecay', weightDecay, { min: 0 });
  return {
    init: () => ({}),
    update(updates, state, params) {
      if (weightDecay === 0) return { updates: [...updates], state };
      const ps = needParams('addWeightDecay', updates, params);
      return { updates: noGrad(() => updates.map((g, i) => g.add(ps[i]!, weightDecay))), state };
    },
  };
}

/**
 * clipByValue(c) — clamps every coordinate of every update to [−c, c] (PyTorch's
 * clip_grad_value_ as a transformation):
 *   u ← min(max(u, −c), c)
 * Stateless.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkNumber } from './util.js';

export function clipByValue(clipValue: number): GradientTransformation<EmptyState> {
  checkNumber('clipByValue', 'clipValue', clipValue, { min: 0 });
  return {
    init: () => ({}),
    update: (updates, state) => ({ updates: noGrad(() => updates.map((u) => u.clamp(-clipValue, clipValue))), state }),
  };
}

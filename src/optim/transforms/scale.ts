/**
 * scale(c) — multiplies the updates by a constant: u ← c·u. scale(-1) turns a minimiser into a
 * maximiser (PyTorch's maximize=True negates the gradient first). Stateless; scale(1) is the
 * identity and returns the updates untouched.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { GradientTransformation } from './types.js';
import { checkNumber } from './util.js';

export type EmptyState = Record<string, never>;

export function scale(factor: number): GradientTransformation<EmptyState> {
  checkNumber('scale', 'factor', factor);
  return {
    init: () => ({}),
    update: (updates, state) => ({
      updates: factor === 1 ? [...updates] : noGrad(() => updates.map((u) => u.mul(factor))),
      state,
    }),
  };
}

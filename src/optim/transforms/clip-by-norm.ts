/**
 * clipByNorm(maxNorm, {normType}) — clips each update on its own (per-parameter clipping):
 *   cᵢ = min(1, maxNorm / (‖uᵢ‖_p + 1e-6)),   uᵢ ← cᵢ·uᵢ
 * Stateless. For one norm over all parameters use clipByGlobalNorm.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { norm } from '../../ops/index.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkNormType, clipCoefficient, type ClipNormOptions } from './clip-by-global-norm.js';
import { checkKeys, checkNumber } from './util.js';

export function clipByNorm(maxNorm: number, options: ClipNormOptions = {}): GradientTransformation<EmptyState> {
  checkKeys('clipByNorm', options, ['normType']);
  checkNumber('clipByNorm', 'maxNorm', maxNorm, { min: 0 });
  const normType = checkNormType('clipByNorm', options.normType ?? 2);
  return {
    init: () => ({}),
    update: (updates, state) => ({
      updates: noGrad(() => updates.map((u) => u.mul(clipCoefficient(norm(u, normType), maxNorm)))),
      state,
    }),
  };
}

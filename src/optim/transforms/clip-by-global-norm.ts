/**
 * clipByGlobalNorm(maxNorm, {normType}) — rescales all updates together so that their joint
 * p-norm is at most maxNorm (deck 000 "gradient clipping"; PyTorch's clip_grad_norm_):
 *   N = ‖(‖u₁‖_p, …, ‖u_k‖_p)‖_p             (= the p-norm of all coordinates; max for p = ∞)
 *   c = min(1, maxNorm / (N + 1e-6))
 *   uᵢ ← c·uᵢ
 * The 1e-6 is PyTorch's. Stateless. `globalNorm` is shared with nb.nn.utils.clipGradNorm.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { clamp, div, max, norm, stack } from '../../ops/index.js';
import { zeros } from '../../tensor/creation.js';
import { promoteTypes } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkKeys, checkNumber } from './util.js';

export interface ClipNormOptions {
  /** p of the norm: any p > 0, or Infinity (default 2). */
  normType?: number;
}

export function checkNormType(where: string, normType: unknown): number {
  if (typeof normType !== 'number' || !(normType > 0)) {
    throw new Error(`${where}: normType must be a number > 0 or Infinity, got ${String(normType)}`);
  }
  return normType;
}

/**
 * The p-norm of all coordinates of `tensors` together, as a 0-d tensor (PyTorch's total_norm:
 * the norm of the per-tensor norms). Zero tensors give a float32 0.
 */
export function globalNorm(tensors: readonly Tensor[], normType = 2): Tensor {
  return noGrad(() => {
    if (tensors.length === 0) return zeros([]);
    const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
    const norms = tensors.map((t) => norm(t, normType).to(dtype));
    if (norms.length === 1) return norms[0]!;
    const all = stack(norms);
    return normType === Infinity ? max(all) : norm(all, normType);
  });
}

/** min(1, maxNorm / (total + 1e-6)) as a 0-d tensor. */
export function clipCoefficient(total: Tensor, maxNorm: number): Tensor {
  return noGrad(() => clamp(div(maxNorm, total.add(1e-6)), null, 1));
}

export function clipByGlobalNorm(maxNorm: number, options: ClipNormOptions = {}): GradientTransformation<EmptyState> {
  checkKeys('clipByGlobalNorm', options, ['normType']);
  checkNumber('clipByGlobalNorm', 'maxNorm', maxNorm, { min: 0 });
  const normType = checkNormType('clipByGlobalNorm', options.normType ?? 2);
  return {
    init: () => ({}),
    update(updates, state) {
      if (updates.length === 0) return { updates: [], state };
      const c = clipCoefficient(globalNorm(updates, normType), maxNorm);
      return { updates: noGrad(() => updates.map((u) => u.mul(c))), state };
    },
  };
}

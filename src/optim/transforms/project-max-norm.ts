/**
 * projectMaxNorm(maxNorm, {dim, normType}) — the max-norm constraint (deck 000, "explicit
 * constraints"; Srebro et al., Hinton et al.'s dropout paper) as the last link of a chain: after
 * the step, every slice of a weight along `dim` (a row of a Linear weight [out, in] for dim 0, a
 * filter of a conv weight) whose norm exceeds maxNorm is scaled back onto the ball:
 *   w' = w + u,   w'ᵢ ← w'ᵢ · maxNorm / (‖w'ᵢ‖_p + 1e-7)   where ‖w'ᵢ‖_p > maxNorm
 *   u ← w'_projected − w
 * (torch.renorm's rule, 1e-7 included). Parameters with fewer than 2 dims (biases, gains) are not
 * constrained. Stateless. `renorm` is shared with nb.nn.utils.MaxNorm.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { div, norm, where } from '../../ops/index.js';
import { normalizeDim } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import type { EmptyState } from './scale.js';
import { checkNormType } from './clip-by-global-norm.js';
import { checkKeys, checkNumber, needParams } from './util.js';

export interface MaxNormOptions {
  /** The dim that indexes the constrained slices (default 0: rows / output filters). */
  dim?: number;
  /** p of the norm (default 2). */
  normType?: number;
}

/** w with every slice along `dim` whose p-norm exceeds maxNorm rescaled to norm maxNorm (torch.renorm). */
export function renorm(w: Tensor, maxNorm: number, dim = 0, normType = 2): Tensor {
  return noGrad(() => {
    const d = normalizeDim('renorm', dim, w.ndim);
    const others = [...w.shape.keys()].filter((i) => i !== d);
    const n = others.length === 0 ? w.abs() : norm(w, normType, others, true);
    const factor = where(n.gt(maxNorm), div(maxNorm, n.add(1e-7)), 1);
    return w.mul(factor);
  });
}

export function projectMaxNorm(maxNorm: number, options: MaxNormOptions = {}): GradientTransformation<EmptyState> {
  checkKeys('projectMaxNorm', options, ['dim', 'normType']);
  checkNumber('projectMaxNorm', 'maxNorm', maxNorm, { min: 0 });
  const { dim = 0 } = options;
  const normType = checkNormType('projectMaxNorm', options.normType ?? 2);
  return {
    init: () => ({}),
    update(updates, state, params) {
      const ps = needParams('projectMaxNorm', updates, params);
      const out = noGrad(() =>
        updates.map((u, i) => {
          const p = ps[i]!;
          if (p.ndim < 2) return u;
          return renorm(p.add(u), maxNorm, dim, normType).sub(p);
        }),
      );
      return { updates: out, state };
    },
  };
}

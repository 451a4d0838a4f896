/**
 * Heteroscedastic Laplace negative log-likelihood — the network outputs the location μ (input)
 * and the scale b > 0 of q(y|x) = Laplace(y | μ, b) (deck 000's Laplace model with a learned
 * scale γ; the robust, median-seeking sibling of GaussianNLLLoss):
 *
 *   ℓ = log(2b) + |y − μ| / b,   b ← max(b, eps)
 *
 * PyTorch has no such loss; it follows GaussianNLLLoss's conventions: forward(input, target,
 * scale), scale shaped like the input or with the last dim 1 or dropped, negative entries throw,
 * and the eps clamp lets gradients through. The log 2 constant is always included (this is the
 * exact NLL).
 */
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, checkOptions, checkReduction, Loss, numberOption, reduce, type LossConfig, type Reduction,
  type ReductionOptions,
} from './common.js';
import { checkNonNegative, checkTargetLike, clampStraightThrough, spreadLike } from './scale-shape.js';

export interface LaplaceNLLLossOptions extends ReductionOptions {
  /** Lower clamp of the scale, for stability (default 1e-6). */
  eps?: number;
}

const KNOWN = ['reduction', 'eps'];

interface Resolved {
  eps: number;
  reduction: Reduction;
}

function resolve(owner: string, options: unknown): Resolved {
  const o = checkOptions(owner, options, KNOWN);
  const eps = numberOption(owner, 'eps', o.eps, 1e-6);
  if (!(eps >= 0)) throw new Error(`${owner}: eps must be >= 0, got ${eps}`);
  return { reduction: checkReduction(owner, o.reduction), eps };
}

function compute(owner: string, input: Tensor, target: Tensor, scale: Tensor, o: Resolved): Tensor {
  assertFloat(owner, 'input', input);
  const y = checkTargetLike(owner, input, target);
  const b0 = spreadLike(owner, 'scale', input, scale);
  checkNonNegative(owner, 'scale', b0);
  const b = clampStraightThrough(b0, o.eps);
  const loss = b.mul(2).log().add(y.sub(input).abs().div(b));
  return reduce(loss, o.reduction);
}

/** Laplace NLL: log(2b) + |target − input| / b, reduced. */
export function laplaceNllLoss(input: Tensor, target: Tensor, scale: Tensor, options?: LaplaceNLLLossOptions): Tensor {
  return compute('laplaceNllLoss', input, target, scale, resolve('laplaceNllLoss', options));
}

export class LaplaceNLLLoss extends Loss {
  readonly eps: number;
  constructor(options?: LaplaceNLLLossOptions) {
    const r = resolve('LaplaceNLLLoss', options);
    super(r.reduction);
    this.eps = r.eps;
  }
  override get config(): LossConfig {
    return { reduction: this.reduction, eps: this.eps };
  }
  forward(input: Tensor, target: Tensor, scale: Tensor): Tensor {
    return compute('LaplaceNLLLoss', input, target, scale, { reduction: this.reduction, eps: this.eps });
  }
}

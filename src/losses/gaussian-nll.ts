/**
 * Heteroscedastic Gaussian negative log-likelihood — the network outputs both the mean μ (input)
 * and the variance σ² (var) of q(y|x) = N(y | μ, σ²), so it can express aleatoric uncertainty
 * (deck 002: "networks that output distribution parameters"):
 *
 *   ℓ = ½ [ log max(σ², eps) + (y − μ)² / max(σ², eps) ]  (+ ½ log 2π when full)
 *
 * PyTorch's forward(input, target, var). var has the input's shape, or that shape with the last
 * dim 1 or dropped (one variance per sample); negative entries throw. As in PyTorch the clamp at
 * eps does not block gradients (it is applied outside the graph).
 */
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, booleanOption, checkOptions, checkReduction, Loss, numberOption, reduce, type LossConfig, type Reduction,
  type ReductionOptions,
} from './common.js';
import { checkNonNegative, checkTargetLike, clampStraightThrough, spreadLike } from './scale-shape.js';

export interface GaussianNLLLossOptions extends ReductionOptions {
  /** Add the constant ½ log 2π (default false). */
  full?: boolean;
  /** Lower clamp of the variance, for stability (default 1e-6). */
  eps?: number;
}

const KNOWN = ['reduction', 'full', 'eps'];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

interface Resolved {
  full: boolean;
  eps: number;
  reduction: Reduction;
}

function resolve(owner: string, options: unknown): Resolved {
  const o = checkOptions(owner, options, KNOWN);
  const eps = numberOption(owner, 'eps', o.eps, 1e-6);
  if (!(eps >= 0)) throw new Error(`${owner}: eps must be >= 0, got ${eps}`);
  return { reduction: checkReduction(owner, o.reduction), full: booleanOption(owner, 'full', o.full, false), eps };
}

function compute(owner: string, input: Tensor, target: Tensor, variance: Tensor, o: Resolved): Tensor {
  assertFloat(owner, 'input', input);
  const y = checkTargetLike(owner, input, target);
  const v0 = spreadLike(owner, 'var', input, variance);
  checkNonNegative(owner, 'var', v0);
  const v = clampStraightThrough(v0, o.eps);
  let loss = v.log().add(input.sub(y).square().div(v)).mul(0.5);
  if (o.full) loss = loss.add(HALF_LOG_2PI);
  return reduce(loss, o.reduction);
}

/** torch.nn.functional.gaussian_nll_loss(input, target, var). */
export function gaussianNllLoss(input: Tensor, target: Tensor, variance: Tensor, options?: GaussianNLLLossOptions): Tensor {
  return compute('gaussianNllLoss', input, target, variance, resolve('gaussianNllLoss', options));
}

export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;
  constructor(options?: GaussianNLLLossOptions) {
    const r = resolve('GaussianNLLLoss', options);
    super(r.reduction);
    this.full = r.full;
    this.eps = r.eps;
  }
  override get config(): LossConfig {
    return { reduction: this.reduction, full: this.full, eps: this.eps };
  }
  forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return compute('GaussianNLLLoss', input, target, variance, { reduction: this.reduction, full: this.full, eps: this.eps });
  }
}

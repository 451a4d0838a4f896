/**
 * Soft-margin (logistic) loss for labels y ∈ {−1, +1} — deck 003's "logistic loss (single output
 * dichotomy classifier)": the negative log-likelihood of P(y|x) = σ(y·f(x)),
 *
 *   ℓ = log(1 + exp(−y·x)) = −log σ(y·x)
 *
 * computed with logSigmoid, so it is exact for any margin. Labels may be float or int32 (±1).
 */
import { logSigmoid } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, assertSameShape, assertTensorArg, checkOptions, checkReduction, Loss, reduce, type ReductionOptions,
} from './common.js';

export type SoftMarginLossOptions = ReductionOptions;

const KNOWN = ['reduction'];

function compute(owner: string, input: Tensor, target: Tensor, options: unknown): Tensor {
  const o = checkOptions(owner, options, KNOWN);
  const reduction = checkReduction(owner, o.reduction);
  assertFloat(owner, 'input', input);
  assertTensorArg(owner, 'target', target);
  assertSameShape(owner, input, target);
  return reduce(logSigmoid(input.mul(target.to(input.dtype))).neg(), reduction);
}

/** torch.nn.functional.soft_margin_loss. */
export function softMarginLoss(input: Tensor, target: Tensor, options?: SoftMarginLossOptions): Tensor {
  return compute('softMarginLoss', input, target, options);
}

export class SoftMarginLoss extends Loss {
  constructor(options?: SoftMarginLossOptions) {
    const o = checkOptions('SoftMarginLoss', options, KNOWN);
    super(checkReduction('SoftMarginLoss', o.reduction));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('SoftMarginLoss', input, target, { reduction: this.reduction });
  }
}

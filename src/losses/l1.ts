/**
 * Mean absolute error — the negative log-likelihood of a Laplace distribution with fixed scale
 * (deck 000, "Example – Laplace Model"):
 *
 *   −log Laplace(y | ŷ, γ) = |y − ŷ| / γ + log 2γ   ⇒   ℓ = |ŷ − y|
 *
 * The minimiser is the conditional median. The gradient at ŷ = y is 0 (sign(0), as in PyTorch).
 * For a learned scale use LaplaceNLLLoss.
 */
import type { Tensor } from '../tensor/tensor.js';
import { checkOptions, checkReduction, differenceLoss, Loss, type ReductionOptions } from './common.js';

export type L1LossOptions = ReductionOptions;

const KNOWN = ['reduction'];

function compute(owner: string, input: Tensor, target: Tensor, options: unknown): Tensor {
  return differenceLoss(owner, input, target, options, (d) => d.abs());
}

/** ℓ = |input − target|, reduced (torch.nn.functional.l1_loss). */
export function l1Loss(input: Tensor, target: Tensor, options?: L1LossOptions): Tensor {
  return compute('l1Loss', input, target, options);
}

/** Laplace NLL with unit scale, up to constants: |input − target|. */
export class L1Loss extends Loss {
  constructor(options?: L1LossOptions) {
    const o = checkOptions('L1Loss', options, KNOWN);
    super(checkReduction('L1Loss', o.reduction));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('L1Loss', input, target, { reduction: this.reduction });
  }
}

/**
 * Mean squared error — the negative log-likelihood of a Gaussian with fixed variance (deck 000,
 * "Example – Gaussian Model"; deck 002: "when using the MSE we assume p(y|x) is normal"):
 *
 *   −log N(y | ŷ, σ²) = (y − ŷ)² / 2σ² + const   ⇒   ℓ = (ŷ − y)²
 *
 * The minimiser is the conditional mean E[y|x]. Shapes: input and target identical (PyTorch
 * warns and broadcasts; nabla throws).
 */
import type { Tensor } from '../tensor/tensor.js';
import { checkOptions, checkReduction, differenceLoss, Loss, type ReductionOptions } from './common.js';

export type MSELossOptions = ReductionOptions;

const KNOWN = ['reduction'];

function compute(owner: string, input: Tensor, target: Tensor, options: unknown): Tensor {
  return differenceLoss(owner, input, target, options, (d) => d.square());
}

/** ℓ = (input − target)², reduced (torch.nn.functional.mse_loss). */
export function mseLoss(input: Tensor, target: Tensor, options?: MSELossOptions): Tensor {
  return compute('mseLoss', input, target, options);
}

/** Gaussian NLL with unit variance, up to constants: (input − target)². */
export class MSELoss extends Loss {
  constructor(options?: MSELossOptions) {
    const o = checkOptions('MSELoss', options, KNOWN);
    super(checkReduction('MSELoss', o.reduction));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('MSELoss', input, target, { reduction: this.reduction });
  }
}

/**
 * Binary cross-entropy on probabilities — the negative log-likelihood of a Bernoulli whose mean
 * p = ŷ the network outputs (deck 000, "Example – Bernoulli Model"; deck 002):
 *
 *   ℓ = −w [ y·log p + (1 − y)·log(1 − p) ]
 *
 * Like PyTorch, each log is clamped at −100 so that p = 0 or 1 gives a finite loss. Inputs must
 * lie in [0, 1]; targets are probabilities (floating point; 0/1 labels must be converted). Prefer
 * BCEWithLogitsLoss: feeding it logits avoids computing log(sigmoid(x)) altogether.
 *
 * Difference from PyTorch: where a log is clamped (p within e^−100 of 0 or 1) the clamped term
 * contributes no gradient, whereas PyTorch returns (p − y)/max(p(1 − p), 1e−12).
 */
import { where } from '../ops/index.js';
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertBroadcastsTo, assertFloat, assertSameShape, checkOptions, checkReduction, Loss, reduce, tensorOption,
  type ReductionOptions,
} from './common.js';

export interface BCELossOptions extends ReductionOptions {
  /** Per-element rescaling, broadcast to the input's shape. */
  weight?: Tensor | null;
}

const KNOWN = ['reduction', 'weight'];

/** max(log x, −100), with a gradient that is 0 (not NaN) where x = 0. */
function clampedLog(x: Tensor): Tensor {
  const pos = x.gt(0);
  return where(pos, where(pos, x, 1).log().clamp(-100), -100);
}

function compute(owner: string, input: Tensor, target: Tensor, weight: Tensor | null, reduction: ReturnType<typeof checkReduction>): Tensor {
  assertFloat(owner, 'input', input);
  assertFloat(owner, 'target', target, 'a floating-point tensor of probabilities');
  assertSameShape(owner, input, target);
  if (weight) assertBroadcastsTo(owner, 'weight', weight, input.shape);
  const outside = input.lt(0).logicalOr(input.gt(1)).logicalOr(input.isNan());
  if (outside.numel() > 0 && outside.sum().item() > 0) {
    throw new Error(`${owner}: input must be probabilities in [0, 1] (shape ${shapeStr(input.shape)} has values outside); for logits use BCEWithLogitsLoss`);
  }
  let loss = target.mul(clampedLog(input)).add(target.neg().add(1).mul(clampedLog(input.neg().add(1)))).neg();
  if (weight) loss = loss.mul(weight);
  return reduce(loss, reduction);
}

/** torch.nn.functional.binary_cross_entropy. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options?: BCELossOptions): Tensor {
  const o = checkOptions('binaryCrossEntropy', options, KNOWN);
  const reduction = checkReduction('binaryCrossEntropy', o.reduction);
  return compute('binaryCrossEntropy', input, target, tensorOption('binaryCrossEntropy', 'weight', o.weight), reduction);
}

export class BCELoss extends Loss {
  declare readonly weight: Tensor | null;
  constructor(options?: BCELossOptions) {
    const o = checkOptions('BCELoss', options, KNOWN);
    super(checkReduction('BCELoss', o.reduction));
    this.registerBuffer('weight', tensorOption('BCELoss', 'weight', o.weight));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('BCELoss', input, target, this.weight, this.reduction);
  }
}

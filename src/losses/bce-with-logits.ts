/**
 * Binary cross-entropy on logits — the Bernoulli negative log-likelihood with p = σ(x), computed
 * from x directly with log σ(x) = min(x, 0) − log(1 + e^−|x|), so it is exact for any logit
 * (±1e4 included) and never forms log(sigmoid(x)):
 *
 *   ℓ = −w [ pw·y·log σ(x) + (1 − y)·log σ(−x) ]
 *     = w [ (1 − y)·x − (1 + (pw − 1)·y)·log σ(x) ]
 *
 * posWeight (pw, broadcast along the last dim, one per class) up-weights positives: pw > 1 raises
 * recall, pw < 1 precision. Targets are probabilities in [0, 1], floating point.
 */
import { logSigmoid } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertBroadcastsTo, assertFloat, assertSameShape, checkOptions, checkReduction, Loss, reduce, tensorOption,
  type Reduction, type ReductionOptions,
} from './common.js';

export interface BCEWithLogitsLossOptions extends ReductionOptions {
  /** Per-element rescaling, broadcast to the input's shape. */
  weight?: Tensor | null;
  /** Weight of the positive term, broadcast to the input's shape (typically one per class). */
  posWeight?: Tensor | null;
}

const KNOWN = ['reduction', 'weight', 'posWeight'];

function compute(
  owner: string, input: Tensor, target: Tensor, weight: Tensor | null, posWeight: Tensor | null, reduction: Reduction,
): Tensor {
  assertFloat(owner, 'input', input);
  assertFloat(owner, 'target', target, 'a floating-point tensor of probabilities');
  assertSameShape(owner, input, target);
  if (weight) assertBroadcastsTo(owner, 'weight', weight, input.shape);
  if (posWeight) assertBroadcastsTo(owner, 'posWeight', posWeight, input.shape);
  const ls = logSigmoid(input);
  const coef = posWeight ? posWeight.sub(1).mul(target).add(1) : null;
  let loss = target.neg().add(1).mul(input).sub(coef ? coef.mul(ls) : ls);
  if (weight) loss = loss.mul(weight);
  return reduce(loss, reduction);
}

/** torch.nn.functional.binary_cross_entropy_with_logits. */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, options?: BCEWithLogitsLossOptions): Tensor {
  const owner = 'binaryCrossEntropyWithLogits';
  const o = checkOptions(owner, options, KNOWN);
  const reduction = checkReduction(owner, o.reduction);
  return compute(owner, input, target, tensorOption(owner, 'weight', o.weight), tensorOption(owner, 'posWeight', o.posWeight), reduction);
}

export class BCEWithLogitsLoss extends Loss {
  declare readonly weight: Tensor | null;
  declare readonly posWeight: Tensor | null;
  constructor(options?: BCEWithLogitsLossOptions) {
    const o = checkOptions('BCEWithLogitsLoss', options, KNOWN);
    super(checkReduction('BCEWithLogitsLoss', o.reduction));
    this.registerBuffer('weight', tensorOption('BCEWithLogitsLoss', 'weight', o.weight));
    this.registerBuffer('posWeight', tensorOption('BCEWithLogitsLoss', 'posWeight', o.posWeight));
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('BCEWithLogitsLoss', input, target, this.weight, this.posWeight, this.reduction);
  }
}

/**
 * Softmax cross-entropy — the negative log-likelihood of a categorical distribution whose
 * probabilities are the softmax of the logits x (deck 003: "(1) convert output to probability
 * (softmax), (2) compute cross entropy"; deck 000's softmax output unit). Computed as
 * logSoftmax(x) = x − logsumexp(x), never log(softmax(x)), so logits of ±1e4 are fine.
 *
 * Class-index targets y (int32, the input's shape without the class dim):
 *   ℓ_i = −w[y_i] · log softmax(x_i)[y_i],      mean = Σ ℓ_i / Σ_i w[y_i]  (non-ignored i)
 * With label smoothing ε (deck 000's "noise in outputs") PyTorch's formula is used:
 *   ℓ = (1 − ε)·nll + (ε / C)·smooth,   smooth_i = −Σ_c w[c] · log softmax(x_i)[c]
 * where each part is reduced separately, the mean of `smooth` dividing by the same Σ w[y_i].
 *
 * Class-probability targets q (float, same shape as the input):
 *   ℓ_i = −Σ_c w[c] · q̃_ic · log softmax(x_i)[c],   q̃ = (1 − ε)·q + ε/C,   mean = Σ ℓ_i / #samples
 * (for probability targets the mean divides by the number of samples, not by the weights —
 * PyTorch's rule). ignoreIndex ≥ 0 is refused for probability targets, as in PyTorch.
 *
 * Shapes: input [N, C], [N, C, d1, …] or [C]; the class dim is dim 1 (dim 0 for [C]).
 */
import { logSoftmax } from '../ops/index.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { isFloating } from '../tensor/dtype.js';
import {
  assertTensorArg, checkOptions, checkReduction, Loss, numberOption, tensorOption, type LossConfig, type Reduction,
  type ReductionOptions,
} from './common.js';
import { checkClassInput, classIndexLayout, pickTargets, resolveIgnoreIndex, weightedReduce } from './nll.js';

export interface CrossEntropyLossOptions extends ReductionOptions {
  /** One weight per class, shape [C]. */
  weight?: Tensor | null;
  /** Index targets equal to this are skipped (default −100). */
  ignoreIndex?: number;
  /** ε in [0, 1]: mixes the target with the uniform distribution (default 0). */
  labelSmoothing?: number;
}

const KNOWN = ['reduction', 'weight', 'ignoreIndex', 'labelSmoothing'];

interface Resolved {
  weight: Tensor | null;
  ignoreIndex: number;
  labelSmoothing: number;
  reduction: Reduction;
}

function resolveSmoothing(owner: string, value: unknown): number {
  const eps = numberOption(owner, 'labelSmoothing', value, 0);
  if (!(eps >= 0 && eps <= 1)) throw new Error(`${owner}: labelSmoothing must be in [0, 1], got ${eps}`);
  return eps;
}

/** [1, C, 1, …] view of the class weights, to broadcast against batched [N, C, …] inputs. */
function classView(weight: Tensor, like: Tensor): Tensor {
  return weight.to(like.dtype).reshape(like.shape.map((s, i) => (i === 1 ? s : 1)));
}

function compute(owner: string, input: Tensor, target: Tensor, o: Resolved): Tensor {
  const classes = checkClassInput(owner, input, o.weight, 'logits');
  assertTensorArg(owner, 'target', target);
  const eps = o.labelSmoothing;
  if (isFloating(target.dtype) && sameShape(target.shape, input.shape)) {
    return probabilityTarget(owner, input, target, classes, o);
  }
  const hint = isFloating(target.dtype)
    ? ` (class probabilities must be float with the input's shape ${shapeStr(input.shape)}; class indices must be int32 — convert labels with target.int())`
    : '';
  const lay = classIndexLayout(owner, input, target, classes, o.ignoreIndex, hint);
  const logp = logSoftmax(lay.input, 1);
  const { picked, w, keep } = pickTargets(logp, lay.target, o.weight, o.ignoreIndex);
  const nll = picked.mul(w).neg();
  if (eps === 0) return weightedReduce(nll, w, o.reduction, lay.unbatched);
  const weighted = o.weight ? logp.mul(classView(o.weight, logp)) : logp;
  const smooth = weighted.sum(1).neg().mul(keep.to(logp.dtype));
  // (1 − ε)·nll + (ε/C)·smooth, per sample; both parts share the weighted-mean denominator
  const mixed = nll.mul(1 - eps).add(smooth.mul(eps / classes));
  return weightedReduce(mixed, w, o.reduction, lay.unbatched);
}

function probabilityTarget(owner: string, input: Tensor, target: Tensor, classes: number, o: Resolved): Tensor {
  if (o.ignoreIndex >= 0) {
    throw new Error(`${owner}: ignoreIndex (${o.ignoreIndex}) is not supported for class-probability (float) targets`);
  }
  const unbatched = input.ndim === 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  let q = unbatched ? target.unsqueeze(0) : target;
  const eps = o.labelSmoothing;
  if (eps > 0) q = q.mul(1 - eps).add(eps / classes);
  const logp = logSoftmax(x, 1);
  let prod = logp.mul(q);
  if (o.weight) prod = prod.mul(classView(o.weight, logp));
  if (o.reduction === 'none') {
    const per = prod.sum(1).neg();
    return unbatched ? per.squeeze(0) : per;
  }
  const total = prod.sum().neg();
  return o.reduction === 'sum' ? total : total.div(x.numel() / classes);
}

function resolve(owner: string, options: unknown): Resolved {
  const o = checkOptions(owner, options, KNOWN);
  return {
    reduction: checkReduction(owner, o.reduction),
    weight: tensorOption(owner, 'weight', o.weight),
    ignoreIndex: resolveIgnoreIndex(owner, o.ignoreIndex),
    labelSmoothing: resolveSmoothing(owner, o.labelSmoothing),
  };
}

/** torch.nn.functional.cross_entropy: logits and class indices (int32) or class probabilities. */
export function crossEntropy(input: Tensor, target: Tensor, options?: CrossEntropyLossOptions): Tensor {
  return compute('crossEntropy', input, target, resolve('crossEntropy', options));
}

export class CrossEntropyLoss extends Loss {
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(options?: CrossEntropyLossOptions) {
    const r = resolve('CrossEntropyLoss', options);
    super(r.reduction);
    this.registerBuffer('weight', r.weight);
    this.ignoreIndex = r.ignoreIndex;
    this.labelSmoothing = r.labelSmoothing;
  }
  override get config(): LossConfig {
    return { reduction: this.reduction, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing };
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('CrossEntropyLoss', input, target, {
      reduction: this.reduction, weight: this.weight, ignoreIndex: this.ignoreIndex, labelSmoothing: this.labelSmoothing,
    });
  }
}

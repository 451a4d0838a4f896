/**
 * Negative log-likelihood of a categorical distribution, given its log-probabilities — the second
 * half of cross-entropy (deck 003: "compute cross entropy H = Σ_i −log s_{y_i}"):
 *
 *   ℓ_i = −w[y_i] · logp[i, y_i]           (0 where y_i = ignoreIndex)
 *   mean = Σ_i ℓ_i / Σ_i w[y_i]            (over the targets that are not ignored)
 *
 * Shapes: input [N, C] or [N, C, d1, …] (or [C] unbatched) of log-probabilities; target int32
 * class indices [N] or [N, d1, …] (or []). The weighted mean divides by the summed weights of the
 * counted targets, exactly as PyTorch does; if every target is ignored that is 0/0 = NaN, also as
 * in PyTorch.
 */
import { where } from '../ops/index.js';
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, assertTensorArg, checkOptions, checkReduction, Loss, numberOption, tensorOption, type LossConfig,
  type Reduction, type ReductionOptions,
} from './common.js';

export interface NLLLossOptions extends ReductionOptions {
  /** One weight per class, shape [C]. */
  weight?: Tensor | null;
  /** Targets equal to this contribute neither loss nor gradient (default −100). */
  ignoreIndex?: number;
}

const KNOWN = ['reduction', 'weight', 'ignoreIndex'];

/** Input moved to batched form: [N, C, …], plus whether a leading dim was added. */
export interface ClassLayout {
  input: Tensor;
  target: Tensor;
  unbatched: boolean;
  classes: number;
}

export function resolveIgnoreIndex(owner: string, value: unknown): number {
  const v = numberOption(owner, 'ignoreIndex', value, -100);
  if (!Number.isInteger(v)) throw new Error(`${owner}: ignoreIndex must be an integer, got ${v}`);
  return v;
}

/** Checks input [N,C,…] / [C] against weight [C]; returns the class count. */
export function checkClassInput(owner: string, input: Tensor, weight: Tensor | null, what: string): number {
  assertFloat(owner, 'input', input);
  if (input.ndim === 0) throw new Error(`${owner}: input must have a class dim (${what} [N,C], [N,C,d1,...] or [C]), got a 0-d tensor`);
  const classes = input.ndim === 1 ? input.shape[0]! : input.shape[1]!;
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== classes)) {
    throw new Error(`${owner}: weight must have shape [${classes}] (one per class), got ${shapeStr(weight.shape)}`);
  }
  return classes;
}

/**
 * Validates an index target: int32, shaped like the input without its class dim, every value a
 * class in [0, C) or ignoreIndex. Returns batched views of both.
 */
export function classIndexLayout(owner: string, input: Tensor, target: Tensor, classes: number, ignoreIndex: number, floatHint: string): ClassLayout {
  assertTensorArg(owner, 'target', target);
  const expected = input.ndim === 1 ? [] : input.shape.filter((_, i) => i !== 1);
  if (target.dtype !== 'int32') {
    throw new Error(`${owner}: target must hold int32 class indices, got ${target.dtype} target of shape ${shapeStr(target.shape)}${floatHint}`);
  }
  if (shapeStr(target.shape) !== shapeStr(expected)) {
    throw new Error(
      `${owner}: target shape ${shapeStr(target.shape)} does not match input shape ${shapeStr(input.shape)} ` +
        `(class-index target must be ${shapeStr(expected)}: the input's shape without the class dim)`,
    );
  }
  const d = target.data();
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== ignoreIndex && (v < 0 || v >= classes)) {
      throw new Error(`${owner}: target index ${v} (at flat position ${i}) is out of range for ${classes} classes (expected 0..${classes - 1} or ignoreIndex ${ignoreIndex})`);
    }
  }
  const unbatched = input.ndim === 1;
  return {
    input: unbatched ? input.unsqueeze(0) : input,
    target: unbatched ? target.unsqueeze(0) : target,
    unbatched,
    classes,
  };
}

/**
 * The pieces of an index-target NLL over batched log-probabilities logp [N, C, …]:
 * `picked` = logp[i, y_i] (0 where ignored), `w` = w[y_i] (0 where ignored, 1 without weights).
 */
export function pickTargets(logp: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): { picked: Tensor; w: Tensor; keep: Tensor } {
  const keep = target.ne(ignoreIndex);
  const safe = where(keep, target, 0);
  const picked = where(keep, logp.gather(1, safe.unsqueeze(1)).squeeze(1), 0);
  let w = keep.to(logp.dtype);
  if (weight) w = w.mul(weight.to(logp.dtype).indexSelect(0, safe.reshape([-1])).reshape(safe.shape));
  return { picked, w, keep };
}

/** Reduces per-sample losses with PyTorch's weighted mean (divide by the weights' sum). */
export function weightedReduce(losses: Tensor, w: Tensor, reduction: Reduction, unbatched: boolean): Tensor {
  if (reduction === 'none') return unbatched ? losses.squeeze(0) : losses;
  const total = losses.sum();
  return reduction === 'sum' ? total : total.div(w.sum());
}

function compute(owner: string, input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number, reduction: Reduction): Tensor {
  const classes = checkClassInput(owner, input, weight, 'log-probabilities');
  const lay = classIndexLayout(owner, input, target, classes, ignoreIndex, ' (NLL needs class indices; convert labels with target.int())');
  const { picked, w } = pickTargets(lay.input, lay.target, weight, ignoreIndex);
  return weightedReduce(picked.mul(w).neg(), w, reduction, lay.unbatched);
}

/** torch.nn.functional.nll_loss: input holds log-probabilities (e.g. from logSoftmax). */
export function nllLoss(input: Tensor, target: Tensor, options?: NLLLossOptions): Tensor {
  const o = checkOptions('nllLoss', options, KNOWN);
  const reduction = checkReduction('nllLoss', o.reduction);
  return compute('nllLoss', input, target, tensorOption('nllLoss', 'weight', o.weight), resolveIgnoreIndex('nllLoss', o.ignoreIndex), reduction);
}

export class NLLLoss extends Loss {
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor(options?: NLLLossOptions) {
    const o = checkOptions('NLLLoss', options, KNOWN);
    super(checkReduction('NLLLoss', o.reduction));
    this.registerBuffer('weight', tensorOption('NLLLoss', 'weight', o.weight));
    this.ignoreIndex = resolveIgnoreIndex('NLLLoss', o.ignoreIndex);
  }
  override get config(): LossConfig {
    return { reduction: this.reduction, ignoreIndex: this.ignoreIndex };
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('NLLLoss', input, target, this.weight, this.ignoreIndex, this.reduction);
  }
}

/**
 * Huber loss — Gaussian near the target, Laplace in the tails: the NLL (up to normalisation) of
 * Huber's least-favourable distribution, robust to outliers. With d = ŷ − y:
 *
 *   ℓ = ½ d²              if |d| < δ
 *       δ (|d| − ½ δ)     otherwise
 *
 * Both branches meet with slope ±δ at |d| = δ, so the gradient is continuous (δ = 1 gives
 * PyTorch's SmoothL1Loss with beta 1).
 */
import { where } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, assertSameShape, checkOptions, checkReduction, Loss, numberOption, reduce, type LossConfig,
  type ReductionOptions,
} from './common.js';

export interface HuberLossOptions extends ReductionOptions {
  /** Where the quadratic part turns linear; must be > 0 (default 1). */
  delta?: number;
}

const KNOWN = ['reduction', 'delta'];

function resolveDelta(owner: string, value: unknown): number {
  const delta = numberOption(owner, 'delta', value, 1);
  if (!(delta > 0)) throw new Error(`${owner}: delta must be > 0, got ${delta}`);
  return delta;
}

function compute(owner: string, input: Tensor, target: Tensor, options: unknown): Tensor {
  const o = checkOptions(owner, options, KNOWN);
  const reduction = checkReduction(owner, o.reduction);
  const delta = resolveDelta(owner, o.delta);
  assertFloat(owner, 'input', input);
  assertFloat(owner, 'target', target);
  assertSameShape(owner, input, target);
  const d = input.sub(target);
  const a = d.abs();
  const loss = where(a.lt(delta), d.square().mul(0.5), a.sub(0.5 * delta).mul(delta));
  return reduce(loss, reduction);
}

/** torch.nn.functional.huber_loss. */
export function huberLoss(input: Tensor, target: Tensor, options?: HuberLossOptions): Tensor {
  return compute('huberLoss', input, target, options);
}

export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options?: HuberLossOptions) {
    const o = checkOptions('HuberLoss', options, KNOWN);
    super(checkReduction('HuberLoss', o.reduction));
    this.delta = resolveDelta('HuberLoss', o.delta);
  }
  override get config(): LossConfig {
    return { reduction: this.reduction, delta: this.delta };
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return compute('HuberLoss', input, target, { reduction: this.reduction, delta: this.delta });
  }
}

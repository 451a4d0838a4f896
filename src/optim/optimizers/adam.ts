/**
 * Adam — adaptive moment estimation (Kingma & Ba 2015; torch.optim.Adam's contract and defaults),
 * with the AMSGrad variant.
 *
 * Deck 000 ("Adam"), t counting from 1:
 *   g   ← g + λ·θ_{t−1}                                 (weightDecay: coupled L2; see AdamW)
 *   s_t = β₁·s_{t−1} + (1 − β₁)·g                      (first moment)
 *   r_t = β₂·r_{t−1} + (1 − β₂)·g²                     (second moment)
 *   ŝ   = s_t/(1 − β₁ᵗ),  r̂ = r_t/(1 − β₂ᵗ)            (bias correction)
 *   θ_t = θ_{t−1} − ε·ŝ/(√r̂ + δ)                        (ε = lr 1e-3, β = (0.9, 0.999), δ = eps 1e-8)
 * amsgrad: r̂ uses r^max_t = max(r^max_{t−1}, r_t).
 * Composition: chain(scale(±1), addWeightDecay(λ), scaleByAdam({betas, eps, amsgrad}),
 * scaleByLearningRate(ε)). State per parameter: [{}, {}, {count, mu, nu, nuMax}, {}].
 */
import { Optimizer, checkBetasOption, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

export interface AdamGroup extends ParamGroup {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/** Shared by Adam and AdamW. */
export function validateAdamOptions(name: string, o: Record<string, unknown>): void {
  checkRange(name, o, 'lr', 'learning rate');
  checkRange(name, o, 'eps', 'epsilon value');
  checkBetasOption(name, o);
  checkRange(name, o, 'weightDecay', 'weight_decay value');
  checkBool(name, o, 'amsgrad');
  checkBool(name, o, 'maximize');
}

const DEFAULTS = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

export class Adam extends Optimizer<AdamGroup> {
  constructor(params: Params, options: AdamOptions = {}) {
    super('Adam', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    validateAdamOptions('Adam', o);
  }

  protected override transform(g: AdamGroup): GradientTransformation {
    return chain(
      scale(g.maximize ? -1 : 1),
      addWeightDecay(g.weightDecay),
      scaleByAdam({ betas: g.betas, eps: g.eps, amsgrad: g.amsgrad }),
      scaleByLearningRate(g.lr),
    );
  }
}

/**
 * AdamW — Adam with decoupled weight decay (Loshchilov & Hutter 2019; torch.optim.AdamW's
 * contract and defaults: weightDecay 1e-2).
 *
 * Deck 004's weight decay W ← W − η·∂L₀/∂W − η·λ·W, with the λ·W term kept out of Adam's moments:
 *   θ ← θ·(1 − ε·λ)                                     (decay, scaled by the learning rate ε)
 *   s_t, r_t, ŝ, r̂ as in Adam (from the raw gradient)
 *   θ_t = θ − ε·ŝ/(√r̂ + δ)
 * Composition: chain(scale(±1), scaleByAdam({betas, eps, amsgrad}), scaleByLearningRate(ε),
 * decoupledWeightDecay(λ, {lr: ε})). State per parameter: [{}, {count, mu, nu, nuMax}, {}, {}].
 */
import { Optimizer, type Params } from '../optimizer.js';
import { chain } from '../transforms/chain.js';
import { decoupledWeightDecay } from '../transforms/decoupled-weight-decay.js';
import { scale } from '../transforms/scale.js';
import { scaleByAdam } from '../transforms/scale-by-adam.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../transforms/types.js';
import { validateAdamOptions, type AdamGroup, type AdamOptions } from './adam.js';

export type AdamWOptions = AdamOptions;
export type AdamWGroup = AdamGroup;

const DEFAULTS = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false };

export class AdamW extends Optimizer<AdamWGroup> {
  constructor(params: Params, options: AdamWOptions = {}) {
    super('AdamW', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    validateAdamOptions('AdamW', o);
  }

  protected override transform(g: AdamWGroup): GradientTransformation {
    return chain(
      scale(g.maximize ? -1 : 1),
      scaleByAdam({ betas: g.betas, eps: g.eps, amsgrad: g.amsgrad }),
      scaleByLearningRate(g.lr),
      decoupledWeightDecay(g.weightDecay, { lr: g.lr }),
    );
  }
}

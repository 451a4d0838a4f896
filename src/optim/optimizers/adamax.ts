/**
 * Adamax — Adam with the infinity norm in place of the second moment (Kingma & Ba 2015, §7.1;
 * torch.optim.Adamax's contract and defaults: lr 2e-3).
 *
 *   g   ← g + λ·θ_{t−1}                                 (weightDecay)
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g
 *   u_t = max(β₂·u_{t−1}, |g| + ε)
 *   θ_t = θ_{t−1} − η/(1 − β₁ᵗ) · m_t/u_t
 * Composition: chain(scale(±1), addWeightDecay, scaleByAdamax({betas, eps}),
 * scaleByLearningRate(η)). State per parameter: [{}, {}, {count, mu, nu}, {}].
 */
import { Optimizer, checkBetasOption, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByAdamax } from '../transforms/scale-by-adamax.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

export interface AdamaxGroup extends ParamGroup {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

const DEFAULTS = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false };

export class Adamax extends Optimizer<AdamaxGroup> {
  constructor(params: Params, options: AdamaxOptions = {}) {
    super('Adamax', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('Adamax', o, 'lr', 'learning rate');
    checkRange('Adamax', o, 'eps', 'epsilon value');
    checkBetasOption('Adamax', o);
    checkRange('Adamax', o, 'weightDecay', 'weight_decay value');
    checkBool('Adamax', o, 'maximize');
  }

  protected override transform(g: AdamaxGroup): GradientTransformation {
    return chain(scale(g.maximize ? -1 : 1), addWeightDecay(g.weightDecay), scaleByAdamax({ betas: g.betas, eps: g.eps }), scaleByLearningRate(g.lr));
  }
}

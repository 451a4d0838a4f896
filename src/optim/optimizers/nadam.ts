/**
 * NAdam — Adam with Nesterov momentum (Dozat 2016; torch.optim.NAdam's contract and defaults:
 * lr 2e-3, momentumDecay 4e-3).
 *
 * Deck 004 ("Nadam = Nesterov + Adam"): replace m_{t−1} in Adam's expanded update by the
 * look-ahead m_t:  θ_{t+1} = θ_t − η/√(V̂_t + ε)·(β₁·m̂_t + (1 − β₁)·g_t/(1 − β₁ᵗ)). PyTorch's form,
 * with a warming momentum schedule μ_t = β₁(1 − ½·0.96^{tψ}) and Π_t = μ₁⋯μ_t:
 *   g   ← g + λ·θ_{t−1}                                            (weightDecay)
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g,   v_t = β₂·v_{t−1} + (1 − β₂)·g²
 *   d_t = √(v_t/(1 − β₂ᵗ)) + ε
 *   θ_t = θ_{t−1} − η·(1 − μ_t)/(1 − Π_t)·g/d_t − η·μ_{t+1}/(1 − Π_t·μ_{t+1})·m_t/d_t
 * (PyTorch 2.x; 1.13 had an extra μ_t in the last denominator, see scaleByNadam.)
 * Composition: chain(scale(±1), addWeightDecay, scaleByNadam({betas, eps, momentumDecay}),
 * scaleByLearningRate(η)). State per parameter: [{}, {}, {count, muProduct, mu, nu}, {}].
 */
import { Optimizer, checkBetasOption, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { scaleByNadam } from '../transforms/scale-by-nadam.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface NAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  momentumDecay?: number;
  maximize?: boolean;
}

export interface NAdamGroup extends ParamGroup {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  maximize: boolean;
}

const DEFAULTS = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3, maximize: false };

export class NAdam extends Optimizer<NAdamGroup> {
  constructor(params: Params, options: NAdamOptions = {}) {
    super('NAdam', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('NAdam', o, 'lr', 'learning rate');
    checkRange('NAdam', o, 'eps', 'epsilon value');
    checkBetasOption('NAdam', o);
    checkRange('NAdam', o, 'weightDecay', 'weight_decay value');
    checkRange('NAdam', o, 'momentumDecay', 'momentum_decay value');
    checkBool('NAdam', o, 'maximize');
  }

  protected override transform(g: NAdamGroup): GradientTransformation {
    return chain(
      scale(g.maximize ? -1 : 1),
      addWeightDecay(g.weightDecay),
      scaleByNadam({ betas: g.betas, eps: g.eps, momentumDecay: g.momentumDecay }),
      scaleByLearningRate(g.lr),
    );
  }
}

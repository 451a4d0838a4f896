/**
 * Adagrad — per-coordinate learning rates from the sum of all past squared gradients (Duchi et
 * al. 2011; torch.optim.Adagrad's contract and defaults).
 *
 * Deck 002 ("ADAGRAD"): G_{t+1} = G_t + (∇f)²,  W_{t+1} = W_t − λ/√(G_t + ε)·∇f. As PyTorch:
 *   g   ← g + λ_wd·θ_t                                  (weightDecay)
 *   s_t = s_{t−1} + g²,   s₀ = initialAccumulatorValue
 *   η_t = η / (1 + (t − 1)·lrDecay)
 *   θ_t = θ_{t−1} − η_t · g / (√s_t + ε)                (ε outside the root, default 1e-10)
 * Composition: chain(scale(±1), addWeightDecay, scaleByAdagrad({eps, initialAccumulatorValue}),
 * scaleByLearningRate(t ↦ η/(1 + t·lrDecay))). State per parameter: [{}, {}, {sum}, {count}].
 */
import { Optimizer, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByAdagrad } from '../transforms/scale-by-adagrad.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  maximize?: boolean;
}

export interface AdagradGroup extends ParamGroup {
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  maximize: boolean;
}

const DEFAULTS = { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

export class Adagrad extends Optimizer<AdagradGroup> {
  constructor(params: Params, options: AdagradOptions = {}) {
    super('Adagrad', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('Adagrad', o, 'lr', 'learning rate');
    checkRange('Adagrad', o, 'lrDecay', 'lr_decay value');
    checkRange('Adagrad', o, 'weightDecay', 'weight_decay value');
    checkRange('Adagrad', o, 'initialAccumulatorValue', 'initial_accumulator_value');
    checkRange('Adagrad', o, 'eps', 'epsilon value');
    checkBool('Adagrad', o, 'maximize');
  }

  protected override transform(g: AdagradGroup): GradientTransformation {
    const { lr, lrDecay } = g;
    return chain(
      scale(g.maximize ? -1 : 1),
      addWeightDecay(g.weightDecay),
      scaleByAdagrad({ eps: g.eps, initialAccumulatorValue: g.initialAccumulatorValue }),
      scaleByLearningRate((t) => lr / (1 + t * lrDecay)),
    );
  }
}

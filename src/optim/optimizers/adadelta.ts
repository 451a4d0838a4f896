/**
 * Adadelta — steps whose units match the parameters', from running averages of squared
 * gradients and squared steps (Zeiler 2012; torch.optim.Adadelta's contract and defaults).
 *
 * Deck 004 ("AdaDelta": RMSProp's windowed average instead of AdaGrad's full sum):
 *   g   ← g + λ·θ_{t−1}                                  (weightDecay)
 *   v_t = ρ·v_{t−1} + (1 − ρ)·g²
 *   Δ_t = √(a_{t−1} + ε) / √(v_t + ε) · g
 *   a_t = ρ·a_{t−1} + (1 − ρ)·Δ_t²
 *   θ_t = θ_{t−1} − η·Δ_t                               (η = lr, default 1.0)
 * Composition: chain(scale(±1), addWeightDecay, scaleByAdadelta({rho, eps}),
 * scaleByLearningRate(η)). State per parameter: [{}, {}, {squareAvg, accDelta}, {}].
 */
import { Optimizer, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByAdadelta } from '../transforms/scale-by-adadelta.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weightDecay?: number;
  maximize?: boolean;
}

export interface AdadeltaGroup extends ParamGroup {
  rho: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

const DEFAULTS = { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };

export class Adadelta extends Optimizer<AdadeltaGroup> {
  constructor(params: Params, options: AdadeltaOptions = {}) {
    super('Adadelta', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('Adadelta', o, 'lr', 'learning rate');
    checkRange('Adadelta', o, 'rho', 'rho value', { max: 1 });
    checkRange('Adadelta', o, 'eps', 'epsilon value');
    checkRange('Adadelta', o, 'weightDecay', 'weight_decay value');
    checkBool('Adadelta', o, 'maximize');
  }

  protected override transform(g: AdadeltaGroup): GradientTransformation {
    return chain(scale(g.maximize ? -1 : 1), addWeightDecay(g.weightDecay), scaleByAdadelta({ rho: g.rho, eps: g.eps }), scaleByLearningRate(g.lr));
  }
}

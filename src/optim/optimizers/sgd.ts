/**
 * SGD — stochastic gradient descent with optional momentum, Nesterov momentum and weight decay
 * (torch.optim.SGD's contract and defaults; lr is required).
 *
 * Deck 000 ("minibatch SGD", "SGD with momentum", "NAG"), with PyTorch's dampening τ:
 *   g   = ∇θ L(θ_t)            (−∇ with maximize)
 *   g  ← g + λ·θ_t                                      (weightDecay λ, coupled L2)
 *   v₁  = g,   v_{t+1} = μ·v_t + (1 − τ)·g               (momentum μ; skipped when μ = 0)
 *   d   = g + μ·v_{t+1}  (nesterov)   |   v_{t+1}  (momentum)   |   g  (plain)
 *   θ_{t+1} = θ_t − ε·d                                 (lr ε)
 * Composition: chain(scale(±1), addWeightDecay(λ), trace(μ, {dampening τ, nesterov}),
 * scaleByLearningRate(ε)). State per parameter: [{}, {}, {buffer}, {}].
 */
import { Optimizer, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { trace } from '../transforms/trace.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface SGDOptions {
  /** Learning rate ε (required). */
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  maximize?: boolean;
}

export interface SGDGroup extends ParamGroup {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
}

const DEFAULTS = { lr: undefined, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };

export class SGD extends Optimizer<SGDGroup> {
  constructor(params: Params, options: SGDOptions = {}) {
    super('SGD', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('SGD', o, 'lr', 'learning rate');
    checkRange('SGD', o, 'momentum', 'momentum value');
    checkRange('SGD', o, 'dampening', 'dampening value', { min: -Infinity });
    checkRange('SGD', o, 'weightDecay', 'weight_decay value');
    checkBool('SGD', o, 'nesterov');
    checkBool('SGD', o, 'maximize');
    if (o['nesterov'] === true && ((o['momentum'] as number) <= 0 || o['dampening'] !== 0)) {
      throw new Error(`SGD: Nesterov momentum requires a momentum > 0 and zero dampening (got momentum=${String(o['momentum'])}, dampening=${String(o['dampening'])})`);
    }
  }

  protected override transform(g: SGDGroup): GradientTransformation {
    return chain(
      scale(g.maximize ? -1 : 1),
      addWeightDecay(g.weightDecay),
      trace(g.momentum, { dampening: g.dampening, nesterov: g.nesterov }),
      scaleByLearningRate(g.lr),
    );
  }
}

/**
 * RMSprop — divides the gradient by a running root mean square of recent gradients (Hinton's
 * lecture 6e; torch.optim.RMSprop's contract and defaults).
 *
 * Deck 004 ("RMSProp"): v_t = β·v_{t−1} + (1 − β)·g_t²,  θ_{t+1} = θ_t − η/√(v_t + ε)·g_t. As PyTorch
 * (β is called alpha, ε sits outside the root):
 *   g   ← g + λ·θ_t                                          (weightDecay)
 *   v_t = α·v_{t−1} + (1 − α)·g²
 *   d_t = √v_t + ε,   or √(v_t − m_t²) + ε with m_t = α·m_{t−1} + (1 − α)·g   (centered)
 *   b_t = μ·b_{t−1} + g/d_t,   θ_{t+1} = θ_t − η·b_t                    (momentum μ > 0)
 *   θ_{t+1} = θ_t − η·g/d_t                                            (μ = 0)
 * Composition: chain(scale(±1), addWeightDecay, scaleByRms({alpha, eps, centered}), trace(μ),
 * scaleByLearningRate(η)). State per parameter: [{}, {}, {squareAvg, gradAvg}, {buffer}, {}].
 */
import { Optimizer, checkBool, checkRange, type ParamGroup, type Params } from '../optimizer.js';
import { addWeightDecay } from '../transforms/add-weight-decay.js';
import { chain } from '../transforms/chain.js';
import { scale } from '../transforms/scale.js';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate.js';
import { scaleByRms } from '../transforms/scale-by-rms.js';
import { trace } from '../transforms/trace.js';
import type { GradientTransformation } from '../transforms/types.js';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  maximize?: boolean;
}

export interface RMSpropGroup extends ParamGroup {
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

const DEFAULTS = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

export class RMSprop extends Optimizer<RMSpropGroup> {
  constructor(params: Params, options: RMSpropOptions = {}) {
    super('RMSprop', params, DEFAULTS, options);
  }

  protected override validateOptions(o: Record<string, unknown>): void {
    checkRange('RMSprop', o, 'lr', 'learning rate');
    checkRange('RMSprop', o, 'alpha', 'alpha value');
    checkRange('RMSprop', o, 'eps', 'epsilon value');
    checkRange('RMSprop', o, 'weightDecay', 'weight_decay value');
    checkRange('RMSprop', o, 'momentum', 'momentum value');
    checkBool('RMSprop', o, 'centered');
    checkBool('RMSprop', o, 'maximize');
  }

  protected override transform(g: RMSpropGroup): GradientTransformation {
    return chain(
      scale(g.maximize ? -1 : 1),
      addWeightDecay(g.weightDecay),
      scaleByRms({ alpha: g.alpha, eps: g.eps, centered: g.centered }),
      trace(g.momentum),
      scaleByLearningRate(g.lr),
    );
  }
}

/**
 * scaleByRms({alpha, eps, centered}) — RMSProp's scaling by a running root mean square.
 *
 * Deck 004 ("RMSProp"):  v_t = β·v_{t−1} + (1 − β)·g_t²,  θ_{t+1} = θ_t − η/√(v_t + ε)·g_t.
 * PyTorch (and nabla) call β alpha and add ε outside the root:
 *   v_t = α·v_{t−1} + (1 − α)·g_t²
 *   centered:  m_t = α·m_{t−1} + (1 − α)·g_t,   u_t = g_t / (√(v_t − m_t²) + ε)
 *   otherwise:                                  u_t = g_t / (√v_t + ε)
 * RMSprop's momentum is a trace() after this. State: {squareAvg, gradAvg} (gradAvg is null unless
 * centered).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkKeys, checkNumber } from './util.js';

export interface ScaleByRmsOptions {
  alpha?: number;
  eps?: number;
  centered?: boolean;
}

export interface ScaleByRmsState {
  squareAvg: Tensor[];
  gradAvg: Tensor[] | null;
}

export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransformation<ScaleByRmsState> {
  checkKeys('scaleByRms', options, ['alpha', 'eps', 'centered']);
  const { alpha = 0.99, eps = 1e-8, centered = false } = options;
  checkNumber('scaleByRms', 'alpha', alpha, { min: 0 });
  checkNumber('scaleByRms', 'eps', eps, { min: 0 });
  return {
    init: (params) => ({ squareAvg: params.map((p) => zerosLike(p)), gradAvg: centered ? params.map((p) => zerosLike(p)) : null }),
    update: (updates, state) =>
      noGrad(() => {
        const squareAvg = updates.map((g, i) => state.squareAvg[i]!.mul(alpha).add(g.mul(1 - alpha).mul(g)));
        let gradAvg = state.gradAvg;
        let denom: Tensor[];
        if (centered) {
          const prev = gradAvg ?? updates.map((g) => zerosLike(g));
          gradAvg = updates.map((g, i) => prev[i]!.mul(alpha).add(g, 1 - alpha));
          denom = squareAvg.map((v, i) => v.sub(gradAvg![i]!.mul(gradAvg![i]!)).sqrt().add(eps));
        } else {
          denom = squareAvg.map((v) => v.sqrt().add(eps));
        }
        return { updates: updates.map((g, i) => g.div(denom[i]!)), state: { squareAvg, gradAvg } };
      }),
  };
}

/**
 * scaleByAdadelta({rho, eps}) — AdaDelta's unit-correcting ratio of running RMS values
 * (Zeiler 2012; deck 000/004 "AdaDelta"):
 *   v_t = ρ·v_{t−1} + (1 − ρ)·g_t²                      (running mean of squared gradients)
 *   Δ_t = √(a_{t−1} + ε) / √(v_t + ε) · g_t              (ε inside both roots)
 *   a_t = ρ·a_{t−1} + (1 − ρ)·Δ_t²                      (running mean of squared steps)
 *   u_t = Δ_t                                           (PyTorch then scales by lr, default 1)
 * State: {squareAvg, accDelta}.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { zerosLike } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { GradientTransformation } from './types.js';
import { checkKeys, checkNumber } from './util.js';

export interface ScaleByAdadeltaOptions {
  rho?: number;
  eps?: number;
}

export interface ScaleByAdadeltaState {
  squareAvg: Tensor[];
  accDelta: Tensor[];
}

export function scaleByAdadelta(options: ScaleByAdadeltaOptions = {}): GradientTransformation<ScaleByAdadeltaState> {
  checkKeys('scaleByAdadelta', options, ['rho', 'eps']);
  const { rho = 0.9, eps = 1e-6 } = options;
  checkNumber('scaleByAdadelta', 'rho', rho, { min: 0, max: 1 });
  checkNumber('scaleByAdadelta', 'eps', eps, { min: 0 });
  return {
    init: (params) => ({ squareAvg: params.map((p) => zerosLike(p)), accDelta: params.map((p) => zerosLike(p)) }),
    update: (updates, state) =>
      noGrad(() => {
        const squareAvg = updates.map((g, i) => state.squareAvg[i]!.mul(rho).add(g.mul(1 - rho).mul(g)));
        const delta = updates.map((g, i) => state.accDelta[i]!.add(eps).sqrt().div(squareAvg[i]!.add(eps).sqrt()).mul(g));
        const accDelta = delta.map((d, i) => state.accDelta[i]!.mul(rho).add(d.mul(1 - rho).mul(d)));
        return { updates: delta, state: { squareAvg, accDelta } };
      }),
  };
}

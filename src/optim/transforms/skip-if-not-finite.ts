/**
 * skipIfNotFinite(inner) — a NaN/Inf guard around another transformation (Optax's
 * apply_if_finite without the give-up limit):
 *   if every incoming update and every update `inner` produces is finite:
 *       the step goes through as inner's step
 *   else:
 *       the step is skipped — all updates are zero and inner's state is left exactly as it was
 *       (Adam's moments are not polluted by the bad gradient)
 * State: {inner, notFiniteCount (consecutive skips), totalNotFinite (all skips so far)}.
 * With no argument it guards the identity: non-finite gradients become zero updates.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { allFinite } from '../../ops/index.js';
import { zerosLike } from '../../tensor/creation.js';
import type { GradientTransformation, TransformState } from './types.js';

export interface SkipIfNotFiniteState<S = TransformState> {
  inner: S;
  notFiniteCount: number;
  totalNotFinite: number;
}

const identity: GradientTransformation<Record<string, never>> = {
  init: () => ({}),
  update: (updates, state) => ({ updates: [...updates], state }),
};

export function skipIfNotFinite<S = TransformState>(inner?: GradientTransformation<S>): GradientTransformation<SkipIfNotFiniteState<S>> {
  const t = (inner ?? identity) as GradientTransformation<S>;
  if (typeof t !== 'object' || typeof t.init !== 'function' || typeof t.update !== 'function') {
    throw new Error('skipIfNotFinite: inner must be a gradient transformation (an object with init and update)');
  }
  return {
    init: (params) => ({ inner: t.init(params), notFiniteCount: 0, totalNotFinite: 0 }),
    update(updates, state, params) {
      let ok = updates.every((u) => allFinite(u));
      let r = null;
      if (ok) {
        r = t.update(updates, state.inner, params);
        ok = r.updates.every((u) => allFinite(u));
      }
      if (ok && r !== null) return { updates: r.updates, state: { inner: r.state, notFiniteCount: 0, totalNotFinite: state.totalNotFinite } };
      return {
        updates: noGrad(() => updates.map((u) => zerosLike(u))),
        state: { inner: state.inner, notFiniteCount: state.notFiniteCount + 1, totalNotFinite: state.totalNotFinite + 1 },
      };
    },
  };
}

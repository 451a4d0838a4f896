/**
 * The contract every gradient transformation follows (Optax's GradientTransformation).
 *
 * A transformation is a pair of functions over a list of parameters:
 *   init(params)                      → state
 *   update(updates, state, params?)   → {updates, state}
 * `updates` are gradients on the way in and additive parameter changes on the way out (after
 * scaleByLearningRate they already carry the minus sign), so `applyUpdates(params, updates)` does
 * p ← p + u. Transformations are pure: they never modify their inputs, they return a fresh state,
 * and their state is plain data — numbers, booleans, null, arrays, objects and Tensors — so it can
 * be inspected, copied, and saved with `serializeState`. Tensors in a state list are aligned with
 * the parameter list given to `init`.
 */
import type { Tensor } from '../../tensor/tensor.js';

/** Plain data held by a transformation between steps. */
export type TransformState = unknown;

export interface TransformResult<S = TransformState> {
  updates: Tensor[];
  state: S;
}

export interface GradientTransformation<S = TransformState> {
  /** Fresh state for these parameters (used for shapes and dtypes only). */
  init(params: readonly Tensor[]): S;
  /** Transforms `updates` (one per parameter); `params` are needed by weight decay, L1 and projections. */
  update(updates: readonly Tensor[], state: S, params?: readonly Tensor[]): TransformResult<S>;
}

/** A learning rate (or other hyper-parameter) as a function of the number of updates done so far. */
export type Schedule = (count: number) => number;

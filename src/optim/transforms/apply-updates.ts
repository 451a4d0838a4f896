/**
 * applyUpdates(params, updates) — p ← p + u for every parameter, in place and without recording
 * the graph (Optax's apply_updates, except that nabla's parameters are mutable tensors, so they
 * are updated where they are and returned for convenience).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { shapeStr, sameShape } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';

export function applyUpdates(params: readonly Tensor[], updates: readonly Tensor[]): readonly Tensor[] {
  if (params.length !== updates.length) throw new Error(`applyUpdates: got ${params.length} parameters but ${updates.length} updates`);
  params.forEach((p, i) => {
    const u = updates[i]!;
    if (!sameShape(p.shape, u.shape)) {
      throw new Error(`applyUpdates: update ${i} has shape ${shapeStr(u.shape)} but its parameter has shape ${shapeStr(p.shape)}`);
    }
  });
  noGrad(() => params.forEach((p, i) => p.add_(updates[i]!)));
  return params;
}

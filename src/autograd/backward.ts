/** Tensor.backward(): argument checks, then the engine. */
import type { BackwardOptions, Tensor } from '../tensor/tensor.js';
import { shapeStr, sameShape } from '../tensor/shape.js';
import { runBackward } from './engine.js';
import { noGrad } from './grad-mode.js';
import { fullOn } from '../ops/core.js';

export function backward(t: Tensor, gradient?: Tensor, options: BackwardOptions = {}): void {
  if (!t.requiresGrad) {
    throw new Error('backward: this tensor does not require grad and has no gradFn (did you forget requiresGrad: true, or run under noGrad?)');
  }
  let g: Tensor;
  if (gradient === undefined) {
    if (t.numel() !== 1) {
      throw new Error(`backward: a gradient can only be implied for a one-element output; got shape ${shapeStr(t.shape)}, pass backward(gradient)`);
    }
    g = fullOn(t, t.shape, 1);
  } else {
    if (!sameShape(gradient.shape, t.shape)) {
      throw new Error(`backward: gradient shape ${shapeStr(gradient.shape)} does not match the output shape ${shapeStr(t.shape)}`);
    }
    g = gradient.dtype === t.dtype ? gradient : noGrad(() => gradient.to(t.dtype));
  }
  runBackward([t], [g], options);
}

/**
 * Functional transforms in the style of JAX: grad(f) returns a function computing df/dargs,
 * valueAndGrad(f) also returns f's value. They never touch `.grad` of the arguments, and they
 * nest (grad(grad(f))) because inner gradients are recorded when an outer transform is tracing.
 */
import { isFloating } from '../tensor/dtype.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { runBackward } from './engine.js';
import { enableGrad } from './grad-mode.js';
import { fullOn, zerosOn } from '../ops/core.js';

export interface GradOptions {
  /** Which positional arguments to differentiate (default 0). A number gives one gradient, an array a list. */
  argnums?: number | readonly number[];
}

type Fn = (...args: Tensor[]) => Tensor;

export function valueAndGrad<A extends number | readonly number[] = number>(
  f: Fn,
  options: GradOptions & { argnums?: A } = {},
): (...args: Tensor[]) => [Tensor, A extends number ? Tensor : Tensor[]] {
  const argnums = options.argnums ?? 0;
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  return (...args) => {
    for (const i of list) {
      const a = args[i];
      if (!(a instanceof Tensor)) throw new Error(`grad: argument ${i} must be a Tensor, got ${typeof a}`);
      if (!isFloating(a.dtype)) throw new Error(`grad: argument ${i} must be floating point to differentiate, got ${a.dtype}`);
    }
    // An argument that already requires grad belongs to an outer trace: use it as is and record
    // the backward pass so the outer transform can differentiate through it.
    const outer = list.some((i) => args[i]!.requiresGrad);
    const inputs = args.map((a, i) => (list.includes(i) && !a.requiresGrad ? a.detach().requiresGrad_() : a));
    const out = enableGrad(() => f(...inputs));
    if (!(out instanceof Tensor) || out.numel() !== 1) {
      throw new Error(`grad: f must return a one-element Tensor, got ${out instanceof Tensor ? `shape ${shapeStr(out.shape)}` : typeof out}`);
    }
    const targets = list.map((i) => inputs[i]!);
    let grads: Tensor[];
    if (!out.requiresGrad) {
      grads = targets.map((t) => zerosOn(t, t.shape));
    } else {
      const seed = fullOn(out, out.shape, 1);
      grads = runBackward([out], [seed], { inputs: targets, createGraph: outer })!;
    }
    const value = outer ? out : out.detach();
    return [value, (typeof argnums === 'number' ? grads[0]! : grads) as A extends number ? Tensor : Tensor[]];
  };
}

export function grad<A extends number | readonly number[] = number>(
  f: Fn,
  options: GradOptions & { argnums?: A } = {},
): (...args: Tensor[]) => A extends number ? Tensor : Tensor[] {
  const vg = valueAndGrad(f, options);
  return (...args) => vg(...args)[1];
}

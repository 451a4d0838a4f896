/**
 * Reverse-mode differentiation over the recorded graph: topological order from the root, then
 * each node's VJP in reverse, accumulating gradients per tensor. VJPs run through ordinary ops,
 * so with createGraph the backward pass is itself recorded (higher-order gradients).
 */
import type { BackwardOptions, Tensor } from '../tensor/tensor.js';
import { shapeStr, sameShape } from '../tensor/shape.js';
import { isGradEnabled, setGradEnabled } from './grad-mode.js';
import { zerosOn } from '../ops/core.js';

export interface EngineOptions extends BackwardOptions {
  /** When given, return the gradients of these tensors instead of accumulating into `.grad`. */
  inputs?: readonly Tensor[];
}

/** Post-order DFS (iterative, so deep graphs cannot overflow the stack). */
function topoOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, number][] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [t, i] = top;
      const node = t.gradFn;
      if (node !== null && node.freed) {
        throw new Error(
          `backward: trying to backward through the graph a second time (the saved values of '${node.name}' were ` +
            'freed by the first backward); pass {retainGraph: true} to the first backward() if you need to',
        );
      }
      const inputs = node ? node.inputs : [];
      if (i < inputs.length) {
        top[1]++;
        const child = inputs[i];
        if (child && !seen.has(child)) {
          seen.add(child);
          stack.push([child, 0]);
        }
      } else {
        stack.pop();
        order.push(t);
      }
    }
  }
  return order.reverse();
}

function accumulate(map: Map<Tensor, Tensor>, t: Tensor, g: Tensor): void {
  const prev = map.get(t);
  map.set(t, prev ? prev.add(g) : g);
}

export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], options: EngineOptions = {}): Tensor[] | undefined {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const wanted = options.inputs ? new Set(options.inputs) : null;
  const grads = new Map<Tensor, Tensor>();
  roots.forEach((r, i) => accumulate(grads, r, rootGrads[i]!));
  const order = topoOrder(roots);
  const results = new Map<Tensor, Tensor>();
  const prevMode = isGradEnabled();
  setGradEnabled(createGraph);
  try {
    for (const t of order) {
      let g = grads.get(t);
      if (g === undefined) continue;
      grads.delete(t); // free as we go
      for (const hook of t.hooks) {
        const r = hook(g);
        if (r !== undefined) g = r;
      }
      if (wanted?.has(t)) results.set(t, g);
      const node = t.gradFn;
      if (node === null) {
        if (!wanted && t.requiresGrad) storeGrad(t, g);
        continue;
      }
      if (!wanted && t.retainsGrad) storeGrad(t, g);
      node.checkSavedVersions();
      const inputGrads = node.vjp!(g);
      node.inputs.forEach((input, i) => {
        const ig = inputGrads[i];
        if (input === null || ig === null || ig === undefined) return;
        if (!sameShape(ig.shape, input.shape)) {
          throw new Error(
            `backward: internal error in the VJP of '${node.name}': gradient ${shapeStr(ig.shape)} for an input of shape ${shapeStr(input.shape)}`,
          );
        }
        accumulate(grads, input, ig.dtype === input.dtype ? ig : ig.to(input.dtype));
      });
      if (!retainGraph) node.release();
    }
  } finally {
    setGradEnabled(prevMode);
  }
  return options.inputs?.map((t) => results.get(t) ?? zerosOn(t, t.shape));
}

function storeGrad(t: Tensor, g: Tensor): void {
  // A fresh contiguous copy: the same gradient tensor may reach several leaves (add's VJP passes
  // it through), and optimizers update .grad in place. Grad mode here equals createGraph, so
  // with createGraph the stored gradient stays differentiable.
  t.grad = t.grad === null ? g.clone() : t.grad.add(g);
}

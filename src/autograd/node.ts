/** One recorded op in the dynamic graph: its inputs and its vector-Jacobian product. */
import type { Tensor } from '../tensor/tensor.js';

/** Maps the gradient of the op's output to the gradients of its inputs (null = no gradient). */
export type VJP = (gradOutput: Tensor) => readonly (Tensor | null | undefined)[];

export class GradNode {
  /** Inputs that require grad; others are null so the graph does not keep them alive. */
  inputs: (Tensor | null)[];
  vjp: VJP | null;
  constructor(
    readonly name: string,
    inputs: readonly (Tensor | null)[],
    vjp: VJP,
  ) {
    this.inputs = inputs.map((t) => (t !== null && t.requiresGrad ? t : null));
    this.vjp = vjp;
  }
  get freed(): boolean {
    return this.vjp === null;
  }
  /** Drops saved tensors and edges so the graph can be garbage-collected after backward(). */
  release(): void {
    this.vjp = null;
    this.inputs = [];
  }
}

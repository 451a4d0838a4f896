/** One recorded op in the dynamic graph: its inputs and its vector-Jacobian product. */
import type { Storage } from '../backends/backend.js';
import type { Tensor } from '../tensor/tensor.js';

/** Maps the gradient of the op's output to the gradients of its inputs (null = no gradient). */
export type VJP = (gradOutput: Tensor) => readonly (Tensor | null | undefined)[];

export class GradNode {
  /** Inputs that require grad; others are null so the graph does not keep them alive. */
  inputs: (Tensor | null)[];
  vjp: VJP | null;
  /** Storage versions of the op's inputs and output when it ran (see checkSavedVersions). */
  private saved: { storage: Storage; version: number }[];
  constructor(
    readonly name: string,
    inputs: readonly (Tensor | null)[],
    vjp: VJP,
    output: Tensor,
  ) {
    this.inputs = inputs.map((t) => (t !== null && t.requiresGrad ? t : null));
    this.vjp = vjp;
    this.saved = [...inputs, output].filter((t): t is Tensor => t !== null).map((t) => ({ storage: t.storage, version: t.storage.version }));
  }
  /** Throws when a tensor this op may have saved was modified in place after the forward pass. */
  checkSavedVersions(): void {
    for (const s of this.saved) {
      if (s.storage.version !== s.version) {
        throw new Error(
          `backward: a tensor used by '${this.name}' was modified in place after the forward pass ` +
            `(storage version ${s.storage.version}, expected ${s.version}); clone() it before modifying it`,
        );
      }
    }
  }
  get freed(): boolean {
    return this.vjp === null;
  }
  /** Drops saved tensors and edges so the graph can be garbage-collected after backward(). */
  release(): void {
    this.vjp = null;
    this.inputs = [];
    this.saved = [];
  }
}

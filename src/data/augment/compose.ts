/**
 * Compose (torchvision.transforms.Compose): applies transforms one after another. A per-call
 * generator is passed to every child; otherwise each child uses its own. Plain functions
 * `(x, {generator}) => Tensor` may stand in for transforms (their spec is `{type: 'Lambda'}` and
 * cannot be rebuilt by `fromSpec`).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { applyTransform, specOf, Transform, type CallOptions, type TransformLike, type TransformSpec } from './transform.js';
import { show } from './validate.js';

export interface ComposeConfig {
  transforms: TransformSpec[];
}

/** Checks a container's list of transforms. */
export function transformList(who: string, transforms: unknown, allowEmpty = true): TransformLike[] {
  if (!Array.isArray(transforms)) throw new Error(`${who}: expected an array of transforms, got ${show(transforms)}`);
  if (!allowEmpty && transforms.length === 0) throw new Error(`${who}: expected at least one transform`);
  transforms.forEach((t, i) => {
    if (!(t instanceof Transform) && typeof t !== 'function') {
      throw new Error(`${who}: element ${i} is not a transform (a Transform or a function), got ${show(t)}`);
    }
  });
  return [...(transforms as TransformLike[])];
}

export class Compose extends Transform<ComposeConfig> {
  readonly type = 'Compose';
  readonly transforms: TransformLike[];

  constructor(transforms: readonly TransformLike[]) {
    super();
    this.transforms = transformList(this.type, transforms);
  }

  get config(): ComposeConfig {
    return { transforms: this.transforms.map(specOf) };
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    let out = x;
    for (const t of this.transforms) out = applyTransform(t, out, options);
    return out;
  }
}

/**
 * Batch plumbing for the containers: apply a transform to a chosen subset of an NCHW batch and put
 * the results back in place.
 */
import { tensor } from '../../tensor/creation.js';
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { readImages, writeImages } from './pixels.js';

/**
 * groups[k] lists the batch indices that fn(k, ·) transforms (each index in at most one group);
 * the other images pass through unchanged. When one group holds the whole batch its result is
 * returned as is (so it may change the image shape); otherwise every result must keep it.
 */
export function applyToSubsets(who: string, x: Tensor, groups: readonly number[][], fn: (k: number, sub: Tensor) => Tensor): Tensor {
  const n = x.shape[0]!;
  const whole = groups.findIndex((g) => g.length === n);
  if (whole >= 0) return fn(whole, x);
  if (groups.every((g) => g.length === 0)) return x;
  const img = readImages(who, x);
  const size = img.c * img.h * img.w;
  for (let k = 0; k < groups.length; k++) {
    const idx = groups[k]!;
    if (idx.length === 0) continue;
    const sub = x.indexSelect(0, tensor(Int32Array.from(idx), { dtype: 'int32' }));
    const out = fn(k, sub);
    if (out.ndim !== 4 || out.shape[0] !== idx.length || out.numel() !== idx.length * size || out.shape.some((d, i) => i > 0 && d !== x.shape[i])) {
      throw new Error(
        `${who}: on a batch where only some images are transformed, the transforms must keep the image shape; ` +
          `${idx.length} images of ${shapeStr(x.shape.slice(1))} became ${shapeStr(out.shape)}`,
      );
    }
    const d = out.data();
    idx.forEach((b, j) => img.data.set(d.subarray(j * size, (j + 1) * size), b * size));
  }
  return writeImages(x, img.data, x.shape);
}

/**
 * RandomApply (torchvision.transforms.RandomApply): with probability p, applies the transforms in
 * sequence (like Compose); otherwise passes the image through. On an NCHW batch the coin is
 * tossed for every image first, then the transforms run once on the chosen sub-batch, whose
 * results go back in place (so they must keep the image shape unless every image is chosen).
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { transformList } from './compose.js';
import { coin } from './pixels.js';
import { applyToSubsets } from './subsets.js';
import { applyTransform, RandomTransform, specOf, type CallOptions, type TransformLike, type TransformSpec } from './transform.js';
import { imageInput, probability } from './validate.js';

export interface RandomApplyOptions {
  /** Probability of applying the transforms (default 0.5). */
  p?: number;
  generator?: Generator;
}

export interface RandomApplyConfig {
  transforms: TransformSpec[];
  p: number;
}

export class RandomApply extends RandomTransform<RandomApplyConfig> {
  readonly type = 'RandomApply';
  readonly transforms: TransformLike[];
  readonly p: number;

  constructor(transforms: readonly TransformLike[], options: RandomApplyOptions = {}) {
    super('RandomApply', options, ['p']);
    this.transforms = transformList(this.type, transforms);
    this.p = probability(this.type, options.p ?? 0.5);
  }

  get config(): RandomApplyConfig {
    return { transforms: this.transforms.map(specOf), p: this.p };
  }

  private applyAll(x: Tensor, options: CallOptions | undefined): Tensor {
    let out = x;
    for (const t of this.transforms) out = applyTransform(t, out, options);
    return out;
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    if (!s.batched) return coin(g, this.p) ? this.applyAll(x, options) : x;
    const chosen: number[] = [];
    for (let n = 0; n < s.n; n++) if (coin(g, this.p)) chosen.push(n);
    return applyToSubsets(this.type, x, [chosen], (_, sub) => this.applyAll(sub, options));
  }
}

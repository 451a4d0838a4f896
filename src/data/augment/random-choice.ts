/**
 * RandomChoice (torchvision.transforms.RandomChoice): applies one transform picked at random,
 * with probabilities proportional to `p` (default: uniform). On an NCHW batch every image picks
 * its own; each transform then runs once on the images that picked it, and the results go back
 * in place (so they must keep the image shape unless all images picked the same one).
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { transformList } from './compose.js';
import { applyToSubsets } from './subsets.js';
import { applyTransform, RandomTransform, specOf, type CallOptions, type TransformLike, type TransformSpec } from './transform.js';
import { imageInput, show } from './validate.js';

export interface RandomChoiceOptions {
  /** Relative weights, one per transform (default equal). */
  p?: readonly number[] | null;
  generator?: Generator;
}

export interface RandomChoiceConfig {
  transforms: TransformSpec[];
  p: number[] | null;
}

export class RandomChoice extends RandomTransform<RandomChoiceConfig> {
  readonly type = 'RandomChoice';
  readonly transforms: TransformLike[];
  readonly p: number[] | null;
  private readonly cumulative: number[];

  constructor(transforms: readonly TransformLike[], options: RandomChoiceOptions = {}) {
    super('RandomChoice', options, ['p']);
    this.transforms = transformList(this.type, transforms, false);
    const p = options.p ?? null;
    if (p !== null) {
      if (!Array.isArray(p) || p.length !== this.transforms.length || p.some((v) => typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) || !(p.reduce((a, b) => a + b, 0) > 0)) {
        throw new Error(`${this.type}: p must hold ${this.transforms.length} non-negative weights (one per transform) with a positive sum, got ${show(p)}`);
      }
    }
    this.p = p === null ? null : [...p];
    const w = this.p ?? this.transforms.map(() => 1);
    const total = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    this.cumulative = w.map((v) => (acc += v / total));
  }

  get config(): RandomChoiceConfig {
    return { transforms: this.transforms.map(specOf), p: this.p === null ? null : [...this.p] };
  }

  private pick(g: Generator): number {
    const u = g.nextFloat64();
    const k = this.cumulative.findIndex((c) => u < c);
    return k < 0 ? this.cumulative.length - 1 : k;
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    if (!s.batched) return applyTransform(this.transforms[this.pick(g)]!, x, options);
    const groups: number[][] = this.transforms.map(() => []);
    for (let n = 0; n < s.n; n++) groups[this.pick(g)]!.push(n);
    return applyToSubsets(this.type, x, groups, (k, sub) => applyTransform(this.transforms[k]!, sub, options));
  }
}

/**
 * Normalize (torchvision.transforms.Normalize; deck 004 "subtract per-channel mean, divide by
 * per-channel std"): out[c] = (x[c] − mean[c]) / std[c], on a CHW image or NCHW batch. `mean` and
 * `std` are one number for every channel or one per channel. `inverse()` is the Normalize that undoes
 * it (mean' = −mean/std, std' = 1/std). Composed from tensor ops, so it is differentiable.
 */
import { tensor } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Transform } from './transform.js';
import { checkOptions, imageInput, show } from './validate.js';

export interface NormalizeOptions {
  mean: number | readonly number[];
  std: number | readonly number[];
}

export interface NormalizeConfig {
  mean: number[];
  std: number[];
}

export class Normalize extends Transform<NormalizeConfig> {
  readonly type = 'Normalize';
  readonly config: NormalizeConfig;

  constructor(options: NormalizeOptions) {
    super();
    checkOptions(this.type, options, ['mean', 'std']);
    const list = (name: 'mean' | 'std'): number[] => {
      const v = options?.[name];
      const l = typeof v === 'number' ? [v] : Array.isArray(v) ? [...(v as number[])] : null;
      if (l === null || l.length === 0 || l.some((e) => typeof e !== 'number' || !Number.isFinite(e))) {
        throw new Error(`${this.type}: ${name} must be a finite number or an array of them (one per channel), got ${show(v)}`);
      }
      return l;
    };
    const mean = list('mean');
    const std = list('std');
    if (std.some((v) => !(v > 0))) throw new Error(`${this.type}: std must be positive in every channel, got ${show(std)}`);
    if (mean.length !== std.length && mean.length !== 1 && std.length !== 1) {
      throw new Error(`${this.type}: mean has ${mean.length} values but std has ${std.length}`);
    }
    this.config = { mean, std };
  }

  static fromConfig(config: NormalizeConfig): Normalize {
    return new Normalize(config);
  }

  /** The Normalize that maps this one's output back to its input. */
  inverse(): Normalize {
    const { mean, std } = this.config;
    const n = Math.max(mean.length, std.length);
    const at = (a: number[], i: number): number => a[a.length === 1 ? 0 : i]!;
    return new Normalize({
      mean: Array.from({ length: n }, (_, i) => -at(mean, i) / at(std, i)),
      std: Array.from({ length: n }, (_, i) => 1 / at(std, i)),
    });
  }

  call(x: Tensor): Tensor {
    const s = imageInput(this.type, x);
    const { mean, std } = this.config;
    for (const [name, v] of [['mean', mean], ['std', std]] as const) {
      if (v.length !== 1 && v.length !== s.c) throw new Error(`${this.type}: ${name} has ${v.length} values but the image has ${s.c} channels`);
    }
    const m = tensor(mean, { dtype: x.dtype }).reshape([mean.length, 1, 1]);
    const sd = tensor(std, { dtype: x.dtype }).reshape([std.length, 1, 1]);
    return x.sub(m).div(sd);
  }
}

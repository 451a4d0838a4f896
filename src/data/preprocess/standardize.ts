/**
 * Standardization (deck 004, "X /= np.std(X, axis=0)" after centering): y = (x − μ) / σ per
 * feature, or per channel of [N, C, H, W] images with `{perChannel: true}`. σ is the population
 * standard deviation of the training data (divisor N, as scikit-learn's StandardScaler).
 *
 * A feature whose σ is at most `eps` (default 1e-8) is only centred (σ replaced by 1), as
 * scikit-learn does: a constant feature — MNIST's always-black border pixels — neither divides by
 * zero nor blows a tiny test-time deviation up by 1/eps.
 */
import { numel } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { AffineScaler } from './affine.js';
import type { GroupStats } from './groups.js';
import { checkOptions, optionalBoolean, jsonBoolean, jsonNumber, jsonNumbers, jsonObject, jsonShape, notFitted, type PreprocessorJSON } from './preprocessor.js';

export interface StandardizeOptions {
  /** One mean and σ per channel (dim 1) instead of per feature. Default false. */
  perChannel?: boolean;
  /** σ at or below eps counts as zero: the feature is only centred. Default 1e-8. */
  eps?: number;
}

export class Standardize extends AffineScaler {
  readonly eps: number;
  private sigma: Float64Array | null = null;

  constructor(options: StandardizeOptions = {}) {
    checkOptions('Standardize', options, ['perChannel', 'eps']);
    super('Standardize', optionalBoolean('Standardize', 'perChannel', options.perChannel, false));
    this.eps = options.eps ?? 1e-8;
    if (!(this.eps >= 0) || !Number.isFinite(this.eps)) throw new Error(`Standardize: eps must be a finite number >= 0, got ${this.eps}`);
  }

  protected fromStats(stats: GroupStats): void {
    this.setStats(stats.mean, stats.variance.map(Math.sqrt));
  }

  private setStats(mean: Float64Array, sigma: Float64Array): void {
    this.sigma = sigma;
    this.setState(this.groups!, mean, sigma.map((s) => (s > this.eps ? s : 1)));
  }

  /** The fitted mean (float64; shape featureShape, or [C] per channel). */
  get mean(): Tensor {
    if (!this.shift || !this.groups) notFitted('Standardize.mean');
    return fromTyped(Float64Array.from(this.shift), this.groups.featureShape);
  }

  /** The fitted standard deviation σ (float64), before the eps rule. */
  get std(): Tensor {
    if (!this.sigma || !this.groups) notFitted('Standardize.std');
    return fromTyped(Float64Array.from(this.sigma), this.groups.featureShape);
  }

  toJSON(): PreprocessorJSON {
    if (!this.shift || !this.sigma || !this.groups) notFitted('Standardize.toJSON');
    return {
      type: 'Standardize', perChannel: this.perChannel, eps: this.eps, featureShape: this.groups.featureShape,
      mean: Array.from(this.shift), std: Array.from(this.sigma),
    };
  }

  static fromJSON(json: unknown): Standardize {
    const cls = 'Standardize';
    const o = jsonObject(cls, json);
    const perChannel = jsonBoolean(cls, o, 'perChannel');
    const eps = jsonNumber(cls, o, 'eps', (v) => v >= 0 && Number.isFinite(v), 'a finite number >= 0');
    const featureShape = jsonShape(cls, o, 'featureShape');
    const n = numel(featureShape);
    const s = new Standardize({ perChannel, eps });
    s.groups = { perChannel, featureShape };
    const std = jsonNumbers(cls, o, 'std', n);
    if (std.some((v) => v < 0)) throw new Error(`${cls}.fromJSON: 'std' must not contain negative values`);
    s.setStats(jsonNumbers(cls, o, 'mean', n), std);
    return s;
  }
}

/**
 * Min-max scaling (scikit-learn's MinMaxScaler): y = a + (x − min)·(b − a)/(max − min), mapping
 * the training range of each feature (or channel, with `{perChannel: true}`) onto
 * featureRange = [a, b] (default [0, 1]). A constant feature (max = min) maps to a.
 * Written as y = (x − shift)/scale with scale = (max − min)/(b − a), shift = min − a·scale.
 */
import { numel } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { AffineScaler } from './affine.js';
import type { GroupStats } from './groups.js';
import { checkOptions, optionalBoolean, jsonBoolean, jsonNumbers, jsonObject, jsonShape, notFitted, type PreprocessorJSON } from './preprocessor.js';

export interface MinMaxScalerOptions {
  /** Target interval [a, b] with a < b. Default [0, 1]. */
  featureRange?: readonly [number, number];
  /** One min and max per channel (dim 1) instead of per feature. Default false. */
  perChannel?: boolean;
}

export class MinMaxScaler extends AffineScaler {
  readonly featureRange: readonly [number, number];
  private dataMinV: Float64Array | null = null;
  private dataMaxV: Float64Array | null = null;

  constructor(options: MinMaxScalerOptions = {}) {
    checkOptions('MinMaxScaler', options, ['featureRange', 'perChannel']);
    super('MinMaxScaler', optionalBoolean('MinMaxScaler', 'perChannel', options.perChannel, false));
    const r = options.featureRange ?? [0, 1];
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) {
      throw new Error(`MinMaxScaler: featureRange must be [a, b] with finite a < b, got ${JSON.stringify(r)}`);
    }
    this.featureRange = [r[0], r[1]];
  }

  protected fromStats(stats: GroupStats): void {
    this.setRange(stats.min, stats.max);
  }

  private setRange(min: Float64Array, max: Float64Array): void {
    const [a, b] = this.featureRange;
    this.dataMinV = min;
    this.dataMaxV = max;
    const scale = min.map((lo, k) => (max[k]! > lo ? max[k]! - lo : 1) / (b - a));
    this.setState(this.groups!, min.map((lo, k) => lo - a * scale[k]!), scale);
  }

  /** The training minimum per feature/channel (float64). */
  get dataMin(): Tensor {
    if (!this.dataMinV || !this.groups) notFitted('MinMaxScaler.dataMin');
    return fromTyped(Float64Array.from(this.dataMinV), this.groups.featureShape);
  }

  /** The training maximum per feature/channel (float64). */
  get dataMax(): Tensor {
    if (!this.dataMaxV || !this.groups) notFitted('MinMaxScaler.dataMax');
    return fromTyped(Float64Array.from(this.dataMaxV), this.groups.featureShape);
  }

  toJSON(): PreprocessorJSON {
    if (!this.dataMinV || !this.dataMaxV || !this.groups) notFitted('MinMaxScaler.toJSON');
    return {
      type: 'MinMaxScaler', perChannel: this.perChannel, featureRange: [...this.featureRange], featureShape: this.groups.featureShape,
      dataMin: Array.from(this.dataMinV), dataMax: Array.from(this.dataMaxV),
    };
  }

  static fromJSON(json: unknown): MinMaxScaler {
    const cls = 'MinMaxScaler';
    const o = jsonObject(cls, json);
    const perChannel = jsonBoolean(cls, o, 'perChannel');
    const range = jsonNumbers(cls, o, 'featureRange', 2);
    const featureShape = jsonShape(cls, o, 'featureShape');
    const n = numel(featureShape);
    const s = new MinMaxScaler({ perChannel, featureRange: [range[0]!, range[1]!] });
    const min = jsonNumbers(cls, o, 'dataMin', n);
    const max = jsonNumbers(cls, o, 'dataMax', n);
    if (min.some((v, k) => v > max[k]!)) throw new Error(`${cls}.fromJSON: 'dataMin' exceeds 'dataMax' somewhere`);
    s.groups = { perChannel, featureShape };
    s.setRange(min, max);
    return s;
  }
}

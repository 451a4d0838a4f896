/**
 * Zero-centering (deck 004, "X -= np.mean(X, axis=0)"): y = x − μ, with μ the training mean per
 * feature (the mean image, as in AlexNet) or, with `{perChannel: true}` on [N, C, H, W] images,
 * one mean per channel (as in VGG). Deck 004's advice for images: "center only".
 */
import { fromTyped } from '../tensor-util.js';
import type { Tensor } from '../../tensor/tensor.js';
import { AffineScaler } from './affine.js';
import type { GroupStats } from './groups.js';
import { checkOptions, optionalBoolean, jsonBoolean, jsonNumbers, jsonObject, jsonShape, notFitted, type PreprocessorJSON } from './preprocessor.js';
import { numel } from '../../tensor/shape.js';

export interface CenterOptions {
  /** One mean per channel (dim 1) instead of per feature. Default false. */
  perChannel?: boolean;
}

export class Center extends AffineScaler {
  constructor(options: CenterOptions = {}) {
    checkOptions('Center', options, ['perChannel']);
    super('Center', optionalBoolean('Center', 'perChannel', options.perChannel, false));
  }

  protected fromStats(stats: GroupStats): void {
    this.setState(this.groups!, stats.mean, null);
  }

  /** The fitted mean, float64, of shape featureShape (per feature) or [C] (per channel). */
  get mean(): Tensor {
    if (!this.shift || !this.groups) notFitted('Center.mean');
    return fromTyped(Float64Array.from(this.shift), this.groups.featureShape);
  }

  toJSON(): PreprocessorJSON {
    if (!this.shift || !this.groups) notFitted('Center.toJSON');
    return { type: 'Center', perChannel: this.perChannel, featureShape: this.groups.featureShape, mean: Array.from(this.shift) };
  }

  static fromJSON(json: unknown): Center {
    const o = jsonObject('Center', json);
    const perChannel = jsonBoolean('Center', o, 'perChannel');
    const featureShape = jsonShape('Center', o, 'featureShape');
    const c = new Center({ perChannel });
    c.setState({ perChannel, featureShape }, jsonNumbers('Center', o, 'mean', numel(featureShape)), null);
    return c;
  }
}

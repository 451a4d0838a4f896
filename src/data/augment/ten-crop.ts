/**
 * TenCrop (torchvision.transforms.TenCrop; deck 004: "10 crops: 4 corners + center, + flips"):
 * the five crops of FiveCrop, then the five crops of the horizontally (or, with `vertical`,
 * vertically) flipped image. A CHW image gives [10, C, h, w], an NCHW batch [N, 10, C, h, w].
 */
import type { Tensor } from '../../tensor/tensor.js';
import { multiCrop } from './five-crop.js';
import { Transform } from './transform.js';
import { bool, checkOptions, sizePair } from './validate.js';

export interface TenCropOptions {
  /** Flip vertically instead of horizontally for the second five (default false). */
  vertical?: boolean;
}

export interface TenCropConfig {
  size: [number, number];
  vertical: boolean;
}

export class TenCrop extends Transform<TenCropConfig> {
  readonly type = 'TenCrop';
  readonly config: TenCropConfig;

  constructor(size: number | readonly [number, number], options: TenCropOptions = {}) {
    super();
    checkOptions(this.type, options, ['vertical']);
    this.config = { size: sizePair(this.type, 'size', size), vertical: bool(this.type, 'vertical', options.vertical ?? false) };
  }

  static fromConfig(config: { size: number | [number, number]; vertical?: boolean }): TenCrop {
    return new TenCrop(config.size, { vertical: config.vertical ?? false });
  }

  call(x: Tensor): Tensor {
    return multiCrop(this.type, x, this.config.size, this.config.vertical ? 'vertical' : 'horizontal');
  }
}

/**
 * ColorJitter (torchvision.transforms.ColorJitter; deck 004 "color jitter: randomize contrast and
 * brightness", SimCLR's "color distort"): per image, draws a random order of the four adjustments
 * and then the factors
 *   brightness b ~ U(brightness), contrast c ~ U(contrast), saturation s ~ U(saturation), hue h ~ U(hue)
 * and applies them in that order (see color.ts for the formulas; results are clamped to [0, 1]).
 * A number v means [max(0, 1 − v), 1 + v] for the first three and [−v, v] for hue (v ≤ 0.5).
 * Brightness works on any image; contrast on 1 or 3 channels; saturation and hue need RGB.
 * Images are expected in [0, 1] (apply Normalize after ColorJitter, not before).
 */
import { permutation } from '../../random/distributions.js';
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { brightnessInPlace, contrastInPlace, hueInPlace, saturationInPlace } from './color.js';
import { alloc, readImages, uniform, writeImages } from './pixels.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { channels, imageInput, range } from './validate.js';

type Factor = number | readonly [number, number];

export interface ColorJitterOptions {
  brightness?: Factor;
  contrast?: Factor;
  saturation?: Factor;
  hue?: Factor;
  generator?: Generator;
}

export interface ColorJitterConfig {
  /** [min, max] factor ranges; null = not applied. */
  brightness: [number, number] | null;
  contrast: [number, number] | null;
  saturation: [number, number] | null;
  hue: [number, number] | null;
}

export class ColorJitter extends RandomTransform<ColorJitterConfig> {
  readonly type = 'ColorJitter';
  readonly config: ColorJitterConfig;

  constructor(options: ColorJitterOptions = {}) {
    super('ColorJitter', options, ['brightness', 'contrast', 'saturation', 'hue']);
    const factor = (name: 'brightness' | 'contrast' | 'saturation'): [number, number] | null => {
      const v = options[name];
      if (v === undefined || v === null) return null;
      const r = range(this.type, name, v, { lo: 0, symmetric: (d) => [Math.max(0, 1 - d), 1 + d] });
      return r[0] === 1 && r[1] === 1 ? null : r;
    };
    const h = options.hue;
    const hue = h === undefined || h === null ? null : range(this.type, 'hue', h, { lo: -0.5, hi: 0.5, symmetric: (d) => [-d, d] });
    this.config = {
      brightness: factor('brightness'),
      contrast: factor('contrast'),
      saturation: factor('saturation'),
      hue: hue && hue[0] === 0 && hue[1] === 0 ? null : hue,
    };
  }

  static fromConfig(config: ColorJitterConfig): ColorJitter {
    const o: ColorJitterOptions = {};
    for (const k of ['brightness', 'contrast', 'saturation', 'hue'] as const) if (config[k]) o[k] = config[k]!;
    return new ColorJitter(o);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const { brightness, contrast, saturation, hue } = this.config;
    if (contrast) channels(this.type, 'contrast', s, [1, 3]);
    if (saturation) channels(this.type, 'saturation', s, [3]);
    if (hue) channels(this.type, 'hue', s, [3]);
    const img = readImages(this.type, x);
    const out = alloc(img.data, img.data.length);
    out.set(img.data);
    const hw = s.h * s.w;
    for (let n = 0; n < s.n; n++) {
      const order = permutation(g, 4);
      const b = brightness ? uniform(g, brightness[0], brightness[1]) : 1;
      const c = contrast ? uniform(g, contrast[0], contrast[1]) : 1;
      const sat = saturation ? uniform(g, saturation[0], saturation[1]) : 1;
      const h = hue ? uniform(g, hue[0], hue[1]) : 0;
      const off = n * s.c * hw;
      for (const k of order) {
        if (k === 0 && brightness) brightnessInPlace(out, off, s.c, hw, b);
        else if (k === 1 && contrast) contrastInPlace(out, off, s.c, hw, c);
        else if (k === 2 && saturation) saturationInPlace(out, off, hw, sat);
        else if (k === 3 && hue) hueInPlace(out, off, hw, h);
      }
    }
    return writeImages(x, out, x.shape);
  }
}

/**
 * RandomErasing (torchvision.transforms.RandomErasing; Zhong et al. 2017): with probability p,
 * erase a rectangle of area a·H·W, a ~ U(scale), with height/width ratio r, log r ~ U(log ratio):
 *   h = round(√(a·H·W·r)),  w = round(√(a·H·W/r)),  top ~ U{0 … H−h},  left ~ U{0 … W−w},
 * retrying up to 10 times until h < H and w < W (else the image is left alone). The rectangle
 * gets `value`: a number, one number per channel, or 'random' (standard normal noise per pixel).
 * See Cutout for the fixed-size square of DeVries & Taylor.
 */
import { fillNormal } from '../../random/distributions.js';
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { coin, randint, readImages, roundHalfEven, uniform, writeImages } from './pixels.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { fillPerChannel, probability, range, show } from './validate.js';

export type EraseValue = number | number[] | 'random';

export interface RandomErasingOptions {
  /** Probability of erasing each image (default 0.5). */
  p?: number;
  /** Range of the erased area as a fraction of the image (default [0.02, 0.33]). */
  scale?: readonly [number, number];
  /** Range of the rectangle's height/width ratio (default [0.3, 3.3]). */
  ratio?: readonly [number, number];
  /** Erase value (default 0). */
  value?: number | readonly number[] | 'random';
  generator?: Generator;
}

export interface RandomErasingConfig {
  p: number;
  scale: [number, number];
  ratio: [number, number];
  value: EraseValue;
}

export function eraseValueOption(who: string, v: unknown): EraseValue {
  if (v === 'random') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'number' && Number.isFinite(e))) return [...(v as number[])];
  throw new Error(`${who}: value must be a finite number, one number per channel, or 'random', got ${show(v)}`);
}

/** Writes `value` into the rectangle (top, left, h, w) of every channel of one image. */
export function eraseRect(
  d: { [i: number]: number }, off: number, c: number, imgH: number, imgW: number,
  top: number, left: number, h: number, w: number, value: EraseValue, g: Generator, who: string,
): void {
  const fill = value === 'random' ? null : fillPerChannel(who, value, c);
  const noise = value === 'random' ? fillNormal(g, new Float64Array(c * h * w)) : null;
  for (let ch = 0, k = 0; ch < c; ch++) {
    for (let y = top; y < top + h; y++) {
      const row = off + (ch * imgH + y) * imgW;
      for (let x = left; x < left + w; x++, k++) d[row + x] = noise ? noise[k]! : fill![ch]!;
    }
  }
}

export class RandomErasing extends RandomTransform<RandomErasingConfig> {
  readonly type = 'RandomErasing';
  readonly config: RandomErasingConfig;

  constructor(options: RandomErasingOptions = {}) {
    super('RandomErasing', options, ['p', 'scale', 'ratio', 'value']);
    const ratio = range(this.type, 'ratio', options.ratio ?? [0.3, 3.3]);
    if (!(ratio[0] > 0)) throw new Error(`${this.type}: ratio must be positive, got ${show(options.ratio)}`);
    this.config = {
      p: probability(this.type, options.p ?? 0.5),
      scale: range(this.type, 'scale', options.scale ?? [0.02, 0.33], { lo: 0, hi: 1 }),
      ratio,
      value: eraseValueOption(this.type, options.value ?? 0),
    };
  }

  static fromConfig(config: RandomErasingConfig): RandomErasing {
    return new RandomErasing(config);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const img = readImages(this.type, x);
    const { c, h: H, w: W } = img;
    const { p, scale, ratio, value } = this.config;
    if (Array.isArray(value)) fillPerChannel(this.type, value, c);
    const area = H * W;
    const logLo = Math.log(ratio[0]);
    const logHi = Math.log(ratio[1]);
    let changed = false;
    for (let n = 0; n < img.n; n++) {
      if (!coin(g, p)) continue;
      for (let attempt = 0; attempt < 10; attempt++) {
        const erase = area * uniform(g, scale[0], scale[1]);
        const aspect = Math.exp(uniform(g, logLo, logHi));
        const h = roundHalfEven(Math.sqrt(erase * aspect));
        const w = roundHalfEven(Math.sqrt(erase / aspect));
        if (!(h < H && w < W)) continue;
        const top = randint(g, 0, H - h + 1);
        const left = randint(g, 0, W - w + 1);
        eraseRect(img.data, n * c * H * W, c, H, W, top, left, h, w, value, g, this.type);
        changed = true;
        break;
      }
    }
    return changed || img.batched ? writeImages(x, img.data, x.shape) : x;
  }
}

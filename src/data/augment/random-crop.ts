/**
 * RandomCrop (torchvision.transforms.RandomCrop; deck 004 "random crops"): pad the image (optional),
 * then cut a size[0]×size[1] window at a uniformly random position:
 *   top ~ U{0 … H' − h},  left ~ U{0 … W' − w}   (H', W' = padded size).
 * `padding` is one amount for every side, [left/right, top/bottom] or [left, top, right, bottom];
 * `padIfNeeded` pads each side of a too-small axis by the whole shortfall (as torchvision does);
 * `paddingMode` 'constant' (with `fill`), 'edge', 'reflect' (no border repeat) or 'symmetric'.
 * Padding is never materialised: each output pixel maps straight back to its source pixel.
 * On an NCHW batch every image gets its own window.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, outShape, randint, readImages, writeImages } from './pixels.js';
import { cropInto, padIndex, type PaddingMode } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { bool, fillOption, fillPerChannel, imageInput, oneOf, show, sizePair } from './validate.js';

export interface RandomCropOptions {
  /** Padding added before cropping: n, [leftRight, topBottom] or [left, top, right, bottom] (default none). */
  padding?: number | readonly number[] | null;
  /** Pad an axis that is smaller than the crop (default false). */
  padIfNeeded?: boolean;
  /** Value of constant padding: one number or one per channel (default 0). */
  fill?: number | readonly number[];
  paddingMode?: PaddingMode;
  generator?: Generator;
}

export interface RandomCropConfig {
  size: [number, number];
  /** [left, top, right, bottom], or null for none. */
  padding: [number, number, number, number] | null;
  padIfNeeded: boolean;
  fill: number | number[];
  paddingMode: PaddingMode;
}

export const PADDING_MODES: readonly PaddingMode[] = ['constant', 'edge', 'reflect', 'symmetric'];

/** Resolves torchvision's padding forms to [left, top, right, bottom]. */
export function paddingLTRB(who: string, v: unknown): [number, number, number, number] {
  const ok = (e: unknown): boolean => typeof e === 'number' && Number.isInteger(e) && e >= 0;
  if (ok(v)) return [v as number, v as number, v as number, v as number];
  if (Array.isArray(v) && v.every(ok)) {
    if (v.length === 1) return [v[0], v[0], v[0], v[0]];
    if (v.length === 2) return [v[0], v[1], v[0], v[1]];
    if (v.length === 4) return [v[0], v[1], v[2], v[3]];
  }
  throw new Error(`${who}: padding must be a non-negative integer, [leftRight, topBottom] or [left, top, right, bottom], got ${show(v)}`);
}

export class RandomCrop extends RandomTransform<RandomCropConfig> {
  readonly type = 'RandomCrop';
  readonly config: RandomCropConfig;

  constructor(size: number | readonly [number, number], options: RandomCropOptions = {}) {
    super('RandomCrop', options, ['padding', 'padIfNeeded', 'fill', 'paddingMode']);
    const p = options.padding;
    this.config = {
      size: sizePair(this.type, 'size', size),
      padding: p === undefined || p === null ? null : paddingLTRB(this.type, p),
      padIfNeeded: bool(this.type, 'padIfNeeded', options.padIfNeeded ?? false),
      fill: fillOption(this.type, options.fill ?? 0),
      paddingMode: oneOf(this.type, 'paddingMode', options.paddingMode ?? 'constant', PADDING_MODES),
    };
  }

  static fromConfig(config: RandomCropConfig & { size: number | [number, number] }): RandomCrop {
    const { size, ...rest } = config;
    return new RandomCrop(size, rest);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const { size: [th, tw], padding, padIfNeeded, paddingMode: mode } = this.config;
    const [pl, pt, pr, pb] = padding ?? [0, 0, 0, 0];
    const fill = fillPerChannel(this.type, this.config.fill, s.c);
    // stage 1: the explicit padding; stage 2: padIfNeeded's extra padding on both sides
    const h1 = s.h + pt + pb;
    const w1 = s.w + pl + pr;
    const eh = padIfNeeded && h1 < th ? th - h1 : 0;
    const ew = padIfNeeded && w1 < tw ? tw - w1 : 0;
    const h2 = h1 + 2 * eh;
    const w2 = w1 + 2 * ew;
    if (h2 < th || w2 < tw) {
      throw new Error(
        `${this.type}: crop size [${th}, ${tw}] is larger than the ${padding ? 'padded ' : ''}image ${h2}x${w2}` +
          ` (input ${s.h}x${s.w}${padding ? `, padding ${JSON.stringify(padding)}` : ''}); pass padding or padIfNeeded: true`,
      );
    }
    const map = (k: number, e: number, n1: number, before: number, n: number): number => {
      const k1 = padIndex(k - e, n1, mode);
      return k1 < 0 ? -1 : padIndex(k1 - before, n, mode);
    };
    const img = readImages(this.type, x);
    const plane = s.c * th * tw;
    const out = alloc(img.data, s.n * plane);
    for (let n = 0; n < s.n; n++) {
      const top = randint(g, 0, h2 - th + 1);
      const left = randint(g, 0, w2 - tw + 1);
      const rows = Int32Array.from({ length: th }, (_, y) => map(top + y, eh, h1, pt, s.h));
      const cols = Int32Array.from({ length: tw }, (_, i) => map(left + i, ew, w1, pl, s.w));
      cropInto(img.data, n * s.c * s.h * s.w, s.c, s.h, s.w, rows, cols, fill, out, n * plane);
    }
    return writeImages(x, out, outShape(s, s.c, th, tw));
  }
}

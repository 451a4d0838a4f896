/**
 * FiveCrop (torchvision.transforms.FiveCrop; deck 004 "testing: average a fixed set of crops"):
 * the four corner crops and the centre crop, in torchvision's order top-left, top-right,
 * bottom-left, bottom-right, centre. Returns the crops stacked: a CHW image gives [5, C, h, w], an
 * NCHW batch [N, 5, C, h, w] (the layout a data loader gives when it batches per-image crops).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { centerOffset } from './center-crop.js';
import { alloc, readImages, writeImages } from './pixels.js';
import { cropInto } from './sampling.js';
import { Transform } from './transform.js';
import { imageInput, sizePair } from './validate.js';

export interface FiveCropConfig {
  size: [number, number];
}

/** [top, left] of the five crops of an H×W image. */
export function fiveCropPositions(h: number, w: number, ch: number, cw: number): [number, number][] {
  return [
    [0, 0],
    [0, w - cw],
    [h - ch, 0],
    [h - ch, w - cw],
    [centerOffset(h, ch), centerOffset(w, cw)],
  ];
}

/**
 * The five crops of every image, then (flip 'horizontal' | 'vertical') the five crops of its mirror
 * image: out [N, 5 or 10, C, ch, cw] (no N for a CHW input).
 */
export function multiCrop(who: string, x: Tensor, size: [number, number], flip: 'horizontal' | 'vertical' | null): Tensor {
  const s = imageInput(who, x);
  const [ch, cw] = size;
  if (ch > s.h || cw > s.w) {
    throw new Error(`${who}: crop size [${ch}, ${cw}] is larger than the image ${s.h}x${s.w}`);
  }
  const img = readImages(who, x);
  const positions = fiveCropPositions(s.h, s.w, ch, cw);
  const k = flip ? 10 : 5;
  const crop = s.c * ch * cw;
  const out = alloc(img.data, s.n * k * crop);
  const fill = new Array<number>(s.c).fill(0);
  for (let n = 0; n < s.n; n++) {
    for (let i = 0; i < k; i++) {
      const [top, left] = positions[i % 5]!;
      const mirrored = i >= 5;
      // a crop of the mirror image at (top, left) is the mirror of a crop of the image
      const rows = Int32Array.from({ length: ch }, (_, y) => (mirrored && flip === 'vertical' ? s.h - 1 - (top + y) : top + y));
      const cols = Int32Array.from({ length: cw }, (_, j) => (mirrored && flip === 'horizontal' ? s.w - 1 - (left + j) : left + j));
      cropInto(img.data, n * s.c * s.h * s.w, s.c, s.h, s.w, rows, cols, fill, out, (n * k + i) * crop);
    }
  }
  return writeImages(x, out, s.batched ? [s.n, k, s.c, ch, cw] : [k, s.c, ch, cw]);
}

export class FiveCrop extends Transform<FiveCropConfig> {
  readonly type = 'FiveCrop';
  readonly config: FiveCropConfig;

  constructor(size: number | readonly [number, number]) {
    super();
    this.config = { size: sizePair(this.type, 'size', size) };
  }

  static fromConfig(config: { size: number | [number, number] }): FiveCrop {
    return new FiveCrop(config.size);
  }

  call(x: Tensor): Tensor {
    return multiCrop(this.type, x, this.config.size, null);
  }
}

/**
 * CenterCrop (torchvision.transforms.CenterCrop): the size[0]×size[1] window at the centre,
 * top = round((H − h)/2), left = round((W − w)/2) with Python's round-half-to-even. Like
 * torchvision, a crop larger than the image pads it with zeros (⌊(h − H)/2⌋ on top, the rest below).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, outShape, readImages, roundHalfEven, writeImages } from './pixels.js';
import { cropInto, windowIndices } from './sampling.js';
import { Transform } from './transform.js';
import { imageInput, sizePair } from './validate.js';

export interface CenterCropConfig {
  size: [number, number];
}

/** Offset of a centred window of length k in an axis of length n (negative when k > n: padding). */
export function centerOffset(n: number, k: number): number {
  return k > n ? -Math.floor((k - n) / 2) : roundHalfEven((n - k) / 2);
}

export class CenterCrop extends Transform<CenterCropConfig> {
  readonly type = 'CenterCrop';
  readonly config: CenterCropConfig;

  constructor(size: number | readonly [number, number]) {
    super();
    this.config = { size: sizePair(this.type, 'size', size) };
  }

  static fromConfig(config: { size: number | [number, number] }): CenterCrop {
    return new CenterCrop(config.size);
  }

  call(x: Tensor): Tensor {
    const s = imageInput(this.type, x);
    const [th, tw] = this.config.size;
    const rows = windowIndices(centerOffset(s.h, th), th, s.h, 0, 'constant');
    const cols = windowIndices(centerOffset(s.w, tw), tw, s.w, 0, 'constant');
    const img = readImages(this.type, x);
    const plane = s.c * th * tw;
    const out = alloc(img.data, s.n * plane);
    const zeros = new Array<number>(s.c).fill(0);
    for (let n = 0; n < s.n; n++) cropInto(img.data, n * s.c * s.h * s.w, s.c, s.h, s.w, rows, cols, zeros, out, n * plane);
    return writeImages(x, out, outShape(s, s.c, th, tw));
  }
}

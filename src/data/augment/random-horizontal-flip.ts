/**
 * RandomHorizontalFlip (torchvision.transforms.RandomHorizontalFlip; deck 004 "horizontal flips"):
 * with probability p, out[c][y][x] = img[c][y][W−1−x]. On an NCHW batch each image flips
 * independently. A CHW image that is not flipped is returned as is.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, coin, readImages, writeImages } from './pixels.js';
import { cropInto } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { imageInput, probability } from './validate.js';

export interface RandomFlipOptions {
  /** Probability of flipping each image (default 0.5). */
  p?: number;
  generator?: Generator;
}

export interface RandomFlipConfig {
  p: number;
}

/** Flips each image of x along the width (axis 'x') or height (axis 'y') with probability p. */
export function randomFlip(who: string, x: Tensor, p: number, axis: 'x' | 'y', g: Generator): Tensor {
  const s = imageInput(who, x);
  const flips = Array.from({ length: s.n }, () => coin(g, p));
  if (!flips.some(Boolean) && !s.batched) return x;
  const img = readImages(who, x);
  const { c, h, w } = s;
  const out = alloc(img.data, img.data.length);
  const rows = Int32Array.from({ length: h }, (_, i) => i);
  const cols = Int32Array.from({ length: w }, (_, i) => i);
  const rowsFlipped = axis === 'y' ? rows.slice().reverse() : rows;
  const colsFlipped = axis === 'x' ? cols.slice().reverse() : cols;
  const size = c * h * w;
  for (let n = 0; n < s.n; n++) {
    if (flips[n]) cropInto(img.data, n * size, c, h, w, rowsFlipped, colsFlipped, [], out, n * size);
    else out.set(img.data.subarray(n * size, (n + 1) * size), n * size);
  }
  return writeImages(x, out, x.shape);
}

export class RandomHorizontalFlip extends RandomTransform<RandomFlipConfig> {
  readonly type = 'RandomHorizontalFlip';
  readonly config: RandomFlipConfig;

  constructor(options: RandomFlipOptions = {}) {
    super('RandomHorizontalFlip', options, ['p']);
    this.config = { p: probability(this.type, options.p ?? 0.5) };
  }

  static fromConfig(config: RandomFlipConfig): RandomHorizontalFlip {
    return new RandomHorizontalFlip(config);
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    return randomFlip(this.type, x, this.config.p, 'x', this.generatorFor(options));
  }
}

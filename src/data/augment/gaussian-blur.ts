/**
 * GaussianBlur (torchvision.transforms.GaussianBlur; deck 004 "blur", SimCLR's Gaussian blur):
 * convolves each channel with the separable kernel
 *   k[i] = exp(−i²/(2σ²)) / Σ_j exp(−j²/(2σ²)),   i = −(K−1)/2 … (K−1)/2,
 * vertically then horizontally, as two grouped conv2d calls (one group per image channel), after
 * reflect-padding by (K−1)/2. σ ~ U(sigma) per image (a number fixes σ). kernelSize is odd:
 * K or [Kh, Kw].
 */
import type { Generator } from '../../random/generator.js';
import { conv2d } from '../../ops/window.js';
import { tensor } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { uniform } from './pixels.js';
import { padIndex } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { imageInput, range, show } from './validate.js';

export interface GaussianBlurOptions {
  /** σ, or the [min, max] range σ is drawn from per image; > 0 (default [0.1, 2]). */
  sigma?: number | readonly [number, number];
  generator?: Generator;
}

export interface GaussianBlurConfig {
  kernelSize: [number, number];
  sigma: [number, number];
}

/** The normalised 1-D Gaussian kernel of odd length `size` (torchvision's _get_gaussian_kernel1d). */
export function gaussianKernel1d(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  const half = (size - 1) / 2;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const t = (i - half) / sigma;
    k[i] = Math.exp(-0.5 * t * t);
    total += k[i]!;
  }
  for (let i = 0; i < size; i++) k[i]! /= total;
  return k;
}

/**
 * The same blur written as typed-array loops, in place on `planes` planes of h×w (reflect padding;
 * a kernel longer than the image keeps reflecting). For internal smoothing where speed matters
 * (ElasticTransform's displacement fields); tested against the conv2d path.
 */
export function gaussianBlurPlanes(d: Float64Array, planes: number, h: number, w: number, kernelSize: number, sigma: number): void {
  const k = gaussianKernel1d(kernelSize, sigma);
  const r = (kernelSize - 1) / 2;
  const rowIdx = Int32Array.from({ length: w + 2 * r }, (_, i) => padIndex(i - r, w, 'reflect'));
  const colIdx = Int32Array.from({ length: h + 2 * r }, (_, i) => padIndex(i - r, h, 'reflect'));
  const line = new Float64Array(Math.max(h, w) + 2 * r);
  const out = new Float64Array(Math.max(h, w));
  // one padded line in, one blurred line out; the kernel is symmetric, so taps j and 2r − j share a weight
  const blurLine = (n: number): void => {
    const kr = k[r]!;
    for (let x = 0; x < n; x++) {
      let acc = kr * line[x + r]!;
      for (let j = 0; j < r; j++) acc += k[j]! * (line[x + j]! + line[x + 2 * r - j]!);
      out[x] = acc;
    }
  };
  for (let p = 0; p < planes; p++) {
    const off = p * h * w;
    for (let y = 0; y < h; y++) {
      const row = off + y * w;
      for (let i = 0; i < w + 2 * r; i++) line[i] = d[row + rowIdx[i]!]!;
      blurLine(w);
      for (let x = 0; x < w; x++) d[row + x] = out[x]!;
    }
    for (let x = 0; x < w; x++) {
      for (let i = 0; i < h + 2 * r; i++) line[i] = d[off + colIdx[i]! * w + x]!;
      blurLine(h);
      for (let y = 0; y < h; y++) d[off + y * w + x] = out[y]!;
    }
  }
}

/** Reflect-pads the last two dims of a 4-D tensor by ph rows and pw columns per side (via indexSelect). */
function reflectPad(x: Tensor, ph: number, pw: number): Tensor {
  const [, , h, w] = x.shape as [number, number, number, number];
  const idx = (n: number, p: number): Tensor =>
    tensor(Int32Array.from({ length: n + 2 * p }, (_, i) => padIndex(i - p, n, 'reflect')), { dtype: 'int32' });
  let out = x;
  if (ph > 0) out = out.indexSelect(2, idx(h, ph));
  if (pw > 0) out = out.indexSelect(3, idx(w, pw));
  return out;
}

/**
 * Blurs every image of x (CHW or NCHW) with its own σ: `sigma` is one number for all images or
 * one per image. Returns a tensor of x's shape.
 */
export function gaussianBlur(x: Tensor, kernelSize: readonly [number, number], sigma: number | readonly number[], who = 'gaussianBlur'): Tensor {
  const s = imageInput(who, x);
  const sigmas = typeof sigma === 'number' ? new Array<number>(s.n).fill(sigma) : sigma;
  if (sigmas.length !== s.n) throw new Error(`${who}: got ${sigmas.length} sigmas for ${s.n} images`);
  for (const v of sigmas) if (!(v > 0)) throw new Error(`${who}: sigma must be positive, got ${v}`);
  const [kh, kw] = kernelSize;
  const groups = s.n * s.c;
  // one kernel per (image, channel) plane: the planes become the channels of a single image
  const vertical = new Float64Array(groups * kh);
  const horizontal = new Float64Array(groups * kw);
  for (let n = 0; n < s.n; n++) {
    const ky = gaussianKernel1d(kh, sigmas[n]!);
    const kx = gaussianKernel1d(kw, sigmas[n]!);
    for (let c = 0; c < s.c; c++) {
      vertical.set(ky, (n * s.c + c) * kh);
      horizontal.set(kx, (n * s.c + c) * kw);
    }
  }
  const wy = tensor(vertical, { dtype: x.dtype }).reshape([groups, 1, kh, 1]);
  const wx = tensor(horizontal, { dtype: x.dtype }).reshape([groups, 1, 1, kw]);
  const planes = reflectPad(x.reshape([1, groups, s.h, s.w]), (kh - 1) / 2, (kw - 1) / 2);
  const out = conv2d(conv2d(planes, wy, null, { groups }), wx, null, { groups });
  return out.reshape(x.shape);
}

export class GaussianBlur extends RandomTransform<GaussianBlurConfig> {
  readonly type = 'GaussianBlur';
  readonly config: GaussianBlurConfig;

  constructor(kernelSize: number | readonly [number, number], options: GaussianBlurOptions = {}) {
    super('GaussianBlur', options, ['sigma']);
    const ks = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : Array.isArray(kernelSize) ? [...kernelSize] : [];
    if (ks.length !== 2 || ks.some((k) => typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k % 2 === 0)) {
      throw new Error(`${this.type}: kernelSize must be an odd positive integer or a pair [height, width] of them, got ${show(kernelSize)}`);
    }
    const sigma = options.sigma ?? [0.1, 2];
    if (typeof sigma === 'number' && !(sigma > 0)) throw new Error(`${this.type}: sigma must be positive, got ${show(sigma)}`);
    const r = typeof sigma === 'number' ? ([sigma, sigma] as [number, number]) : range(this.type, 'sigma', sigma);
    if (!(r[0] > 0)) throw new Error(`${this.type}: sigma must be positive, got ${show(sigma)}`);
    this.config = { kernelSize: ks as [number, number], sigma: r };
  }

  static fromConfig(config: GaussianBlurConfig): GaussianBlur {
    return new GaussianBlur(config.kernelSize, { sigma: config.sigma });
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const sigmas = Array.from({ length: s.n }, () => uniform(g, this.config.sigma[0], this.config.sigma[1]));
    return gaussianBlur(x, this.config.kernelSize, sigmas, this.type);
  }
}

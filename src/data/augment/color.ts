/**
 * Colour arithmetic on RGB images with values in [0, 1] (torchvision.transforms.functional's
 * tensor kernels, ported to typed-array loops). An image is c planes of `hw` pixels at `off`.
 *
 *   grayscale  L = 0.2989·R + 0.587·G + 0.114·B                         (ITU-R 601-2 luma)
 *   blend(a, b, f) = clamp(f·a + (1 − f)·b, 0, 1)
 *   brightness: blend(img, 0, f)   contrast: blend(img, mean(L), f)   saturation: blend(img, L, f)
 *   hue: RGB → HSV, h ← (h + f) mod 1, HSV → RGB
 */
import type { Tensor } from '../../tensor/tensor.js';
import { alloc, readImages, writeImages, type FloatArray } from './pixels.js';
import { channels, imageInput } from './validate.js';

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

export function brightnessInPlace(d: FloatArray, off: number, c: number, hw: number, f: number): void {
  for (let i = off, end = off + c * hw; i < end; i++) d[i] = clamp01(f * d[i]!);
}

/** Mean luma (3 channels) or mean value (1 channel) of one image. */
function meanGray(d: FloatArray, off: number, c: number, hw: number): number {
  let acc = 0;
  if (c === 3) for (let i = 0; i < hw; i++) acc += 0.2989 * d[off + i]! + 0.587 * d[off + hw + i]! + 0.114 * d[off + 2 * hw + i]!;
  else for (let i = 0; i < hw; i++) acc += d[off + i]!;
  return acc / hw;
}

export function contrastInPlace(d: FloatArray, off: number, c: number, hw: number, f: number): void {
  const m = (1 - f) * meanGray(d, off, c, hw);
  for (let i = off, end = off + c * hw; i < end; i++) d[i] = clamp01(f * d[i]! + m);
}

export function saturationInPlace(d: FloatArray, off: number, hw: number, f: number): void {
  for (let i = 0; i < hw; i++) {
    const r = off + i;
    const g = r + hw;
    const b = g + hw;
    const l = (1 - f) * (0.2989 * d[r]! + 0.587 * d[g]! + 0.114 * d[b]!);
    d[r] = clamp01(f * d[r]! + l);
    d[g] = clamp01(f * d[g]! + l);
    d[b] = clamp01(f * d[b]! + l);
  }
}

const px = new Float64Array(3);

/** RGB → HSV of one pixel into px (torchvision's _rgb2hsv): h in [0, 1), s and v in [0, 1]. */
function rgbToHsvPixel(r: number, g: number, b: number): void {
  const maxc = Math.max(r, g, b);
  const minc = Math.min(r, g, b);
  const cr = maxc - minc;
  const eq = maxc === minc;
  const div = eq ? 1 : cr;
  const rc = (maxc - r) / div;
  const gc = (maxc - g) / div;
  const bc = (maxc - b) / div;
  let h: number;
  if (maxc === r) h = bc - gc;
  else if (maxc === g) h = 2 + rc - bc;
  else h = 4 + gc - rc;
  px[0] = (h / 6 + 1) % 1;
  px[1] = cr / (eq ? 1 : maxc);
  px[2] = maxc;
}

/** HSV → RGB of one pixel into px (torchvision's _hsv2rgb). */
function hsvToRgbPixel(h: number, s: number, v: number): void {
  const i6 = Math.floor(h * 6);
  const f = h * 6 - i6;
  const p = clamp01(v * (1 - s));
  const q = clamp01(v * (1 - s * f));
  const t = clamp01(v * (1 - s * (1 - f)));
  switch (((i6 % 6) + 6) % 6) {
    case 0: px[0] = v; px[1] = t; px[2] = p; break;
    case 1: px[0] = q; px[1] = v; px[2] = p; break;
    case 2: px[0] = p; px[1] = v; px[2] = t; break;
    case 3: px[0] = p; px[1] = q; px[2] = v; break;
    case 4: px[0] = t; px[1] = p; px[2] = v; break;
    default: px[0] = v; px[1] = p; px[2] = q; break;
  }
}

type PixelFn = (a: number, b: number, c: number) => void;

/** Runs a per-pixel colour-space function over the 3 planes of one image, writing px back. */
function perPixel(d: FloatArray, off: number, hw: number, fn: PixelFn): void {
  for (let i = off; i < off + hw; i++) {
    fn(d[i]!, d[i + hw]!, d[i + 2 * hw]!);
    d[i] = px[0]!;
    d[i + hw] = px[1]!;
    d[i + 2 * hw] = px[2]!;
  }
}

export function rgbToHsvInPlace(d: FloatArray, off: number, hw: number): void {
  perPixel(d, off, hw, rgbToHsvPixel);
}

export function hsvToRgbInPlace(d: FloatArray, off: number, hw: number): void {
  perPixel(d, off, hw, hsvToRgbPixel);
}

/** h ← (h + f) mod 1 in HSV space, pixel by pixel in double precision. */
export function hueInPlace(d: FloatArray, off: number, hw: number, f: number): void {
  for (let i = off; i < off + hw; i++) {
    rgbToHsvPixel(d[i]!, d[i + hw]!, d[i + 2 * hw]!);
    hsvToRgbPixel((((px[0]! + f) % 1) + 1) % 1, px[1]!, px[2]!);
    d[i] = px[0]!;
    d[i + hw] = px[1]!;
    d[i + 2 * hw] = px[2]!;
  }
}

/** Applies an in-place colour op to a copy of every image of x. */
function mapImages(who: string, x: Tensor, need: readonly number[] | null, what: string, fn: (d: FloatArray, off: number, c: number, hw: number) => void): Tensor {
  const s = imageInput(who, x);
  if (need) channels(who, what, s, need);
  const img = readImages(who, x);
  const out = alloc(img.data, img.data.length);
  out.set(img.data);
  const hw = s.h * s.w;
  for (let n = 0; n < s.n; n++) fn(out, n * s.c * hw, s.c, hw);
  return writeImages(x, out, x.shape);
}

/** RGB image(s) [3, H, W] / [N, 3, H, W] → HSV with every component in [0, 1]. */
export function rgbToHsv(x: Tensor): Tensor {
  return mapImages('rgbToHsv', x, [3], 'RGB → HSV', (d, off, _c, hw) => rgbToHsvInPlace(d, off, hw));
}

/** HSV image(s) → RGB. */
export function hsvToRgb(x: Tensor): Tensor {
  return mapImages('hsvToRgb', x, [3], 'HSV → RGB', (d, off, _c, hw) => hsvToRgbInPlace(d, off, hw));
}

/** Luma of RGB image(s): [1, H, W] / [N, 1, H, W] (torchvision's rgb_to_grayscale). */
export function rgbToGrayscale(x: Tensor): Tensor {
  const s = imageInput('rgbToGrayscale', x);
  channels('rgbToGrayscale', 'grayscale conversion', s, [3]);
  const img = readImages('rgbToGrayscale', x);
  const hw = s.h * s.w;
  const out = alloc(img.data, s.n * hw);
  for (let n = 0; n < s.n; n++) {
    const o = n * 3 * hw;
    for (let i = 0; i < hw; i++) out[n * hw + i] = 0.2989 * img.data[o + i]! + 0.587 * img.data[o + hw + i]! + 0.114 * img.data[o + 2 * hw + i]!;
  }
  return writeImages(x, out, s.batched ? [s.n, 1, s.h, s.w] : [1, s.h, s.w]);
}

/** torchvision's adjust_brightness: clamp(f·img, 0, 1); f >= 0. */
export function adjustBrightness(x: Tensor, factor: number): Tensor {
  return mapImages('adjustBrightness', x, null, '', (d, off, c, hw) => brightnessInPlace(d, off, c, hw, factor));
}

/** torchvision's adjust_contrast: blend with the mean luma; 1 or 3 channels. */
export function adjustContrast(x: Tensor, factor: number): Tensor {
  return mapImages('adjustContrast', x, [1, 3], 'contrast', (d, off, c, hw) => contrastInPlace(d, off, c, hw, factor));
}

/** torchvision's adjust_saturation: blend with the luma; 3 channels. */
export function adjustSaturation(x: Tensor, factor: number): Tensor {
  return mapImages('adjustSaturation', x, [3], 'saturation', (d, off, _c, hw) => saturationInPlace(d, off, hw, factor));
}

/** torchvision's adjust_hue: rotate the hue by factor ∈ [−0.5, 0.5] turns; 3 channels. */
export function adjustHue(x: Tensor, factor: number): Tensor {
  if (!(factor >= -0.5 && factor <= 0.5)) throw new Error(`adjustHue: factor must be in [-0.5, 0.5], got ${factor}`);
  return mapImages('adjustHue', x, [3], 'hue', (d, off, _c, hw) => hueInPlace(d, off, hw, factor));
}

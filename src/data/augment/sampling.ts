/**
 * The one place where pixels are sampled at transformed coordinates. Every geometric transform
 * (crops, resizes, rotations, affine and elastic warps) fills its output through these loops, which
 * work on row-major typed arrays: an image is `c` planes of h×w values starting at `off`.
 *
 * Coordinates are pixel indices: pixel (x, y) is the sample at column x, row y; the image centre is
 * ((w − 1)/2, (h − 1)/2). This is PyTorch's `align_corners=False` convention (grid_sample,
 * interpolate) written in index space.
 *
 *   Affine:  out(p) = img(M · (p − c_out) + c_in)      M = inverse of the forward 2×3 map
 *   Field:   out(p) = img(p + d(p))                    d = per-pixel displacement (elastic)
 *   Resize:  out(i) = Σ_j w_ij · img(j)                separable, per axis (bilinear / nearest,
 *                                                      optionally antialiased like PIL and torch)
 *
 * Sampling off the image uses `fill`: bilinear treats every outside tap as the fill colour, so
 * out = Σ_inside w·img + (1 − Σ_inside w)·fill; nearest gives fill when the rounded tap is outside.
 */
import { roundHalfEven, type FloatArray } from './pixels.js';

export type Interpolation = 'bilinear' | 'nearest';
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

// ---- padding and crops ---------------------------------------------------------------------------

/**
 * Maps index i of a padded axis back into [0, n): 'edge' clamps, 'reflect' mirrors without
 * repeating the border (…2 1 | 0 1 2 … n−1 | n−2…), 'symmetric' mirrors with it
 * (…1 0 | 0 1 … n−1 | n−1…); 'constant' returns −1 (use the fill value) outside.
 */
export function padIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'edge':
      return i < 0 ? 0 : n - 1;
    case 'reflect': {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      const k = ((i % period) + period) % period;
      return k < n ? k : period - k;
    }
    case 'symmetric': {
      const period = 2 * n;
      const k = ((i % period) + period) % period;
      return k < n ? k : period - 1 - k;
    }
  }
}

/**
 * Copies a window out of one image: dst[ch][y][x] = src[ch][rows[y]][cols[x]], or fill[ch] where
 * rows[y] or cols[x] is −1. Any crop with any padding reduces to two such index maps.
 */
export function cropInto(
  src: FloatArray, srcOff: number, c: number, h: number, w: number,
  rows: Int32Array, cols: Int32Array, fill: readonly number[],
  dst: FloatArray, dstOff: number,
): void {
  const oh = rows.length;
  const ow = cols.length;
  // fast path: a window of consecutive in-image columns is a row-by-row memcpy
  let contiguous = cols[0]! >= 0;
  for (let x = 1; x < ow && contiguous; x++) contiguous = cols[x] === cols[0]! + x;
  for (let ch = 0; ch < c; ch++) {
    const plane = srcOff + ch * h * w;
    const f = fill[ch]!;
    for (let y = 0; y < oh; y++) {
      const o = dstOff + (ch * oh + y) * ow;
      const r = rows[y]!;
      if (r < 0) {
        dst.fill(f, o, o + ow);
      } else if (contiguous) {
        const s = plane + r * w + cols[0]!;
        dst.set(src.subarray(s, s + ow), o);
      } else {
        const s = plane + r * w;
        for (let x = 0; x < ow; x++) {
          const k = cols[x]!;
          dst[o + x] = k < 0 ? f : src[s + k]!;
        }
      }
    }
  }
}

/** The index map of the window [start, start + length) of an axis of size n padded by `before` on the low side. */
export function windowIndices(start: number, length: number, n: number, before: number, mode: PaddingMode): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = padIndex(start + i - before, n, mode);
  return out;
}

// ---- resizing ----------------------------------------------------------------------------------------

/** Per-output-index taps of a 1-D resampling: input indices start[i] … start[i]+count[i]−1. */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  /** weights, `stride` per output index */
  weights: Float64Array;
  stride: number;
}

/**
 * Taps that resample the window [0, inLen) of an axis to outLen samples.
 * - nearest: j = min(floor(i · inLen/outLen), inLen − 1) (torch 'nearest').
 * - bilinear: src = (i + ½)·inLen/outLen − ½, clamped at 0, two taps (torch bilinear, align_corners=False).
 * - bilinear + antialias: the triangle filter widened by the downscale factor, weights normalised
 *   (PIL's and torch's antialias=True); identical to plain bilinear when upscaling.
 */
function resampleTaps(inLen: number, outLen: number, interpolation: Interpolation, antialias: boolean): Taps {
  const scale = inLen / outLen;
  const start = new Int32Array(outLen);
  const count = new Int32Array(outLen);
  if (interpolation === 'nearest') {
    const weights = new Float64Array(outLen).fill(1);
    for (let i = 0; i < outLen; i++) {
      start[i] = Math.min(Math.floor(i * scale), inLen - 1);
      count[i] = 1;
    }
    return { start, count, weights, stride: 1 };
  }
  if (antialias && scale > 1) {
    const support = scale; // interp size 2 · ½ · scale
    const stride = Math.ceil(support) * 2 + 1;
    const weights = new Float64Array(outLen * stride);
    for (let i = 0; i < outLen; i++) {
      const center = scale * (i + 0.5);
      const lo = Math.max(Math.trunc(center - support + 0.5), 0);
      const n = Math.min(Math.trunc(center + support + 0.5), inLen) - lo;
      let total = 0;
      for (let j = 0; j < n; j++) {
        const t = Math.abs((j + lo - center + 0.5) / scale);
        const wt = t < 1 ? 1 - t : 0;
        weights[i * stride + j] = wt;
        total += wt;
      }
      if (total !== 0) for (let j = 0; j < n; j++) weights[i * stride + j]! /= total;
      start[i] = lo;
      count[i] = n;
    }
    return { start, count, weights, stride };
  }
  const weights = new Float64Array(outLen * 2);
  for (let i = 0; i < outLen; i++) {
    const src = Math.max((i + 0.5) * scale - 0.5, 0);
    const j = Math.floor(src);
    const l = src - j;
    start[i] = j;
    count[i] = j < inLen - 1 ? 2 : 1;
    weights[2 * i] = count[i] === 2 ? 1 - l : 1;
    weights[2 * i + 1] = l;
  }
  return { start, count, weights, stride: 2 };
}

export interface ResizeOptions {
  interpolation: Interpolation;
  antialias: boolean;
}

/** Resamples the window (top, left, height, width) of one image to outH×outW (crop, then resize). */
export function resizeInto(
  src: FloatArray, srcOff: number, c: number, h: number, w: number,
  top: number, left: number, height: number, width: number,
  outH: number, outW: number, options: ResizeOptions,
  dst: FloatArray, dstOff: number,
): void {
  const tx = resampleTaps(width, outW, options.interpolation, options.antialias);
  const ty = resampleTaps(height, outH, options.interpolation, options.antialias);
  const tmp = new Float64Array(height * outW);
  for (let ch = 0; ch < c; ch++) {
    const plane = srcOff + ch * h * w;
    // horizontal pass over the window's rows
    for (let r = 0; r < height; r++) {
      const row = plane + (top + r) * w + left;
      for (let x = 0; x < outW; x++) {
        const s = row + tx.start[x]!;
        const wo = x * tx.stride;
        let acc = 0;
        for (let k = 0, n = tx.count[x]!; k < n; k++) acc += tx.weights[wo + k]! * src[s + k]!;
        tmp[r * outW + x] = acc;
      }
    }
    // vertical pass
    const out = dstOff + ch * outH * outW;
    for (let y = 0; y < outH; y++) {
      const s = ty.start[y]!;
      const wo = y * ty.stride;
      const n = ty.count[y]!;
      for (let x = 0; x < outW; x++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += ty.weights[wo + k]! * tmp[(s + k) * outW + x]!;
        dst[out + y * outW + x] = acc;
      }
    }
  }
}

// ---- affine and displacement-field warps ---------------------------------------------------------

/** A 2×3 matrix [a, b, tx, c, d, ty] mapping (x, y, 1) to (a·x + b·y + tx, c·x + d·y + ty). */
export type Affine = [number, number, number, number, number, number];

/**
 * torchvision's `_get_inverse_affine_matrix`: the output→input map of "rotate by `angle` degrees,
 * scale, shear by (shearX, shearY) degrees, then translate", about `center` (relative to the image
 * centre), in pixel units. Positive angles turn the image clockwise on screen (y points down);
 * RandomRotation passes −angle to turn counter-clockwise, as torchvision does.
 */
export function inverseAffine(
  angle: number, translate: readonly [number, number], scale: number, shear: readonly [number, number],
  center: readonly [number, number] = [0, 0],
): Affine {
  const rot = (angle * Math.PI) / 180;
  const sx = (shear[0] * Math.PI) / 180;
  const sy = (shear[1] * Math.PI) / 180;
  const [cx, cy] = center;
  const [tx, ty] = translate;
  // RSS = rotation · shear (no scale); its determinant is 1
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m: Affine = [d / scale, -b / scale, 0, -c / scale, a / scale, 0];
  // C · RSS⁻¹ · C⁻¹ · T⁻¹
  m[2] = m[0] * (-cx - tx) + m[1] * (-cy - ty) + cx;
  m[5] = m[3] * (-cx - tx) + m[4] * (-cy - ty) + cy;
  return m;
}

export interface WarpOptions {
  interpolation: Interpolation;
  /** Fill value of each channel for samples off the image. */
  fill: readonly number[];
}

/** Samples all c channels of one image at (sx, sy) into dst[dstIdx + ch·plane]. */
function sampleAt(
  src: FloatArray, srcOff: number, c: number, h: number, w: number,
  sx: number, sy: number, o: WarpOptions,
  dst: FloatArray, dstIdx: number, plane: number,
): void {
  const hw = h * w;
  if (o.interpolation === 'nearest') {
    // torch's grid_sample rounds half to even (nearbyint)
    const x = roundHalfEven(sx);
    const y = roundHalfEven(sy);
    if (x >= 0 && x < w && y >= 0 && y < h) {
      for (let ch = 0; ch < c; ch++) dst[dstIdx + ch * plane] = src[srcOff + ch * hw + y * w + x]!;
    } else {
      for (let ch = 0; ch < c; ch++) dst[dstIdx + ch * plane] = o.fill[ch]!;
    }
    return;
  }
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const inX0 = x0 >= 0 && x0 < w;
  const inX1 = x0 + 1 >= 0 && x0 + 1 < w;
  const inY0 = y0 >= 0 && y0 < h;
  const inY1 = y0 + 1 >= 0 && y0 + 1 < h;
  const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) : 0;
  const w01 = inX1 && inY0 ? fx * (1 - fy) : 0;
  const w10 = inX0 && inY1 ? (1 - fx) * fy : 0;
  const w11 = inX1 && inY1 ? fx * fy : 0;
  const outside = 1 - (w00 + w01 + w10 + w11);
  const base = srcOff + y0 * w + x0;
  for (let ch = 0; ch < c; ch++) {
    const p = base + ch * hw;
    let v = outside > 1e-12 ? outside * o.fill[ch]! : 0;
    if (w00 !== 0) v += w00 * src[p]!;
    if (w01 !== 0) v += w01 * src[p + 1]!;
    if (w10 !== 0) v += w10 * src[p + w]!;
    if (w11 !== 0) v += w11 * src[p + w + 1]!;
    dst[dstIdx + ch * plane] = v;
  }
}

/** Warps one image by an inverse affine map (output → input, relative to the centres); same size out. */
export function warpAffineInto(
  src: FloatArray, srcOff: number, c: number, h: number, w: number,
  m: Affine, o: WarpOptions, dst: FloatArray, dstOff: number,
): void {
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const plane = h * w;
  for (let y = 0; y < h; y++) {
    const yc = y - cy;
    const bx = m[1] * yc + m[2] + cx;
    const by = m[4] * yc + m[5] + cy;
    for (let x = 0; x < w; x++) {
      const xc = x - cx;
      sampleAt(src, srcOff, c, h, w, m[0] * xc + bx, m[3] * xc + by, o, dst, dstOff + y * w + x, plane);
    }
  }
}

/** Warps one image by a displacement field in pixels: out(x, y) = img(x + dx[y·w+x], y + dy[y·w+x]). */
export function warpFieldInto(
  src: FloatArray, srcOff: number, c: number, h: number, w: number,
  dx: ArrayLike<number>, dy: ArrayLike<number>, o: WarpOptions, dst: FloatArray, dstOff: number,
): void {
  const plane = h * w;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) sampleAt(src, srcOff, c, h, w, x + dx[i]!, y + dy[i]!, o, dst, dstOff + i, plane);
  }
}

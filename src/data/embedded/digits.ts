/**
 * The 8×8 handwritten digits, shipped inside the library so that examples and the main job need
 * no network and no files (scikit-learn's load_digits: 1,797 images, 10 classes, pixel values
 * 0..16 — the UCI optdigits test set). The data are stored deflated in digits.generated.ts, made by
 * tools/gen_digits.mjs; decoding checks length and SHA-256, so a damaged build fails loudly.
 *
 *   const {images, labels} = loadDigits();   // images [1797, 1, 8, 8] float32 in [0, 1], labels [1797] int32
 */
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { DIGITS_COUNT, DIGITS_DEFLATE_BASE64, DIGITS_SHA256 } from './digits.generated.js';

let decoded: { pixels: Uint8Array; labels: Uint8Array } | null = null;

/** The raw values: pixels (1797×64 bytes, 0..16, row-major) and labels (1797 bytes, 0..9). */
export function digitsRaw(): { pixels: Uint8Array; labels: Uint8Array } {
  if (!decoded) {
    const raw = inflateRawSync(Buffer.from(DIGITS_DEFLATE_BASE64, 'base64'));
    const digest = createHash('sha256').update(raw).digest('hex');
    if (raw.length !== DIGITS_COUNT * 65 || digest !== DIGITS_SHA256) {
      throw new Error(`loadDigits: the embedded data are damaged (${raw.length} bytes, sha256 ${digest}); regenerate src/data/embedded/digits.generated.ts with tools/gen_digits.mjs`);
    }
    decoded = { pixels: raw.subarray(0, DIGITS_COUNT * 64), labels: raw.subarray(DIGITS_COUNT * 64) };
  }
  return { pixels: Uint8Array.from(decoded.pixels), labels: Uint8Array.from(decoded.labels) };
}

export interface Digits {
  /** [1797, 1, 8, 8] float32: pixel value / 16, in [0, 1]. */
  images: Tensor;
  /** [1797] int32, 0..9. */
  labels: Tensor;
}

/** The embedded 8×8 digits as fresh tensors. */
export function loadDigits(): Digits {
  const { pixels, labels } = digitsRaw();
  return {
    images: fromTyped(Float32Array.from(pixels, (v) => v / 16), [DIGITS_COUNT, 1, 8, 8]),
    labels: fromTyped(Int32Array.from(labels), [DIGITS_COUNT]),
  };
}

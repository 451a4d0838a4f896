/**
 * Fill functions behind the random tensor creation ops. Each takes a {@link Generator}, writes
 * every element of the provided typed array `out`, and returns `out`. They depend only on the
 * generator (no tensors), so they are easy to test and reuse in data loaders.
 */

import type { Generator } from './generator.js';

const TWO32 = 4294967296;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const TWO_PI = 2 * Math.PI;

type FloatArray = Float32Array | Float64Array;
/** Any writable numeric typed array a mask/sample can be stored in. */
type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array;

function checkFinite(fn: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`${fn}: ${name} must be a finite number, got ${String(v)}`);
  }
}

/**
 * Unbiased integer in [0, range) for 1 <= range <= 2^32. Plain `x % range` over-weights small
 * values when 2^32 is not a multiple of range, so draws at or above the largest multiple are
 * rejected (the probability of a retry is below 1/2 even in the worst case).
 */
function randomBelow(gen: Generator, range: number): number {
  if (range === TWO32) return gen.nextUint32();
  const limit = TWO32 - (TWO32 % range);
  let x = gen.nextUint32();
  while (x >= limit) x = gen.nextUint32();
  return x % range;
}

/**
 * Uniform samples in [low, high). Float32 outputs use one 24-bit draw per element, float64 outputs
 * a 53-bit draw. `low + (high - low) * u` can round up to exactly `high` (in float32 often, in
 * float64 rarely), so such samples are re-drawn: the result is always strictly below `high`.
 * (For float32 the lower end is subject to float32 rounding of `low`, as in any float32 kernel.)
 */
export function fillUniform<T extends FloatArray>(gen: Generator, out: T, low = 0, high = 1): T {
  checkFinite('fillUniform', 'low', low);
  checkFinite('fillUniform', 'high', high);
  if (!(low < high)) throw new Error(`fillUniform: low must be < high, got low=${low}, high=${high}`);
  const span = high - low;
  if (!Number.isFinite(span)) {
    throw new Error(`fillUniform: high - low overflows, got low=${low}, high=${high}`);
  }
  const f32 = out instanceof Float32Array;
  // Re-drawing terminates only if some representable value lies in [low, high).
  if (f32 && !(Math.fround(low) < high)) {
    throw new Error(`fillUniform: no float32 value lies in [${low}, ${high})`);
  }
  for (let i = 0; i < out.length; i++) {
    let v: number;
    do {
      v = f32 ? Math.fround(low + span * gen.nextFloat32()) : low + span * gen.nextFloat64();
    } while (v >= high);
    out[i] = v;
  }
  return out;
}

/**
 * Normal samples with the given mean and standard deviation, via Box–Muller. Both values of each
 * Box–Muller pair are used within one call (nothing is cached across calls), so this is not
 * element-for-element the same as calling `gen.nextNormal()` n times, but is twice as cheap.
 */
export function fillNormal<T extends FloatArray>(gen: Generator, out: T, mean = 0, std = 1): T {
  checkFinite('fillNormal', 'mean', mean);
  checkFinite('fillNormal', 'std', std);
  if (std < 0) throw new Error(`fillNormal: std must be >= 0, got ${std}`);
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - gen.nextFloat64()));
    const theta = TWO_PI * gen.nextFloat64();
    out[i] = mean + std * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(theta);
  }
  return out;
}

/**
 * Uniform integers in [low, high), without modulo bias (rejection sampling on uint32). Both bounds
 * must be integers with low < high, low >= -2^31 and high <= 2^31 so every result fits int32.
 */
export function fillRandint(gen: Generator, out: Int32Array, low: number, high: number): Int32Array {
  for (const [name, v] of [['low', low], ['high', high]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new Error(`fillRandint: ${name} must be an integer, got ${String(v)}`);
    }
  }
  if (!(low < high)) throw new Error(`fillRandint: low must be < high, got low=${low}, high=${high}`);
  if (low < INT32_MIN || high - 1 > INT32_MAX) {
    throw new Error(`fillRandint: range [${low}, ${high}) does not fit int32`);
  }
  const range = high - low;
  for (let i = 0; i < out.length; i++) out[i] = low + randomBelow(gen, range);
  return out;
}

/**
 * Independent Bernoulli samples: out[i] = 1 with probability probs[i], else 0. Uses a 53-bit
 * uniform so p = 0 never fires and p = 1 always does. All probabilities are validated before any
 * draw, so a bad input leaves the generator untouched.
 */
export function fillBernoulli<T extends NumericArray>(gen: Generator, out: T, probs: ArrayLike<number>): T {
  if (probs.length !== out.length) {
    throw new Error(`bernoulli: probs has length ${probs.length} but out has length ${out.length}`);
  }
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new Error(`bernoulli: probabilities must be in [0, 1], got ${p} at index ${i}`);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = gen.nextFloat64() < probs[i]! ? 1 : 0;
  return out;
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates with unbiased index draws). */
export function permutation(gen: Generator, n: number): Int32Array {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > INT32_MAX) {
    throw new Error(`permutation: n must be an integer in [0, 2^31-1], got ${String(n)}`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomBelow(gen, i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

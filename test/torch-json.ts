/** The JSON encoding shared by every PyTorch fixture file in test/fixtures/torch (see tools/README.md). */
import { readFileSync } from 'node:fs';
import * as nb from '../src/index.js';
import type { DType, Tensor } from '../src/index.js';

/** Non-finite numbers are strings, since JSON has no NaN or Infinity. */
export type JsonNumber = number | 'nan' | 'inf' | '-inf';

export interface TensorJson {
  shape: number[];
  dtype: DType;
  data: JsonNumber[];
}

export function parseNumber(v: JsonNumber): number {
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
}

/** A leaf tensor (contiguous, not requiring grad) with the fixture's shape, dtype and data. */
export function tensorFromJson(t: TensorJson): Tensor {
  const data = t.data.map(parseNumber);
  const arr =
    t.dtype === 'float64' ? Float64Array.from(data)
    : t.dtype === 'float32' ? Float32Array.from(data)
    : t.dtype === 'int32' ? Int32Array.from(data)
    : Uint8Array.from(data);
  return nb.tensor(arr, { dtype: t.dtype }).reshape(t.shape);
}

/** Parses test/fixtures/torch/<name> (paths resolved from the compiled build/test/ folder too). */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/torch/${name}`, import.meta.url), 'utf8')) as T;
}

/**
 * The contract every fitted preprocessing transform keeps (deck 004: "the empirical mean
 * estimated on the training data" is used at test time too): fit on training data once, then
 * apply the same transform to training, validation and test data, and save it with the model.
 *
 *   const std = new Standardize().fit(xTrain);
 *   const a = std.transform(xTrain), b = std.transform(xTest);
 *   fs.writeFileSync('std.json', JSON.stringify(std));      // toJSON()
 *   const again = Standardize.fromJSON(JSON.parse(text));   // or preprocessorFromJSON(...)
 *
 * Statistics are computed in float64; transforms run as tensor ops in the input's float dtype
 * (int32/bool inputs become float32). The first dim of every input is the sample dim.
 */
import { Tensor } from '../../tensor/tensor.js';
import { shapeStr } from '../../tensor/shape.js';

/** A serialised preprocessor: `type` names the class, the rest is its fitted state and options. */
export interface PreprocessorJSON {
  type: string;
  [key: string]: unknown;
}

export interface Preprocessor {
  /** True once fit() (or fromJSON) has set the statistics. */
  readonly fitted: boolean;
  /** Learns the statistics from x (first dim = samples) and returns this. */
  fit(x: Tensor): this;
  transform(x: Tensor): Tensor;
  /** fit(x) then transform(x). */
  fitTransform(x: Tensor): Tensor;
  /** Undoes transform, where that is possible. */
  inverseTransform?(y: Tensor): Tensor;
  toJSON(): PreprocessorJSON;
}

/** Checks x is a tensor with a sample dim and returns it in a float dtype. */
export function asFloat(op: string, x: unknown, minDims = 1): Tensor {
  if (!(x instanceof Tensor)) throw new Error(`${op}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.ndim < minDims) {
    throw new Error(`${op}: expected a tensor with at least ${minDims} dim${minDims > 1 ? 's' : ''} (samples first), got shape ${shapeStr(x.shape)}`);
  }
  return x.dtype === 'float32' || x.dtype === 'float64' ? x : x.float();
}

/** The input's elements in float64, failing on NaN/Inf with the sample that holds it. */
export function finiteData(op: string, x: Tensor): Float64Array {
  const src = x.data();
  const out = Float64Array.from(src);
  const per = x.shape[0] ? src.length / x.shape[0] : 1;
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i]!)) throw new Error(`${op}: x contains ${out[i]} (sample ${Math.floor(i / per)}); statistics need finite data`);
  }
  return out;
}

export function notFitted(op: string): never {
  throw new Error(`${op}: not fitted yet; call fit(x) on training data first (or load one with fromJSON)`);
}

// ---- JSON readers: every field is checked, so a hand-edited or truncated file fails clearly ----

export function jsonObject(cls: string, json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${cls}.fromJSON: expected an object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
  const o = json as Record<string, unknown>;
  if (o['type'] !== cls) throw new Error(`${cls}.fromJSON: expected type '${cls}', got ${JSON.stringify(o['type'])}`);
  return o;
}

export function jsonNumbers(cls: string, o: Record<string, unknown>, key: string, length: number): Float64Array {
  const v = o[key];
  if (!Array.isArray(v) || v.length !== length || v.some((e) => typeof e !== 'number' || !Number.isFinite(e))) {
    throw new Error(`${cls}.fromJSON: '${key}' must be an array of ${length} finite numbers`);
  }
  return Float64Array.from(v as number[]);
}

export function jsonShape(cls: string, o: Record<string, unknown>, key: string): number[] {
  const v = o[key];
  if (!Array.isArray(v) || v.some((e) => !Number.isInteger(e) || (e as number) < 0)) {
    throw new Error(`${cls}.fromJSON: '${key}' must be an array of non-negative integers`);
  }
  return [...(v as number[])];
}

export function jsonNumber(cls: string, o: Record<string, unknown>, key: string, check: (v: number) => boolean, what: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !check(v)) throw new Error(`${cls}.fromJSON: '${key}' must be ${what}, got ${JSON.stringify(v)}`);
  return v;
}

export function jsonBoolean(cls: string, o: Record<string, unknown>, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new Error(`${cls}.fromJSON: '${key}' must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Rejects unknown option keys, naming the class. */
export function checkOptions(cls: string, options: object, known: readonly string[]): void {
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new Error(`${cls}: unknown option '${k}' (known: ${known.join(', ')})`);
  }
}

/** An optional boolean option, checked (configs from JSON files can hold anything). */
export function optionalBoolean(cls: string, name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new Error(`${cls}: ${name} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Tensor constructors. Shapes may be given as an array or as separate numbers, with an options
 * object last: zeros([2, 3]) or zeros(2, 3, {dtype: 'float64'}).
 *
 * Differences from PyTorch, on purpose: tensor([1, 2]) is float32 (JS has no int literals, so we
 * follow the default dtype; pass {dtype: 'int32'} for labels), and the random functions use a
 * generator seeded with 0 unless you call manualSeed or pass {generator}.
 */
import { getBackend } from '../backends/registry.js';
import { fillBernoulli, fillNormal, fillRandint, fillUniform, permutation } from '../random/distributions.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import { fromStorage, fullOn } from '../ops/core.js';
import { allocArray, assertDType, dtypeOfArray, isFloating, type DType, type TypedArray } from './dtype.js';
import { checkShape, numel, shapeStr } from './shape.js';
import { Tensor } from './tensor.js';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

type ShapeArg = number | readonly number[];

function isOptions(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

const KNOWN_OPTIONS = new Set(['dtype', 'requiresGrad', 'generator']);

function checkOptions(op: string, o: object): void {
  for (const k of Object.keys(o)) {
    if (!KNOWN_OPTIONS.has(k)) throw new Error(`${op}: unknown option '${k}' (known: ${[...KNOWN_OPTIONS].join(', ')})`);
  }
}

/** Splits (2, 3, {dtype}) or ([2, 3], {dtype}) into a shape and options. */
function parseShapeArgs<O extends object>(op: string, args: readonly unknown[]): [number[], O] {
  const last = args[args.length - 1];
  const opts = (isOptions(last) ? last : {}) as O;
  checkOptions(op, opts);
  const dims = isOptions(last) ? args.slice(0, -1) : args;
  const shape = dims.length === 1 && Array.isArray(dims[0]) ? dims[0] : dims;
  return [checkShape(op, shape), opts];
}

function finish(t: Tensor, o: TensorOptions): Tensor {
  if (o.requiresGrad) t.requiresGrad_(true);
  return t;
}

function fromArray(a: TypedArray, shape: readonly number[]): Tensor {
  return fromStorage(getBackend().fromArray!(a), shape);
}

/** Builds a tensor from nested arrays, a typed array (flat, shape [n]) or a number. */
export function tensor(data: unknown, options: TensorOptions = {}): Tensor {
  checkOptions('tensor', options);
  if (options.dtype !== undefined) assertDType('tensor', 'dtype', options.dtype);
  if (data instanceof Tensor) throw new Error('tensor: got a Tensor; use t.clone() or t.detach() instead');
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const src = data as unknown as TypedArray;
    // Uint8Array means bool; other typed arrays without a matching dtype become float32
    const inferred = data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array || data instanceof Uint8Array ? dtypeOfArray(src) : 'float32';
    const dtype = options.dtype ?? inferred;
    const out = allocArray(dtype, src.length);
    for (let i = 0; i < src.length; i++) {
      const v = Number(src[i]);
      out[i] = dtype === 'bool' ? (v !== 0 ? 1 : 0) : v;
    }
    return finish(fromArray(out, [src.length]), options);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const flat: unknown[] = Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data];
  const n = numel(shape);
  if (flat.length !== n || !consistent(data, shape, 0)) {
    throw new Error(`tensor: nested arrays are ragged (expected shape ${shapeStr(shape)} from the first elements)`);
  }
  let sawBool = false;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v === 'boolean') sawBool = true;
    else if (typeof v !== 'number') throw new Error(`tensor: element ${i} is ${v === null ? 'null' : typeof v}, expected a number or boolean`);
  }
  const dtype = options.dtype ?? (sawBool && flat.every((v) => typeof v === 'boolean') ? 'bool' : 'float32');
  const out = allocArray(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = Number(flat[i]);
    out[i] = dtype === 'bool' ? (v !== 0 ? 1 : 0) : v;
  }
  return finish(fromArray(out, shape), options);
}

function consistent(x: unknown, shape: number[], d: number): boolean {
  if (d === shape.length) return !Array.isArray(x);
  if (!Array.isArray(x) || x.length !== shape[d]) return false;
  return x.every((e) => consistent(e, shape, d + 1));
}

export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  checkOptions('full', options);
  const s = checkShape('full', shape);
  const dtype = options.dtype ?? 'float32';
  assertDType('full', 'dtype', dtype);
  return finish(fromStorage(getBackend().full!(dtype, numel(s), value), s), options);
}

export function zeros(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const [shape, o] = parseShapeArgs<TensorOptions>('zeros', args);
  return full(shape, 0, o);
}

export function ones(...args: (ShapeArg | TensorOptions)[]): Tensor {
  const [shape, o] = parseShapeArgs<TensorOptions>('ones', args);
  return full(shape, 1, o);
}

/** `*Like` tensors take t's shape, dtype (unless given) and backend, as PyTorch's take its device. */
function fullLikeAs(op: string, t: Tensor, value: number, options: TensorOptions): Tensor {
  checkOptions(op, options);
  const dtype = options.dtype ?? t.dtype;
  assertDType(op, 'dtype', dtype);
  return finish(fullOn(t, t.shape, value, dtype), options);
}
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return fullLikeAs('zerosLike', t, 0, options);
}
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return fullLikeAs('onesLike', t, 1, options);
}
export function fullLike(t: Tensor, value: number, options: TensorOptions = {}): Tensor {
  return fullLikeAs('fullLike', t, value, options);
}

/**
 * Values start, start+step, … below end. Like PyTorch, integer arguments give int32 (PyTorch:
 * int64) and any fractional argument gives float32.
 */
export function arange(startOrEnd: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  checkOptions('arange', options);
  const [start, stop] = end === undefined ? [0, startOrEnd] : [startOrEnd, end];
  if (![start, stop, step].every(Number.isFinite)) throw new Error(`arange: start, end and step must be finite, got ${start}, ${stop}, ${step}`);
  if (step === 0) throw new Error('arange: step must be non-zero');
  if ((stop - start) / step < 0) throw new Error(`arange: end ${stop} cannot be reached from start ${start} with step ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const dtype = options.dtype ?? ([start, stop, step].every(Number.isInteger) ? 'int32' : 'float32');
  const out = allocArray(dtype, n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return finish(fromArray(out, [n]), options);
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  checkOptions('linspace', options);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: steps must be a non-negative integer, got ${steps}`);
  const dtype = options.dtype ?? 'float32';
  const out = allocArray(dtype, steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  // fill from both ends, as PyTorch does, so that the last value is exactly `end`
  const half = steps === 1 ? 1 : Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) out[i] = i < half ? start + i * delta : end - (steps - 1 - i) * delta;
  return finish(fromArray(out, [steps]), options);
}

export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  checkOptions('eye', options);
  checkShape('eye', [n, m], 'size');
  const dtype = options.dtype ?? 'float32';
  const out = allocArray(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return finish(fromArray(out, [n, m]), options);
}

// ---- random -----------------------------------------------------------------------------------

function floatDType(op: string, o: TensorOptions): 'float32' | 'float64' {
  const dtype = o.dtype ?? 'float32';
  if (!isFloating(dtype)) throw new Error(`${op}: dtype must be float32 or float64, got ${dtype}`);
  return dtype as 'float32' | 'float64';
}

/** Uniform samples in [0, 1). */
export function rand(...args: (ShapeArg | RandomOptions)[]): Tensor {
  const [shape, o] = parseShapeArgs<RandomOptions>('rand', args);
  const a = allocArray(floatDType('rand', o), numel(shape)) as Float32Array | Float64Array;
  fillUniform(o.generator ?? defaultGenerator(), a);
  return finish(fromArray(a, shape), o);
}

/** Standard normal samples. */
export function randn(...args: (ShapeArg | RandomOptions)[]): Tensor {
  const [shape, o] = parseShapeArgs<RandomOptions>('randn', args);
  const a = allocArray(floatDType('randn', o), numel(shape)) as Float32Array | Float64Array;
  fillNormal(o.generator ?? defaultGenerator(), a);
  return finish(fromArray(a, shape), o);
}

/** Uniform integers in [low, high), int32. */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  checkOptions('randint', options);
  const s = checkShape('randint', shape);
  const a = new Int32Array(numel(s));
  fillRandint(options.generator ?? defaultGenerator(), a, low, high);
  const t = fromArray(a, s);
  return finish(options.dtype && options.dtype !== 'int32' ? t.to(options.dtype) : t, options);
}

/** Draws 1 with probability p (elementwise over a tensor of probabilities), else 0. */
export function bernoulli(p: Tensor | number, options: RandomOptions & { shape?: readonly number[] } = {}): Tensor {
  const { shape, ...rest } = options;
  checkOptions('bernoulli', rest);
  const probs = p instanceof Tensor ? p : full(shape ?? [], p, { dtype: 'float64' });
  const dtype = options.dtype ?? (p instanceof Tensor && isFloating(p.dtype) ? p.dtype : 'float32');
  const out = allocArray(dtype, probs.numel());
  fillBernoulli(options.generator ?? defaultGenerator(), out, probs.data());
  return finish(fromArray(out, probs.shape), options);
}

/** A random permutation of 0..n−1, int32. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  checkOptions('randperm', options);
  const a = permutation(options.generator ?? defaultGenerator(), n);
  const t = fromArray(a, [n]);
  return options.dtype && options.dtype !== 'int32' ? t.to(options.dtype) : t;
}

export function randLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return rand(t.shape, { dtype: isFloating(t.dtype) ? t.dtype : 'float32', ...options }).to(t.backend);
}
export function randnLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return randn(t.shape, { dtype: isFloating(t.dtype) ? t.dtype : 'float32', ...options }).to(t.backend);
}

/**
 * Argument checks shared by the layers and their functional forms. Every message starts with the
 * layer (or function) name, says which argument is wrong, what was expected and what was given.
 */
import type { Generator } from '../../random/generator.js';
import { isDType, isFloating, type DType } from '../../tensor/dtype.js';
import { shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Throws on option keys the layer does not know (catches typos such as `{biass: false}`). */
export function checkOptions(who: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`${who}: options must be an object, got ${show(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new Error(`${who}: unknown option '${k}' (known: ${known.join(', ')})`);
  }
}

export function positiveInt(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new Error(`${who}: ${name} must be a positive integer, got ${show(v)}`);
  }
  return v;
}

export function nonNegativeInt(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new Error(`${who}: ${name} must be a non-negative integer, got ${show(v)}`);
  }
  return v;
}

/** A number or a pair of integers >= min, resolved to a pair. */
export function intPair(who: string, name: string, v: unknown, min: number): [number, number] {
  const p = typeof v === 'number' ? [v, v] : Array.isArray(v) ? [...(v as unknown[])] : null;
  if (p === null || p.length !== 2 || p.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < min)) {
    throw new Error(`${who}: ${name} must be an integer >= ${min} or a pair of them, got ${show(v)}`);
  }
  return p as [number, number];
}

export function probability(who: string, p: unknown): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new Error(`${who}: p must be a probability in [0, 1], got ${show(p)}`);
  }
  return p;
}

export function positiveNumber(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
    throw new Error(`${who}: ${name} must be a positive finite number, got ${show(v)}`);
  }
  return v;
}

export function nonNegativeNumber(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new Error(`${who}: ${name} must be a non-negative finite number, got ${show(v)}`);
  }
  return v;
}

export function bool(who: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new Error(`${who}: ${name} must be true or false, got ${show(v)}`);
  return v;
}

/** Momentum of running statistics: a number in [0, 1], or null for a cumulative average. */
export function momentum(who: string, v: unknown): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new Error(`${who}: momentum must be a number in [0, 1] or null (cumulative average), got ${show(v)}`);
  }
  return v;
}

export function floatDType(who: string, v: unknown): 'float32' | 'float64' {
  if (!isDType(v) || !isFloating(v as DType)) {
    throw new Error(`${who}: dtype must be 'float32' or 'float64', got ${show(v)}`);
  }
  return v as 'float32' | 'float64';
}

export function generatorOption(who: string, g: unknown): Generator | undefined {
  if (g === undefined) return undefined;
  if (typeof g !== 'object' || g === null || typeof (g as Generator).nextUint32 !== 'function') {
    throw new Error(`${who}: generator must be an nb.Generator, got ${show(g)}`);
  }
  return g as Generator;
}

/** Checks the layer input is a floating-point Tensor; returns it. */
export function floatInput(who: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new Error(`${who}: expected a Tensor input, got ${x === null ? 'null' : typeof x}`);
  if (!isFloating(x.dtype)) throw new Error(`${who}: expected a floating-point input, got dtype ${x.dtype}`);
  return x;
}

/** Input rank in `ranks`, with the expected layouts named in the message. */
export function inputRank(who: string, x: Tensor, ranks: readonly number[], layouts: string): void {
  if (!ranks.includes(x.ndim)) {
    throw new Error(`${who}: expected a ${ranks.map((r) => `${r}-D`).join(' or ')} input ${layouts}, got shape ${shapeStr(x.shape)}`);
  }
}

/** Parses the dropout layers' argument: `new Dropout(0.2)` or `new Dropout({p: 0.2, generator})`. */
export function dropoutArgs(who: string, arg: number | { p?: number; generator?: Generator }): { p: number; generator: Generator | undefined } {
  const o = typeof arg === 'number' ? { p: arg } : arg;
  checkOptions(who, o, ['p', 'generator']);
  return { p: probability(who, o.p ?? 0.5), generator: generatorOption(who, o.generator) };
}

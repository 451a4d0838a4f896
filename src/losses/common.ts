/**
 * What every loss shares: option and reduction checking, shape and dtype checks whose errors name
 * the loss, the reduction itself, and the `Loss` module base (reduction + a JSON `config`).
 *
 * Each loss is the negative log-likelihood of a distribution whose parameters the network outputs
 * (deck 000: "the ML principle gives us the cost function −log q(y|x;θ)"); its file states which.
 */
import { isFloating } from '../tensor/dtype.js';
import { broadcastShapes, sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { Module } from '../nn/module.js';

/** 'mean' (default) averages the per-element losses, 'sum' adds them, 'none' returns them. */
export type Reduction = 'mean' | 'sum' | 'none';

export interface ReductionOptions {
  reduction?: Reduction;
}

/** A JSON value, for loss configs. */
export type LossConfig = Record<string, number | string | boolean | null>;

/** Throws on a key not in `known`, naming it and the known ones; returns the options as a record. */
export function checkOptions(owner: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options) || options instanceof Tensor) {
    throw new Error(`${owner}: options must be an object, got ${options instanceof Tensor ? 'a Tensor' : Array.isArray(options) ? 'an array' : String(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new Error(`${owner}: unknown option '${k}' (known: ${known.join(', ')})`);
  }
  return options as Record<string, unknown>;
}

export function checkReduction(owner: string, reduction: unknown): Reduction {
  const r = reduction ?? 'mean';
  if (r !== 'mean' && r !== 'sum' && r !== 'none') {
    throw new Error(`${owner}: unknown reduction '${String(r)}' (expected 'mean', 'sum' or 'none')`);
  }
  return r;
}

export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}

export function assertTensorArg(owner: string, arg: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) {
    const what = x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x;
    throw new Error(`${owner}: ${arg} must be a Tensor, got ${what}`);
  }
  return x;
}

export function assertFloat(owner: string, arg: string, x: unknown, what = 'a floating-point tensor'): Tensor {
  const t = assertTensorArg(owner, arg, x);
  if (!isFloating(t.dtype)) throw new Error(`${owner}: ${arg} must be ${what} (float32 or float64), got ${t.dtype}`);
  return t;
}

/** target (and the like) must have exactly the input's shape; PyTorch would warn and broadcast. */
export function assertSameShape(owner: string, input: Tensor, other: Tensor, arg = 'target'): void {
  if (!sameShape(input.shape, other.shape)) {
    throw new Error(`${owner}: ${arg} shape ${shapeStr(other.shape)} does not match input shape ${shapeStr(input.shape)}`);
  }
}

/** `t` must broadcast to `shape` without growing it (per-element weights and the like). */
/**
 * The shared body of elementwise losses of two same-shaped float tensors (MSE, L1): validates
 * options and arguments, applies `elementwise(input − target)` and reduces.
 */
export function differenceLoss(
  owner: string,
  input: Tensor,
  target: Tensor,
  options: unknown,
  elementwise: (diff: Tensor) => Tensor,
): Tensor {
  const o = checkOptions(owner, options, ['reduction']);
  const reduction = checkReduction(owner, o.reduction);
  assertFloat(owner, 'input', input);
  assertFloat(owner, 'target', target);
  assertSameShape(owner, input, target);
  return reduce(elementwise(input.sub(target)), reduction);
}

export function assertBroadcastsTo(owner: string, arg: string, t: Tensor, shape: readonly number[]): void {
  let ok = t.ndim <= shape.length;
  if (ok) {
    try {
      ok = sameShape(broadcastShapes(owner, t.shape, shape), shape);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new Error(`${owner}: ${arg} of shape ${shapeStr(t.shape)} cannot be broadcast to the input shape ${shapeStr(shape)}`);
}

/** Resolves a number option with a default, checking it is finite. */
export function numberOption(owner: string, name: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${owner}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

export function booleanOption(owner: string, name: string, value: unknown, fallback: boolean): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw new Error(`${owner}: ${name} must be true or false, got ${String(v)}`);
  return v;
}

/** An optional tensor option: undefined/null → null, otherwise a floating-point tensor. */
export function tensorOption(owner: string, name: string, value: unknown): Tensor | null {
  if (value === undefined || value === null) return null;
  return assertFloat(owner, name, value);
}

/** The smallest element (for range checks that must read the data). */
export function minValue(t: Tensor): number {
  const d = t.data();
  let m = Infinity;
  for (let i = 0; i < d.length; i++) if (d[i]! < m || Number.isNaN(d[i]!)) m = d[i]!;
  return m;
}

/**
 * The base of the loss modules: holds the reduction and the other resolved non-tensor options
 * (`config`, plain JSON); tensor options (class weights) are registered as buffers, as in PyTorch.
 */
export abstract class Loss extends Module {
  readonly reduction: Reduction;

  protected constructor(reduction: Reduction) {
    super();
    this.reduction = reduction;
  }

  /** The resolved options as plain JSON (tensors excluded: they are buffers in stateDict()). */
  get config(): LossConfig {
    return { reduction: this.reduction };
  }

  override extraRepr(): string {
    return Object.entries(this.config)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
}

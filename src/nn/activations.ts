/**
 * Activation functions as modules (torch.nn.ReLU, nn.GELU, …). Each is a thin wrapper over the
 * functional op in src/ops/activations.ts (or `prelu` below), holds its resolved options in a
 * plain-JSON `config` and prints them in `extraRepr()`:
 *
 *   new nn.LeakyReLU({negativeSlope: 0.2}).config   // {negativeSlope: 0.2}
 *   String(new nn.GELU({approximate: 'tanh'}))      // GELU(approximate="tanh")
 *
 * Options are PyTorch's, camelCased, in one object. `inplace` is not supported (nabla has no
 * in-place autograd ops); like any unknown option it throws.
 */
import { full } from '../tensor/creation.js';
import type { DType } from '../tensor/dtype.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import {
  celu, elu, gelu, hardtanh, leakyRelu, logSoftmax, mish, relu, selu, sigmoid, silu, softmax, softplus, softsign, tanh, where,
} from '../ops/index.js';
import { Module } from './module.js';

/** A JSON value, for configs. */
type ConfigValue = number | string | boolean | null;

/** Throws on an option key the constructor does not know, naming it and the known ones. */
function checkKeys(owner: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options) || options instanceof Tensor) {
    throw new Error(`${owner}: options must be an object, got ${Array.isArray(options) ? 'an array' : String(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) {
      const list = known.length ? known.join(', ') : 'none';
      throw new Error(`${owner}: unknown option '${k}' (known: ${list})`);
    }
  }
  return options as Record<string, unknown>;
}

function finiteNumber(owner: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${owner}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

/**
 * Base of the activation modules: validates the options against `defaults` (whose keys are the
 * known options) and keeps the resolved values as a frozen plain object.
 */
abstract class Activation<C extends Record<string, ConfigValue>> extends Module {
  readonly config: Readonly<C>;

  protected constructor(options: unknown, defaults: C) {
    super();
    const given = checkKeys(new.target.name, options, Object.keys(defaults));
    const resolved: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(given)) if (v !== undefined) resolved[k] = v;
    this.config = Object.freeze(resolved as C);
  }

  override extraRepr(): string {
    return Object.entries(this.config)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }

  abstract override forward(x: Tensor): Tensor;
}

type NoOptions = Record<string, never>;

/** σ(x) = 1 / (1 + e^−x): the Bernoulli output unit of deck 000. */
export class Sigmoid extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

export class Tanh extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** max(0, x). */
export class ReLU extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

export interface LeakyReLUOptions {
  /** Slope for x < 0 (default 0.01). */
  negativeSlope?: number;
}

/** x for x > 0, negativeSlope·x otherwise. */
export class LeakyReLU extends Activation<{ negativeSlope: number }> {
  constructor(options?: LeakyReLUOptions) {
    super(options, { negativeSlope: 0.01 });
    finiteNumber('LeakyReLU', 'negativeSlope', this.config.negativeSlope);
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.config.negativeSlope);
  }
}

/**
 * Parametric ReLU: x for x > 0, a·x otherwise, with a learnable slope a — one per channel (dim 1)
 * or one shared. `weight` has shape [numParameters] and broadcasts like PyTorch's F.prelu: a
 * single value applies everywhere, C values need an input with C channels in dim 1 (a 1-D input
 * has one channel). At x = 0 the input gradient is a (PyTorch's choice).
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new Error('prelu: input must be a Tensor');
  if (!(weight instanceof Tensor)) throw new Error('prelu: weight must be a Tensor');
  if (weight.ndim > 1) throw new Error(`prelu: weight must be a scalar or 1-D tensor, got shape ${shapeStr(weight.shape)}`);
  const n = weight.numel();
  if (n === 1) return where(x.gt(0), x, x.mul(weight.reshape([])));
  const channels = x.ndim >= 2 ? x.shape[1]! : 1;
  if (n !== channels) {
    throw new Error(
      `prelu: weight has ${n} parameters but input ${shapeStr(x.shape)} has ${channels} channel${channels === 1 ? '' : 's'} (dim 1)`,
    );
  }
  const w = weight.reshape(x.shape.map((s, i) => (i === 1 ? s : 1)));
  return where(x.gt(0), x, x.mul(w));
}

export interface PReLUOptions {
  /** 1 (one shared slope) or the number of input channels (default 1). */
  numParameters?: number;
  /** Initial slope (default 0.25). */
  init?: number;
  /** dtype of the weight (default float32). */
  dtype?: DType;
}

export class PReLU extends Activation<{ numParameters: number; init: number; dtype: DType }> {
  declare readonly weight: Tensor;

  constructor(options?: PReLUOptions) {
    super(options, { numParameters: 1, init: 0.25, dtype: 'float32' });
    const { numParameters, init, dtype } = this.config;
    if (!Number.isInteger(numParameters) || numParameters < 1) {
      throw new Error(`PReLU: numParameters must be a positive integer, got ${numParameters}`);
    }
    finiteNumber('PReLU', 'init', init);
    if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`PReLU: dtype must be float32 or float64, got ${String(dtype)}`);
    this.registerParameter('weight', full([numParameters], init, { dtype }));
  }
  forward(x: Tensor): Tensor {
    return prelu(x, this.weight);
  }
}

export interface ELUOptions {
  /** Scale of the negative branch (default 1). */
  alpha?: number;
}

export type CELUOptions = ELUOptions;

/** ELU: x for x > 0, α(eˣ − 1) otherwise (deck 001). */
export class ELU extends Activation<{ alpha: number }> {
  constructor(options?: ELUOptions) {
    super(options, { alpha: 1 });
    finiteNumber('ELU', 'alpha', this.config.alpha);
  }
  forward(x: Tensor): Tensor {
    return elu(x, this.config.alpha);
  }
}

/** SELU: scale·ELU(x, α) with the self-normalising constants of Klambauer et al. (deck 001). */
export class SELU extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return selu(x);
  }
}

/** CELU: max(0, x) + min(0, α(e^(x/α) − 1)). */
export class CELU extends Activation<{ alpha: number }> {
  constructor(options?: CELUOptions) {
    super(options, { alpha: 1 });
    if (finiteNumber('CELU', 'alpha', this.config.alpha) === 0) throw new Error('CELU: alpha must not be 0');
  }
  forward(x: Tensor): Tensor {
    return celu(x, this.config.alpha);
  }
}

export interface GELUOptions {
  /** 'none' = exact x·Φ(x) (default); 'tanh' = the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

export class GELU extends Activation<{ approximate: 'none' | 'tanh' }> {
  constructor(options?: GELUOptions) {
    super(options, { approximate: 'none' });
    const a = this.config.approximate;
    if (a !== 'none' && a !== 'tanh') throw new Error(`GELU: approximate must be 'none' or 'tanh', got ${String(a)}`);
  }
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.config.approximate });
  }
}

/** SiLU, also called Swish: x·σ(x). */
export class SiLU extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** Swish is SiLU (the same class; its name prints as SiLU). */
export { SiLU as Swish };

/** Mish: x·tanh(softplus(x)). */
export class Mish extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return mish(x);
  }
}

export interface SoftplusModuleOptions {
  /** softplus(x) = log(1 + e^(βx)) / β (default β = 1). */
  beta?: number;
  /** Linear above βx > threshold (default 20). */
  threshold?: number;
}

/** log(1 + e^(βx)) / β: the smooth ReLU and deck 000's positive output unit. */
export class Softplus extends Activation<{ beta: number; threshold: number }> {
  constructor(options?: SoftplusModuleOptions) {
    super(options, { beta: 1, threshold: 20 });
    if (finiteNumber('Softplus', 'beta', this.config.beta) === 0) throw new Error('Softplus: beta must not be 0');
    finiteNumber('Softplus', 'threshold', this.config.threshold);
  }
  forward(x: Tensor): Tensor {
    return softplus(x, { beta: this.config.beta, threshold: this.config.threshold });
  }
}

/** x / (1 + |x|). */
export class Softsign extends Activation<NoOptions> {
  constructor(options?: NoOptions) {
    super(options, {});
  }
  forward(x: Tensor): Tensor {
    return softsign(x);
  }
}

export interface HardtanhOptions {
  /** Lower limit (default −1). */
  minVal?: number;
  /** Upper limit (default 1). */
  maxVal?: number;
}

/** x clamped to [minVal, maxVal]. */
export class Hardtanh extends Activation<{ minVal: number; maxVal: number }> {
  constructor(options?: HardtanhOptions) {
    super(options, { minVal: -1, maxVal: 1 });
    const { minVal, maxVal } = this.config;
    finiteNumber('Hardtanh', 'minVal', minVal);
    finiteNumber('Hardtanh', 'maxVal', maxVal);
    if (!(minVal < maxVal)) throw new Error(`Hardtanh: minVal ${minVal} must be less than maxVal ${maxVal}`);
  }
  forward(x: Tensor): Tensor {
    return hardtanh(x, this.config.minVal, this.config.maxVal);
  }
}

export interface SoftmaxModuleOptions {
  /** The dim that sums to one (default −1; PyTorch's implicit choice of dim is deprecated there). */
  dim?: number;
  /**
   * Divides the logits first: T > 1 flattens the distribution, T < 1 sharpens it (deck 000's
   * softmax with temperature). Default 1. PyTorch's nn.Softmax has no such option.
   */
  temperature?: number;
}

function checkSoftmaxConfig(owner: string, c: { dim: number; temperature: number }): void {
  if (!Number.isInteger(c.dim)) throw new Error(`${owner}: dim must be an integer, got ${String(c.dim)}`);
  if (typeof c.temperature !== 'number' || !(c.temperature > 0) || !Number.isFinite(c.temperature)) {
    throw new Error(`${owner}: temperature must be a finite number > 0, got ${String(c.temperature)}`);
  }
}

/** softmax(x / T)_i = exp(x_i / T) / Σ_j exp(x_j / T) along dim: the categorical output unit. */
export class Softmax extends Activation<{ dim: number; temperature: number }> {
  constructor(options?: SoftmaxModuleOptions) {
    super(options, { dim: -1, temperature: 1 });
    checkSoftmaxConfig('Softmax', this.config);
  }
  forward(x: Tensor): Tensor {
    return softmax(x, this.config.dim, { temperature: this.config.temperature });
  }
}

/** log softmax(x / T) along dim, computed as x/T − logsumexp(x/T) (never log of a softmax). */
export class LogSoftmax extends Activation<{ dim: number; temperature: number }> {
  constructor(options?: SoftmaxModuleOptions) {
    super(options, { dim: -1, temperature: 1 });
    checkSoftmaxConfig('LogSoftmax', this.config);
  }
  forward(x: Tensor): Tensor {
    return logSoftmax(x, this.config.dim, { temperature: this.config.temperature });
  }
}

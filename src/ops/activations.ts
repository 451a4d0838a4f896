/**
 * Activation functions named by the decks, composed from primitives (no backward code). Where a
 * branch could overflow, its input is clamped first so that the unused side of a `where` can
 * never inject NaN into the gradient.
 */
import type { Tensor } from '../tensor/tensor.js';
import { where } from './elementwise.js';
import { assertTensor } from './core.js';

/** log σ(x) = min(x, 0) − log(1 + e^−|x|), stable for any x. */
export function logSigmoid(x: Tensor): Tensor {
  assertTensor('logSigmoid', 'input', x);
  return x.minimum(0).sub(x.abs().neg().exp().log1p());
}

export interface SoftplusOptions {
  beta?: number;
  /** Above beta·x > threshold the function is treated as linear (PyTorch default 20). */
  threshold?: number;
}

/** softplus(x) = log(1 + e^(βx)) / β — the smooth ReLU and the positive output unit of deck 000. */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  assertTensor('softplus', 'input', x);
  const { beta = 1, threshold = 20 } = options;
  const bx = x.mul(beta);
  const soft = where(bx.gt(threshold), threshold, bx).exp().log1p().div(beta);
  return where(bx.gt(threshold), x, soft);
}

export interface GeluOptions {
  /** 'none' = exact x·Φ(x); 'tanh' = the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  assertTensor('gelu', 'input', x);
  const approximate = options.approximate ?? 'none';
  if (approximate === 'tanh') {
    const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(0.5).mul(inner.tanh().add(1));
  }
  if (approximate !== 'none') throw new Error(`gelu: approximate must be 'none' or 'tanh', got ${String(approximate)}`);
  return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
}

/** SiLU / Swish: x·σ(x). */
export function silu(x: Tensor): Tensor {
  assertTensor('silu', 'input', x);
  return x.mul(x.sigmoid());
}

/** ELU: x for x > 0, α(eˣ − 1) otherwise. */
export function elu(x: Tensor, alpha = 1): Tensor {
  assertTensor('elu', 'input', x);
  return where(x.gt(0), x, where(x.gt(0), 0, x).expm1().mul(alpha));
}

/** Leaky ReLU: x for x > 0, negativeSlope·x otherwise (PyTorch default 0.01). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  assertTensor('leakyRelu', 'input', x);
  return where(x.gt(0), x, x.mul(negativeSlope));
}

export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  assertTensor('hardtanh', 'input', x);
  if (!(minVal < maxVal)) throw new Error(`hardtanh: minVal ${minVal} must be less than maxVal ${maxVal}`);
  // no gradient at the bounds themselves (PyTorch's hardtanh_backward), unlike clamp
  return where(x.le(minVal), minVal, where(x.ge(maxVal), maxVal, x));
}

export function softsign(x: Tensor): Tensor {
  assertTensor('softsign', 'input', x);
  return x.div(x.abs().add(1));
}

/** Mish: x·tanh(softplus(x)). */
export function mish(x: Tensor): Tensor {
  assertTensor('mish', 'input', x);
  return x.mul(softplus(x).tanh());
}

/** SELU constants from Klambauer et al. (deck 001): the fixed point mean 0, variance 1. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

export function selu(x: Tensor): Tensor {
  assertTensor('selu', 'input', x);
  return elu(x, SELU_ALPHA).mul(SELU_SCALE);
}

/** CELU: max(0, x) + min(0, α(e^(x/α) − 1)). */
export function celu(x: Tensor, alpha = 1): Tensor {
  assertTensor('celu', 'input', x);
  if (alpha === 0) throw new Error('celu: alpha must not be 0');
  return where(x.gt(0), x, where(x.gt(0), 0, x).div(alpha).expm1().mul(alpha));
}

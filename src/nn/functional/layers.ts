/**
 * Stateless forms of the layers (torch.nn.functional): linear, the normalisations, the dropout
 * family and adaptive average pooling. All are compositions of tensor ops — no backward code;
 * autograd differentiates through the batch statistics, as it should (deck 001: "the
 * normalization step in the forward pass is also taken care of during the backward pass").
 *
 * Running statistics passed to batchNorm / instanceNorm are updated in place (not recorded).
 */
import { noGrad } from '../../autograd/grad-mode.js';
import { cat } from '../../ops/movement.js';
import { defaultGenerator, type Generator } from '../../random/generator.js';
import { bernoulli, randn } from '../../tensor/creation.js';
import { sameShape, shapeStr } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { floatInput, nonNegativeNumber, positiveInt, probability } from '../layers/validate.js';

// ---- linear ---------------------------------------------------------------------------------

/** y = x Wᵀ + b, with x [*, in], weight [out, in], bias [out] → y [*, out]. */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const who = 'linear';
  floatInput(who, x);
  if (weight.ndim !== 2) throw new Error(`${who}: weight must be 2-D [outFeatures, inFeatures], got shape ${shapeStr(weight.shape)}`);
  const [out, inF] = weight.shape as [number, number];
  if (x.ndim < 1 || x.shape[x.ndim - 1] !== inF) {
    throw new Error(`${who}: expected input with last dim ${inF} (inFeatures), got shape ${shapeStr(x.shape)}`);
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== out)) {
    throw new Error(`${who}: bias must have shape [${out}] (outFeatures), got ${shapeStr(bias.shape)}`);
  }
  const y = x.matmul(weight.t());
  return bias === null ? y : y.add(bias);
}

// ---- normalisation ----------------------------------------------------------------------------

/** Mean, centred values and biased variance over dims (kept), the core of every norm. */
function moments(x: Tensor, dims: number[]): { mean: Tensor; centered: Tensor; variance: Tensor } {
  const mean = x.mean(dims, true);
  const centered = x.sub(mean);
  return { mean, centered, variance: centered.square().mean(dims, true) };
}

/** Shape [1, C, 1, …] that broadcasts a per-channel vector against x [N, C, …]. */
function channelShape(x: Tensor): number[] {
  return x.shape.map((s, i) => (i === 1 ? s : 1));
}

function checkVector(who: string, name: string, t: Tensor | null | undefined, c: number): void {
  if (t === null || t === undefined) return;
  if (!(t instanceof Tensor) || t.ndim !== 1 || t.shape[0] !== c) {
    throw new Error(`${who}: ${name} must have shape [${c}] (one value per channel), got ${t instanceof Tensor ? shapeStr(t.shape) : typeof t}`);
  }
}

function affine(y: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, shape: number[]): Tensor {
  let out = y;
  if (weight) out = out.mul(weight.reshape(shape));
  if (bias) out = out.add(bias.reshape(shape));
  return out;
}

/** EWMA update in place: r ← (1 − m)·r + m·value (value detached, not recorded). */
function ewma(r: Tensor, value: Tensor, m: number): void {
  noGrad(() => r.mul_(1 - m).add_(value.detach().reshape(r.shape), m));
}

export interface BatchNormOptions {
  /** γ [C] (affine scale); omitted = 1. */
  weight?: Tensor | null;
  /** β [C] (affine shift); omitted = 0. */
  bias?: Tensor | null;
  /** Normalise with the batch statistics (and update the running ones); default false. */
  training?: boolean;
  /** Weight of the new batch in the running statistics' EWMA; default 0.1. */
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalisation (Ioffe & Szegedy, Algorithms 1 and 2; decks 000, 001, 004) over x [N, C, *]:
 *   training: μ_B, σ²_B = mean and biased variance over N and *; y = γ (x − μ_B)/√(σ²_B + ε) + β,
 *             runningMean ← (1 − m)·runningMean + m·μ_B,
 *             runningVar  ← (1 − m)·runningVar + m·σ²_B · n/(n − 1)   (unbiased, n = values per channel)
 *   otherwise: y = γ (x − runningMean)/√(runningVar + ε) + β.
 * Like torch.nn.functional.batch_norm, with weight and bias in the options.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, o: BatchNormOptions = {}): Tensor {
  const who = 'batchNorm';
  floatInput(who, x);
  if (x.ndim < 2) throw new Error(`${who}: expected an input [N, C, *] with at least 2 dims, got shape ${shapeStr(x.shape)}`);
  const { training = false, momentum = 0.1, eps = 1e-5 } = o;
  nonNegativeNumber(who, 'eps', eps);
  const C = x.shape[1]!;
  for (const [name, t] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', o.weight], ['bias', o.bias]] as const) {
    checkVector(who, name, t, C);
  }
  const shape = channelShape(x);
  const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
  if (!training) {
    if (!runningMean || !runningVar) throw new Error(`${who}: runningMean and runningVar are required when training is false`);
    const y = x.sub(runningMean.reshape(shape)).mul(runningVar.reshape(shape).add(eps).rsqrt());
    return affine(y, o.weight, o.bias, shape);
  }
  const n = x.numel() / C;
  if (n <= 1) throw new Error(`${who}: Expected more than 1 value per channel when training, got input shape ${shapeStr(x.shape)}`);
  const { mean, centered, variance } = moments(x, dims);
  if (runningMean) ewma(runningMean, mean, momentum);
  if (runningVar) ewma(runningVar, variance.detach().mul(n / (n - 1)), momentum);
  return affine(centered.mul(variance.add(eps).rsqrt()), o.weight, o.bias, shape);
}

export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/**
 * Layer normalisation (Ba et al.; deck 004): each sample is normalised over its last
 * normalizedShape.length dims, y = γ (x − μ)/√(σ² + ε) + β with the biased variance; γ, β have
 * shape normalizedShape.
 */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], o: LayerNormOptions = {}): Tensor {
  const who = 'layerNorm';
  floatInput(who, x);
  const ns = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const { eps = 1e-5 } = o;
  nonNegativeNumber(who, 'eps', eps);
  const tail = x.shape.slice(x.ndim - ns.length);
  if (ns.length === 0 || x.ndim < ns.length || !sameShape(tail, ns)) {
    throw new Error(`${who}: expected input with trailing dims ${shapeStr(ns)} (normalizedShape), got shape ${shapeStr(x.shape)}`);
  }
  for (const [name, t] of [['weight', o.weight], ['bias', o.bias]] as const) {
    if (t && !sameShape(t.shape, ns)) throw new Error(`${who}: ${name} must have shape ${shapeStr(ns)}, got ${shapeStr(t.shape)}`);
  }
  const dims = ns.map((_, i) => x.ndim - ns.length + i);
  const { centered, variance } = moments(x, dims);
  let y = centered.mul(variance.add(eps).rsqrt());
  if (o.weight) y = y.mul(o.weight);
  if (o.bias) y = y.add(o.bias);
  return y;
}

export interface GroupNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/**
 * Group normalisation (Wu & He; deck 004): the C channels of x [N, C, *] are split into
 * numGroups groups; each (sample, group) is normalised over its channels and positions; then a
 * per-channel γ, β. numGroups = 1 is layer norm over [C, *]; numGroups = C is instance norm.
 */
export function groupNorm(x: Tensor, numGroups: number, o: GroupNormOptions = {}): Tensor {
  const who = 'groupNorm';
  floatInput(who, x);
  positiveInt(who, 'numGroups', numGroups);
  if (x.ndim < 2) throw new Error(`${who}: expected an input [N, C, *] with at least 2 dims, got shape ${shapeStr(x.shape)}`);
  const [N, C] = x.shape as [number, number];
  if (C % numGroups !== 0) throw new Error(`${who}: the ${C} input channels are not divisible into ${numGroups} groups (input ${shapeStr(x.shape)})`);
  const { eps = 1e-5 } = o;
  nonNegativeNumber(who, 'eps', eps);
  checkVector(who, 'weight', o.weight, C);
  checkVector(who, 'bias', o.bias, C);
  const grouped = x.reshape([N, numGroups, -1]);
  const { centered, variance } = moments(grouped, [2]);
  const y = centered.mul(variance.add(eps).rsqrt()).reshape(x.shape);
  return affine(y, o.weight, o.bias, channelShape(x));
}

export interface InstanceNormOptions {
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Normalise with each instance's own statistics (default true); false uses the running ones. */
  useInputStats?: boolean;
  momentum?: number;
  eps?: number;
}

/**
 * Instance normalisation (Ulyanov et al.; deck 004): each (sample, channel) of x [N, C, *] is
 * normalised over its positions. With running statistics and useInputStats they are updated
 * like PyTorch: runningMean ← (1 − m)·runningMean + m·mean_N(μ_nc), runningVar likewise with
 * the unbiased per-instance variances.
 */
export function instanceNorm(x: Tensor, o: InstanceNormOptions = {}): Tensor {
  const who = 'instanceNorm';
  floatInput(who, x);
  if (x.ndim < 3) throw new Error(`${who}: expected an input [N, C, *] with at least 3 dims, got shape ${shapeStr(x.shape)}`);
  const { useInputStats = true, momentum = 0.1, eps = 1e-5 } = o;
  nonNegativeNumber(who, 'eps', eps);
  const C = x.shape[1]!;
  const rm = o.runningMean ?? null;
  const rv = o.runningVar ?? null;
  for (const [name, t] of [['runningMean', rm], ['runningVar', rv], ['weight', o.weight], ['bias', o.bias]] as const) {
    checkVector(who, name, t, C);
  }
  const shape = channelShape(x);
  if (!useInputStats) {
    if (!rm || !rv) throw new Error(`${who}: runningMean and runningVar are required when useInputStats is false`);
    const y = x.sub(rm.reshape(shape)).mul(rv.reshape(shape).add(eps).rsqrt());
    return affine(y, o.weight, o.bias, shape);
  }
  const n = x.shape.slice(2).reduce((a, b) => a * b, 1);
  if (n <= 1) throw new Error(`${who}: Expected more than 1 spatial element when training, got input shape ${shapeStr(x.shape)}`);
  const dims = x.shape.map((_, i) => i).filter((i) => i >= 2);
  const { mean, centered, variance } = moments(x, dims);
  if (rm) ewma(rm, mean.detach().mean(0), momentum);
  if (rv) ewma(rv, variance.detach().mul(n / (n - 1)).mean(0), momentum);
  return affine(centered.mul(variance.add(eps).rsqrt()), o.weight, o.bias, shape);
}

// ---- dropout family ----------------------------------------------------------------------------

export interface DropoutOptions {
  /** Apply the noise (default true, except alphaDropout: false, as in PyTorch). */
  training?: boolean;
  /** Source of the masks; default the global default generator. */
  generator?: Generator;
}

/** A {0, 1} mask of `shape` with P(1) = keep, in dtype. */
function keepMask(shape: readonly number[], keep: number, x: Tensor, generator: Generator | undefined): Tensor {
  return bernoulli(keep, { shape, dtype: x.dtype, generator: generator ?? defaultGenerator() });
}

/**
 * Inverted dropout (decks 000, 001, 004): in training each element is zeroed with probability p
 * and the survivors are scaled by 1/(1 − p), so E[y] = x and evaluation is the identity.
 */
export function dropout(x: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  return dropoutImpl('dropout', x, p, options.training ?? true, options.generator, x.shape);
}

/** maskShape: x.shape for elementwise dropout, [N, C, 1, …] for channel dropout. */
function dropoutImpl(who: string, x: Tensor, p: number, training: boolean, generator: Generator | undefined, maskShape: readonly number[]): Tensor {
  floatInput(who, x);
  probability(who, p);
  if (!training || p === 0 || x.numel() === 0) return x;
  if (p === 1) return x.mul(0);
  return x.mul(keepMask(maskShape, 1 - p, x, generator).div(1 - p));
}

/**
 * Channel dropout (deck 000: "in 2D (images) dropout removes channels and not pixels"): zeroes
 * whole channels of x [N, C, H, W] (or an unbatched [C, H, W]) with probability p, scaling the
 * rest by 1/(1 − p).
 */
export function dropout2d(x: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  const who = 'dropout2d';
  floatInput(who, x);
  if (x.ndim !== 3 && x.ndim !== 4) throw new Error(`${who}: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got shape ${shapeStr(x.shape)}`);
  const maskShape = x.shape.map((s, i) => (i < x.ndim - 2 ? s : 1));
  return dropoutImpl(who, x, p, options.training ?? true, options.generator, maskShape);
}

/** SELU's λ·α: the value SELU saturates to is −λα (Klambauer et al. 2017; deck 001). */
const SELU_ALPHA_SCALE = 1.7580993408473766;

/**
 * Alpha dropout (Klambauer et al. 2017; for SELU networks, deck 001): a dropped unit is set to
 * SELU's saturation value α' = −λα ≈ −1.7581 instead of 0, then an affine map restores zero mean
 * and unit variance for standard-normal input. With keep mask d ~ Bernoulli(q), q = 1 − p:
 *   y = a·(x·d + α'·(1 − d)) + b,   a = (q·(1 + α'²·p))^(−1/2),   b = −a·p·α'
 * (PyTorch's formula). Evaluation is the identity; PyTorch's functional default is training=false.
 */
export function alphaDropout(x: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  const who = 'alphaDropout';
  const { training = false, generator } = options;
  floatInput(who, x);
  probability(who, p);
  if (!training || p === 0 || x.numel() === 0) return x;
  if (p === 1) return x.mul(0);
  const alpha = SELU_ALPHA_SCALE;
  const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
  const d = keepMask(x.shape, 1 - p, x, generator);
  const b = d.sub(1).mul(alpha * a).add(alpha * a * p);
  return x.mul(d.mul(a)).add(b);
}

export interface GaussianNoiseOptions extends DropoutOptions {
  /** Standard deviation of the noise (default 0.1). */
  std?: number;
}

/** Additive Gaussian noise (deck 000, "noise in inputs"): y = x + ε, ε ~ N(0, std²), in training only. */
export function gaussianNoise(x: Tensor, options: GaussianNoiseOptions = {}): Tensor {
  const who = 'gaussianNoise';
  const { std = 0.1, training = true, generator } = options;
  floatInput(who, x);
  nonNegativeNumber(who, 'std', std);
  if (!training || std === 0) return x;
  return x.add(randn(x.shape, { dtype: x.dtype, generator: generator ?? defaultGenerator() }).mul(std));
}

// ---- adaptive pooling -------------------------------------------------------------------------

export type AdaptiveSize = number | readonly [number | null, number | null];

/** Resolves outputSize (null = keep the input size) against an input's H, W. */
function adaptiveOutputSize(who: string, outputSize: AdaptiveSize, h: number, w: number): [number, number] {
  const pair = typeof outputSize === 'number' ? [outputSize, outputSize] : Array.isArray(outputSize) ? [...outputSize] : [];
  if (pair.length !== 2 || pair.some((v) => v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 1))) {
    throw new Error(`${who}: outputSize must be a positive integer or a pair of them (null keeps the input size), got ${JSON.stringify(outputSize)}`);
  }
  return [pair[0] ?? h, pair[1] ?? w];
}

/**
 * Adaptive average pooling to a fixed output size: output cell i along a dim of size n averages
 * the window [floor(i·n/out), ceil((i + 1)·n/out)), like PyTorch (windows may overlap when out
 * does not divide n). outputSize 1 is global average pooling. x: [N, C, H, W] or [C, H, W].
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: AdaptiveSize): Tensor {
  const who = 'adaptiveAvgPool2d';
  floatInput(who, x);
  if (x.ndim !== 3 && x.ndim !== 4) throw new Error(`${who}: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got shape ${shapeStr(x.shape)}`);
  const [h, w] = x.shape.slice(-2) as [number, number];
  const [oh, ow] = adaptiveOutputSize(who, outputSize, h, w);
  if (oh === 1 && ow === 1) return x.mean([-2, -1], true);
  return adaptiveDim(adaptiveDim(x, x.ndim - 2, oh), x.ndim - 1, ow);
}

function adaptiveDim(x: Tensor, dim: number, out: number): Tensor {
  const n = x.shape[dim]!;
  if (out === n) return x;
  if (n % out === 0) {
    // equal, non-overlapping windows: split the dim into [out, n/out] and average the second
    const shape = [...x.shape.slice(0, dim), out, n / out, ...x.shape.slice(dim + 1)];
    return x.reshape(shape).mean(dim + 1);
  }
  const parts: Tensor[] = [];
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * n) / out);
    const end = Math.ceil(((i + 1) * n) / out);
    parts.push(x.narrow(dim, start, end - start).mean(dim, true));
  }
  return cat(parts, dim);
}

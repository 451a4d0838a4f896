/**
 * nb.nn.init: weight initialisers, mirroring torch.nn.init.
 *
 * Every initialiser fills its tensor in place (without recording a graph, so it works on
 * parameters that require grad) and returns that same tensor. PyTorch marks in-place functions
 * with a trailing underscore; we keep those names (`xavierUniform_`) and also export each one
 * without it (`xavierUniform === xavierUniform_`), for readers who find the underscore noisy.
 * Random initialisers take `{generator}` and otherwise draw from the global default generator.
 *
 * Variances (decks 000, 001, 003, 004): keep the activations' variance ≈ constant across layers.
 *   fanIn = size(1)·receptive field, fanOut = size(0)·receptive field (receptive = ∏ size(2:))
 *   xavier (Glorot, tanh):     std = gain·√(2 / (fanIn + fanOut))
 *   kaiming (He, ReLU):        std = gain / √fan,  gain = calculateGain(nonlinearity, a)
 *   lecun (deck 001/004, SELU): std = 1 / √fanIn   ("W = randn(fan_in, fan_out) / sqrt(fan_in)")
 *   uniform variants use the bound √3·std, so that Var(U(−b, b)) = b²/3 = std².
 *   orthogonal (Saxe et al.): the Q of a QR decomposition of a standard-normal matrix, with the
 *   signs fixed so that R has a positive diagonal (which makes Q unique, as in PyTorch).
 */
import { noGrad } from '../autograd/grad-mode.js';
import { fillNormal, fillUniform } from '../random/distributions.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import { tensor } from '../tensor/creation.js';
import { allocArray, isFloating } from '../tensor/dtype.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

export interface InitOptions {
  generator?: Generator;
}

export type Nonlinearity =
  | 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'convTranspose1d' | 'convTranspose2d' | 'convTranspose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'leakyRelu' | 'selu';

export type FanMode = 'fanIn' | 'fanOut' | 'fan_in' | 'fan_out';

const LINEAR_LIKE = new Set([
  'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid',
]);

/**
 * The recommended gain for a nonlinearity (PyTorch's table): 1 for linear/conv/sigmoid, 5/3 for
 * tanh, √2 for relu, √(2 / (1 + slope²)) for leaky_relu (param = negative slope, default 0.01),
 * 3/4 for selu. PyTorch's snake_case names and their camelCase forms are both accepted.
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number | null): number {
  const name = String(nonlinearity).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (LINEAR_LIKE.has(name)) return 1;
  if (name === 'tanh') return 5 / 3;
  if (name === 'relu') return Math.SQRT2;
  if (name === 'selu') return 3 / 4;
  if (name === 'leaky_relu') {
    const slope = param ?? 0.01;
    if (typeof slope !== 'number' || !Number.isFinite(slope)) {
      throw new Error(`calculateGain: negative slope ${String(param)} is not a valid number`);
    }
    return Math.sqrt(2 / (1 + slope * slope));
  }
  throw new Error(
    `calculateGain: unsupported nonlinearity '${String(nonlinearity)}' (known: linear, conv1d/2d/3d, ` +
      'conv_transpose1d/2d/3d, sigmoid, tanh, relu, leaky_relu, selu)',
  );
}

/** [fanIn, fanOut] of a weight: [out, in, ...kernel] → [in·∏kernel, out·∏kernel]. */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  checkTensor('calculateFanInAndFanOut', t, false);
  if (t.ndim < 2) {
    throw new Error(
      `calculateFanInAndFanOut: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got shape ${shapeStr(t.shape)}`,
    );
  }
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1]! * receptive, t.shape[0]! * receptive];
}

function fan(op: string, t: Tensor, mode: FanMode): number {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  if (mode === 'fanIn' || mode === 'fan_in') return fanIn;
  if (mode === 'fanOut' || mode === 'fan_out') return fanOut;
  throw new Error(`${op}: mode must be 'fanIn' or 'fanOut', got ${JSON.stringify(mode)}`);
}

function checkTensor(op: string, t: unknown, floating = true): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new Error(`${op}: expected a Tensor, got ${t === null ? 'null' : typeof t}`);
  if (floating && !isFloating(t.dtype)) throw new Error(`${op}: expected a floating-point tensor, got dtype ${t.dtype}`);
}

function checkFinite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${op}: ${name} must be a finite number, got ${String(v)}`);
  return v;
}

/** Writes values (row-major, in t's dtype) into t without recording a graph. */
function write(t: Tensor, values: Float32Array | Float64Array): Tensor {
  noGrad(() => t.copy_(tensor(values, { dtype: t.dtype }).reshape(t.shape)));
  return t;
}

function buffer(t: Tensor): Float32Array | Float64Array {
  return allocArray(t.dtype, t.numel()) as Float32Array | Float64Array;
}

// ---- plain distributions ------------------------------------------------------------------------

/** Fills t with samples from U(a, b) (a = b fills the constant a). */
export function uniform_(t: Tensor, a = 0, b = 1, options: InitOptions = {}): Tensor {
  checkTensor('uniform_', t);
  checkFinite('uniform_', 'a', a);
  checkFinite('uniform_', 'b', b);
  if (a > b) throw new Error(`uniform_: expects a range [a, b) with a <= b, got a=${a}, b=${b}`);
  if (a === b) return constant_(t, a);
  return write(t, fillUniform(options.generator ?? defaultGenerator(), buffer(t), a, b));
}

/** Fills t with samples from N(mean, std²). */
export function normal_(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  checkTensor('normal_', t);
  checkFinite('normal_', 'mean', mean);
  checkFinite('normal_', 'std', std);
  if (std < 0) throw new Error(`normal_: std must be >= 0, got ${std}`);
  return write(t, fillNormal(options.generator ?? defaultGenerator(), buffer(t), mean, std));
}

/** Fills t with `value`. */
export function constant_(t: Tensor, value: number): Tensor {
  checkTensor('constant_', t, false);
  if (typeof value !== 'number') throw new Error(`constant_: value must be a number, got ${typeof value}`);
  noGrad(() => t.fill_(value));
  return t;
}

export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/** Fills a 2-D tensor with the identity matrix (ones on the diagonal, zeros elsewhere). */
export function eye_(t: Tensor): Tensor {
  checkTensor('eye_', t);
  if (t.ndim !== 2) throw new Error(`eye_: only 2-D tensors are supported, got shape ${shapeStr(t.shape)}`);
  const [n, m] = t.shape as [number, number];
  const v = buffer(t);
  for (let i = 0; i < Math.min(n, m); i++) v[i * m + i] = 1;
  return write(t, v);
}

// ---- variance-scaling initialisers ----------------------------------------------------------

export interface XavierOptions extends InitOptions {
  /** Multiplies the standard deviation (default 1; calculateGain('tanh') for tanh layers). */
  gain?: number;
}

/** Glorot/Xavier uniform: U(−b, b) with b = gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform_(t: Tensor, options: XavierOptions = {}): Tensor {
  checkTensor('xavierUniform_', t);
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const gain = checkFinite('xavierUniform_', 'gain', options.gain ?? 1);
  const std = gain * Math.sqrt(2 / (fanIn + fanOut));
  const bound = Math.sqrt(3) * std;
  return uniform_(t, -bound, bound, options);
}

/** Glorot/Xavier normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, options: XavierOptions = {}): Tensor {
  checkTensor('xavierNormal_', t);
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const gain = checkFinite('xavierNormal_', 'gain', options.gain ?? 1);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), options);
}

export interface KaimingOptions extends InitOptions {
  /** Negative slope of the rectifier after this layer (only used with 'leaky_relu'). Default 0. */
  a?: number;
  /** 'fanIn' (default) preserves the forward variance, 'fanOut' the backward one. */
  mode?: FanMode;
  /** Default 'leaky_relu' (with a = 0 that is ReLU's gain √2), as in PyTorch. */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, t: Tensor, o: KaimingOptions): number | null {
  checkTensor(op, t);
  if (t.numel() === 0) return null; // PyTorch warns and leaves an empty tensor alone
  const f = fan(op, t, o.mode ?? 'fanIn');
  const gain = calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0);
  return gain / Math.sqrt(f);
}

/** He/Kaiming uniform: U(−b, b) with b = gain·√(3 / fan). */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd('kaimingUniform_', t, options);
  if (std === null) return t;
  const bound = Math.sqrt(3) * std;
  return uniform_(t, -bound, bound, options);
}

/** He/Kaiming normal: N(0, std²) with std = gain / √fan. */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd('kaimingNormal_', t, options);
  if (std === null) return t;
  return normal_(t, 0, std, options);
}

/** LeCun uniform (variance 1/fanIn, for SELU networks): U(−b, b) with b = √(3 / fanIn). */
export function lecunUniform_(t: Tensor, options: InitOptions = {}): Tensor {
  checkTensor('lecunUniform_', t);
  const [fanIn] = calculateFanInAndFanOut(t);
  const bound = Math.sqrt(3 / fanIn);
  return uniform_(t, -bound, bound, options);
}

/** LeCun normal (variance 1/fanIn; deck 004's `randn(fan_in, fan_out) / sqrt(fan_in)`). */
export function lecunNormal_(t: Tensor, options: InitOptions = {}): Tensor {
  checkTensor('lecunNormal_', t);
  const [fanIn] = calculateFanInAndFanOut(t);
  return normal_(t, 0, 1 / Math.sqrt(fanIn), options);
}

// ---- orthogonal -------------------------------------------------------------------------------

export interface OrthogonalOptions extends InitOptions {
  gain?: number;
}

/**
 * A (semi-)orthogonal matrix scaled by gain. t is viewed as [rows, cols = numel / rows]; with
 * rows ≥ cols the columns are orthonormal (WᵀW = I), otherwise the rows are (WWᵀ = I).
 * Like PyTorch: Q of the reduced QR of a standard-normal [max, min] matrix (transposed back when
 * rows < cols), each column multiplied by the sign of R's diagonal. The QR is a Householder
 * factorisation in float64.
 */
export function orthogonal_(t: Tensor, options: OrthogonalOptions = {}): Tensor {
  checkTensor('orthogonal_', t);
  if (t.ndim < 2) throw new Error(`orthogonal_: only tensors with 2 or more dimensions are supported, got shape ${shapeStr(t.shape)}`);
  if (t.numel() === 0) return t;
  const gain = checkFinite('orthogonal_', 'gain', options.gain ?? 1);
  const rows = t.shape[0]!;
  const cols = t.numel() / rows;
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  // Standard normal [rows, cols] in row-major order, like PyTorch's new(rows, cols).normal_().
  const flat = fillNormal(options.generator ?? defaultGenerator(), new Float64Array(rows * cols));
  // a: the [m, n] matrix to factor (flat, or its transpose when rows < cols), row-major
  const a = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (rows >= cols) a[i * n + j] = flat[i * cols + j]!;
      else a[j * n + i] = flat[i * cols + j]!;
    }
  }
  const q = householderQ(a, m, n);
  const out = buffer(t);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[i * cols + j] = gain * (rows >= cols ? q[i * n + j]! : q[j * n + i]!);
    }
  }
  return write(t, out);
}

/**
 * Householder QR of a row-major [m, n] matrix (m ≥ n), destroyed in the process. Returns the thin
 * Q [m, n] with each column multiplied by sign(R_jj), i.e. the unique factor whose R has a
 * non-negative diagonal.
 */
function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const vs: Float64Array[] = [];
  const rSign = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = a[k * n + k]!;
    const alpha = x0 >= 0 ? -norm : norm; // R_kk; opposite sign of x0 avoids cancellation
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i * n + k]!;
    v[0] = x0 - alpha;
    let vnorm = 0;
    for (let i = 0; i < v.length; i++) vnorm += v[i]! ** 2;
    vnorm = Math.sqrt(vnorm);
    if (vnorm > 0) for (let i = 0; i < v.length; i++) v[i]! /= vnorm;
    vs.push(v);
    // A[k:, k:] ← (I − 2vvᵀ) A[k:, k:]
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * a[i * n + j]!;
      for (let i = k; i < m; i++) a[i * n + j]! -= 2 * v[i - k]! * dot;
    }
    rSign[k] = Math.sign(alpha);
  }
  // Q = H₀H₁…H_{n−1} applied to the first n columns of the identity, right-to-left.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k]!;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * q[i * n + j]!;
      for (let i = k; i < m; i++) q[i * n + j]! -= 2 * v[i - k]! * dot;
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j]! *= rSign[j]!;
  return q;
}

// ---- names without the trailing underscore --------------------------------------------------

export const uniform = uniform_;
export const normal = normal_;
export const constant = constant_;
export const zeros = zeros_;
export const ones = ones_;
export const eye = eye_;
export const xavierUniform = xavierUniform_;
export const xavierNormal = xavierNormal_;
export const kaimingUniform = kaimingUniform_;
export const kaimingNormal = kaimingNormal_;
export const lecunUniform = lecunUniform_;
export const lecunNormal = lecunNormal_;
export const orthogonal = orthogonal_;

/**
 * Sliding-window ops on NCHW images. unfold (im2col) and fold (col2im) are primitives and each
 * other's VJP; maxPool2d is a primitive whose VJP routes the gradient to the arg-max (deck 003);
 * conv2d and avgPool2d are compositions with no backward code.
 * Output size per spatial dim: floor((N + 2·pad − dilation·(K − 1) − 1) / stride) + 1.
 */
import { kernel, type Window2d } from '../backends/backend.js';
import { isFloating } from '../tensor/dtype.js';
import { shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { assertTensor, backendOf, fromStorage, record, viewOf, zerosOn } from './core.js';

export type Pair = number | readonly [number, number] | readonly number[];

function pair(op: string, arg: string, v: Pair, min: number): [number, number] {
  const p = typeof v === 'number' ? [v, v] : [...v];
  if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || x < min)) {
    throw new Error(`${op}: ${arg} must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`);
  }
  return p as [number, number];
}

function outSize(n: number, k: number, s: number, p: number, d: number, ceilMode: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  let o = (ceilMode ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // PyTorch: in ceil mode the last window must start inside the input or the left padding
  if (ceilMode && (o - 1) * s >= n + p) o--;
  return o;
}

interface WindowOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

function makeWindow(op: string, x: Tensor, kernelSize: Pair, o: WindowOptions, defaultStride: Pair): Window2d {
  const k = pair(op, 'kernelSize', kernelSize, 1);
  const s = pair(op, 'stride', o.stride ?? defaultStride, 1);
  const p = pair(op, 'padding', o.padding ?? 0, 0);
  const d = pair(op, 'dilation', o.dilation ?? 1, 1);
  const [H, W] = x.shape.slice(-2) as [number, number];
  const oh = outSize(H, k[0], s[0], p[0], d[0], o.ceilMode ?? false);
  const ow = outSize(W, k[1], s[1], p[1], d[1], o.ceilMode ?? false);
  if (oh <= 0 || ow <= 0) {
    throw new Error(
      `${op}: input ${shapeStr(x.shape)} is too small for kernel ${JSON.stringify(k)} with padding ${JSON.stringify(p)}, ` +
        `dilation ${JSON.stringify(d)} (output would be ${oh}x${ow})`,
    );
  }
  return { kernel: k, stride: s, padding: p, dilation: d, outSize: [oh, ow] };
}

function check4d(op: string, x: Tensor, what = 'input'): void {
  assertTensor(op, what, x);
  if (x.ndim !== 4) throw new Error(`${op}: expected a 4-D ${what} [N, C, H, W], got shape ${shapeStr(x.shape)}`);
  if (!isFloating(x.dtype)) throw new Error(`${op}: expected a floating-point ${what}, got dtype ${x.dtype}`);
}

/** Runs fn on a batched view of a 3-D [C, H, W] input, like PyTorch's unbatched support. */
function batched(x: Tensor, fn: (x4: Tensor) => Tensor): Tensor {
  return x.ndim === 3 ? fn(x.unsqueeze(0)).squeeze(0) : fn(x);
}

export interface UnfoldOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
}

/** im2col: [N, C, H, W] → [N, C·kh·kw, L], L = number of window positions (F.unfold). */
export function unfold(x: Tensor, kernelSize: Pair, options: UnfoldOptions = {}): Tensor {
  check4d('unfold', x);
  const w = makeWindow('unfold', x, kernelSize, options, 1);
  return unfoldWith(x, w);
}

function unfoldWith(x: Tensor, w: Window2d): Tensor {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const storage = kernel(backendOf('unfold', x), 'im2col')(viewOf(x), w);
  const out = fromStorage(storage, [N, C * w.kernel[0] * w.kernel[1], w.outSize[0] * w.outSize[1]]);
  return record(out, 'unfold', [x], (g) => [foldWith(g, w, [N, C, H, W])]);
}

function foldWith(cols: Tensor, w: Window2d, shape: [number, number, number, number]): Tensor {
  const storage = kernel(backendOf('fold', cols), 'col2im')(viewOf(cols), w, shape);
  const out = fromStorage(storage, shape);
  return record(out, 'fold', [cols], (g) => [unfoldWith(g, w)]);
}

export type FoldOptions = UnfoldOptions;

/** col2im: [N, C·kh·kw, L] → [N, C, H, W], summing overlapping windows (F.fold). */
export function fold(cols: Tensor, outputSize: Pair, kernelSize: Pair, options: FoldOptions = {}): Tensor {
  assertTensor('fold', 'input', cols);
  if (cols.ndim !== 3) throw new Error(`fold: expected a 3-D input [N, C·kh·kw, L], got shape ${shapeStr(cols.shape)}`);
  const [H, W] = pair('fold', 'outputSize', outputSize, 1);
  const k = pair('fold', 'kernelSize', kernelSize, 1);
  const [N, CK, L] = cols.shape as [number, number, number];
  if (CK % (k[0] * k[1]) !== 0) {
    throw new Error(`fold: dim 1 of the input (${CK}) must be divisible by the kernel area ${k[0]}·${k[1]}`);
  }
  const C = CK / (k[0] * k[1]);
  const probe = { shape: [N, C, H, W] } as unknown as Tensor;
  const w = makeWindow('fold', probe, k, options, 1);
  if (w.outSize[0] * w.outSize[1] !== L) {
    throw new Error(`fold: input has ${L} windows but outputSize ${H}x${W} with these options gives ${w.outSize[0]}x${w.outSize[1]}`);
  }
  return foldWith(cols, w, [N, C, H, W]);
}

export interface Conv2dOptions {
  stride?: Pair;
  /** An amount per side, or 'valid' (0) or 'same' (output size = input size; stride 1 only). */
  padding?: Pair | 'valid' | 'same';
  dilation?: Pair;
  groups?: number;
}

/**
 * 2-D cross-correlation (torch.nn.functional.conv2d): x [N, Cin, H, W], weight
 * [Cout, Cin/groups, kh, kw], bias [Cout]. Composed as unfold → grouped matmul → reshape.
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
  assertTensor('conv2d', 'input', x);
  assertTensor('conv2d', 'weight', weight);
  if (x.ndim === 3) return conv2d(x.unsqueeze(0), weight, bias, options).squeeze(0);
  check4d('conv2d', x);
  check4d('conv2d', weight, 'weight');
  const groups = options.groups ?? 1;
  const [N, Cin] = x.shape as [number, number];
  const [Cout, CinG, kh, kw] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || Cin % groups !== 0 || Cout % groups !== 0) {
    throw new Error(`conv2d: groups ${groups} must divide both in_channels ${Cin} and out_channels ${Cout}`);
  }
  if (CinG * groups !== Cin) {
    throw new Error(
      `conv2d: weight ${shapeStr(weight.shape)} expects ${CinG * groups} input channels (${CinG} per group × ${groups} groups), ` +
        `but the input ${shapeStr(x.shape)} has ${Cin}`,
    );
  }
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== Cout)) {
    throw new Error(`conv2d: bias must have shape [${Cout}], got ${shapeStr(bias.shape)}`);
  }
  const dilation = pair('conv2d', 'dilation', options.dilation ?? 1, 1);
  let padding: Pair = 0;
  let input = x;
  if (options.padding === 'same') {
    if (pair('conv2d', 'stride', options.stride ?? 1, 1).some((s) => s !== 1)) {
      throw new Error("conv2d: padding='same' is only supported with stride 1");
    }
    // total padding d·(k−1) per dim; PyTorch puts the odd extra element on the right/bottom
    const total = [dilation[0] * (kh - 1), dilation[1] * (kw - 1)];
    const lo = total.map((t) => Math.floor(t / 2));
    input = x.pad([lo[1]!, total[1]! - lo[1]!, lo[0]!, total[0]! - lo[0]!]);
  } else if (options.padding !== undefined && options.padding !== 'valid') {
    padding = options.padding;
  }
  const w = makeWindow('conv2d', input, [kh, kw], { stride: options.stride ?? 1, padding, dilation }, 1);
  const [oh, ow] = w.outSize;
  const cols = unfoldWith(input, w); // [N, Cin·kh·kw, L]
  const K = CinG * kh * kw;
  const colsG = cols.reshape([N, groups, K, oh * ow]);
  const wG = weight.reshape([1, groups, Cout / groups, K]);
  let out = wG.matmul(colsG).reshape([N, Cout, oh, ow]);
  if (bias !== undefined && bias !== null) out = out.add(bias.reshape([1, Cout, 1, 1]));
  return out;
}

export interface MaxPool2dOptions {
  /** Defaults to kernelSize. */
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

function checkPoolPadding(op: string, w: Window2d): void {
  w.padding.forEach((p, i) => {
    if (p > w.kernel[i]! / 2) {
      throw new Error(`${op}: padding ${p} must be at most half the kernel size ${w.kernel[i]}`);
    }
  });
}

/** Max pooling; also returns the flat h·W+w arg-max of each window when asked (maxPool2dWithIndices). */
export function maxPool2dWithIndices(x: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): { values: Tensor; indices: Tensor } {
  if (x.ndim === 3) {
    const r = maxPool2dWithIndices(x.unsqueeze(0), kernelSize, options);
    return { values: r.values.squeeze(0), indices: r.indices.squeeze(0) };
  }
  check4d('maxPool2d', x);
  const w = makeWindow('maxPool2d', x, kernelSize, options, kernelSize);
  checkPoolPadding('maxPool2d', w);
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [oh, ow] = w.outSize;
  const { values, indices } = kernel(backendOf('maxPool2d', x), 'maxPool2d')(viewOf(x), w);
  const idx = fromStorage(indices, [N, C, oh, ow]);
  const out = fromStorage(values, [N, C, oh, ow]);
  record(out, 'maxPool2d', [x], (g) => {
    // route each window's gradient to its arg-max: scatter-add into the flattened planes
    const flatIdx = idx.reshape([N * C, oh * ow]);
    const planes = g.reshape([N * C, oh * ow]);
    const zeros = zerosOn(g, [N * C, H * W]);
    return [zeros.scatterAdd(1, flatIdx, planes).reshape([N, C, H, W])];
  });
  return { values: out, indices: idx };
}

export function maxPool2d(x: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): Tensor {
  return maxPool2dWithIndices(x, kernelSize, options).values;
}

export interface AvgPool2dOptions {
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
  /** Count padded zeros in the divisor (PyTorch's default true). */
  countIncludePad?: boolean;
  /** Divide every window by this instead of its size. */
  divisorOverride?: number;
}

/** Average pooling, composed as unfold → sum → divide by each window's divisor. */
export function avgPool2d(x: Tensor, kernelSize: Pair, options: AvgPool2dOptions = {}): Tensor {
  return batched(x, (x4) => {
    check4d('avgPool2d', x4);
    const w = makeWindow('avgPool2d', x4, kernelSize, { ...options, dilation: 1 }, kernelSize);
    checkPoolPadding('avgPool2d', w);
    const [N, C, H, W] = x4.shape as [number, number, number, number];
    const [oh, ow] = w.outSize;
    const cols = unfoldWith(x4.reshape([N * C, 1, H, W]), w); // [N·C, kh·kw, L]
    const sums = cols.sum(1).reshape([N, C, oh, ow]);
    const divisor = new Float64Array(oh * ow);
    const include = options.countIncludePad ?? true;
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        if (options.divisorOverride !== undefined) {
          divisor[i * ow + j] = options.divisorOverride;
          continue;
        }
        const span = (start: number, k: number, n: number, p: number): number => {
          // window clipped to the padded input (countIncludePad) or to the input itself
          const lo = include ? -p : 0;
          const hi = include ? n + p : n;
          return Math.max(0, Math.min(start + k, hi) - Math.max(start, lo));
        };
        const dh = span(i * w.stride[0] - w.padding[0], w.kernel[0], H, w.padding[0]);
        const dw = span(j * w.stride[1] - w.padding[1], w.kernel[1], W, w.padding[1]);
        divisor[i * ow + j] = dh * dw;
      }
    }
    if (options.divisorOverride !== undefined && !(options.divisorOverride > 0)) {
      throw new Error(`avgPool2d: divisorOverride must be > 0, got ${options.divisorOverride}`);
    }
    const div = fromStorage(kernel(backendOf('avgPool2d', x4), 'fromArray')(divisor), [oh, ow]).to(x4.dtype);
    return sums.div(div);
  });
}

/** Elementwise kernels: one scalar function per op, applied through strided offsets. */
import type { Backend, BinaryOp, StridedView, UnaryOp } from '../backend.js';
import type { DType } from '../../tensor/dtype.js';
import { numel } from '../../tensor/shape.js';
import { alloc, dataOf, offsetsOfView, type ArrayStorage } from './storage.js';

// erf by Abramowitz–Stegun is too coarse for float64 checks; this is W. J. Cody's rational
// approximation as used by many libms (max rel. error ~1e-16).
function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.5) {
    const t = x * x;
    const p = ((((0.185777706184603153 * t + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021) * t + 3209.37758913846947);
    const q = ((((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062);
    return (x * p) / q;
  }
  return Math.sign(x) * (1 - erfcPositive(ax));
}

function erfcPositive(x: number): number {
  if (x >= 27) return 0;
  let r: number;
  if (x < 4) {
    const p = [5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2,
      8.8195222124176909e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8];
    const q = [1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3,
      3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3];
    let num = p[8]! * x;
    let den = x;
    for (let i = 0; i < 7; i++) {
      num = (num + p[i]!) * x;
      den = (den + q[i]!) * x;
    }
    r = (num + p[7]!) / (den + q[7]!);
  } else {
    const p = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
      6.58749161529837803e-4, 1.63153871373020978e-2];
    const q = [2.56852019228982242, 1.87295284992346725, 5.27905102951428412e-1, 6.05183413124413191e-2,
      2.33520497626869185e-3];
    const z = 1 / (x * x);
    let num = p[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + p[i]!) * z;
      den = (den + q[i]!) * z;
    }
    r = (z * (num + p[4]!)) / (den + q[4]!);
    r = (0.564189583547756287 - r) / x;
  }
  // exp(-x²) split to keep precision
  const xs = Math.trunc(x * 16) / 16;
  const del = (x - xs) * (x + xs);
  return Math.exp(-xs * xs) * Math.exp(-del) * r;
}

const UNARY: Record<UnaryOp, (x: number) => number> = {
  copy: (x) => x,
  neg: (x) => -x,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), // keeps ±0 and NaN
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  // two branches so that exp never overflows
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  relu: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  floor: Math.floor,
  ceil: Math.ceil,
  // round half to even, as PyTorch and NumPy do
  round: (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  isfinite: (x) => (Number.isFinite(x) ? 1 : 0),
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  logicalNot: (x) => (x === 0 ? 1 : 0),
  erf,
};

const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  // NaN propagates, as in torch.maximum / torch.minimum
  maximum: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logicalAnd: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logicalOr: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

/** Integer division and bool outputs need fixing up after the JS-number computation. */
function finish(dtype: DType, v: number): number {
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  return v;
}

export function unary(backend: Backend, op: UnaryOp, x: StridedView, outDtype: DType): ArrayStorage {
  const f = UNARY[op];
  if (!f) throw new Error(`${op}: not implemented by the '${backend.name}' backend`);
  const n = numel(x.shape);
  const out = alloc(backend, outDtype, n);
  const o = out.data;
  const xd = dataOf(x);
  const xo = offsetsOfView(x);
  const toBool = outDtype === 'bool';
  if (xo === null) {
    for (let i = 0; i < n; i++) o[i] = toBool ? finish(outDtype, f(xd[i]!)) : f(xd[i]!);
  } else {
    for (let i = 0; i < n; i++) o[i] = toBool ? finish(outDtype, f(xd[xo[i]!]!)) : f(xd[xo[i]!]!);
  }
  return out;
}

export function binary(backend: Backend, op: BinaryOp, a: StridedView, b: StridedView, outDtype: DType): ArrayStorage {
  const f = BINARY[op];
  if (!f) throw new Error(`${op}: not implemented by the '${backend.name}' backend`);
  const n = numel(a.shape);
  const out = alloc(backend, outDtype, n);
  const o = out.data;
  const ad = dataOf(a);
  const bd = dataOf(b);
  const ao = offsetsOfView(a);
  const bo = offsetsOfView(b);
  // int32 division is only reached through ops that truncate on purpose (floor division is not
  // exposed); true division always computes in floating point.
  const toBool = outDtype === 'bool';
  for (let i = 0; i < n; i++) {
    const v = f(ad[ao === null ? i : ao[i]!]!, bd[bo === null ? i : bo[i]!]!);
    o[i] = toBool ? finish(outDtype, v) : v;
  }
  return out;
}

export function where(backend: Backend, c: StridedView, a: StridedView, b: StridedView, outDtype: DType): ArrayStorage {
  const n = numel(a.shape);
  const out = alloc(backend, outDtype, n);
  const o = out.data;
  const cd = dataOf(c);
  const ad = dataOf(a);
  const bd = dataOf(b);
  const co = offsetsOfView(c);
  const ao = offsetsOfView(a);
  const bo = offsetsOfView(b);
  for (let i = 0; i < n; i++) {
    const take = cd[co === null ? i : co[i]!]! !== 0;
    o[i] = take ? ad[ao === null ? i : ao[i]!]! : bd[bo === null ? i : bo[i]!]!;
  }
  return out;
}

/**
 * The op test harness's single table: one entry per op name used by the PyTorch fixtures
 * (test/fixtures/torch/ops.json). Adding an op = its implementation in src + one entry here (+
 * fixture cases in tools/gen_torch_fixtures.py). The entry is then picked up by
 *   fixtures.test.ts   forward values and gradients against PyTorch 1.13
 *   gradcheck.test.ts  analytical vs numerical Jacobians (float64) on `gradcheck`
 *   bad-inputs.test.ts every `badInputs` case throws an Error naming the op and the problem
 *   backends.test.ts   `gradcheck`/`sample` inputs give the same results on every backend
 */
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { Rand, leaf } from './inputs.js';

export type Args = Readonly<Record<string, unknown>>;
export interface Tol {
  atol: number;
  rtol: number;
}
export interface Tols {
  float64: Tol;
  float32: Tol;
}

/** Inputs for an op: leaves built by `inputs()`, then `view` (recorded, so non-contiguous views are differentiated through). */
export interface InputSpec {
  inputs: () => Tensor[];
  args?: Args;
  view?: (xs: Tensor[]) => Tensor[];
}
export interface GradcheckSpec extends InputSpec {
  eps?: number;
  atol?: number;
  rtol?: number;
}
export interface BadInput {
  name: string;
  call: () => unknown;
  /** Must name the op and the problem. */
  message: RegExp;
}
export interface OpEntry {
  run: (inputs: Tensor[], args: Args) => Tensor | Tensor[];
  tol?: Partial<Tols>;
  differentiable: boolean;
  /** Required for differentiable entries (float64, small, away from kinks). */
  gradcheck?: GradcheckSpec;
  /** Inputs for non-differentiable entries (used by backends.test.ts). */
  sample?: InputSpec;
  badInputs: BadInput[];
}

/**
 * float64: the reference backend computes in float64 like PyTorch, so results differ only by
 * summation order (observed <= 2e-13 absolute over all fixtures); 1e-12/1e-11 leaves room for that
 * and still catches an elementwise function that is merely ~1e-10 accurate (erf once was).
 * float32: PyTorch rounds every intermediate to float32 while nabla's composites round per op;
 * observed <= 1.1e-5 relative (conv2d).
 */
export const DEFAULT_TOL: Tols = {
  float64: { atol: 1e-12, rtol: 1e-11 },
  float32: { atol: 1e-5, rtol: 1e-4 },
};

export function tolFor(entry: OpEntry, dtype: string): Tol {
  return dtype === 'float32' ? (entry.tol?.float32 ?? DEFAULT_TOL.float32) : (entry.tol?.float64 ?? DEFAULT_TOL.float64);
}

/** The inputs that backends.test.ts runs: gradcheck's for differentiable entries, else sample's. */
export function inputSpec(entry: OpEntry): InputSpec | undefined {
  return entry.gradcheck ?? entry.sample;
}

// ---- argument helpers ---------------------------------------------------------------------------

function arg<T>(a: Args, key: string): T {
  return a[key] as T;
}
type Dims = number | number[] | undefined;
/** The defined entries of `a` among `keys` (so that ops see undefined, never null). */
function pick<T extends object>(a: Args, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (a[k] !== undefined && a[k] !== null) out[k] = a[k];
  return out as T;
}
/** p for norm: a number or "inf"/"-inf" (JSON has no Infinity). */
function normP(p: unknown): number | undefined {
  if (p === 'inf') return Infinity;
  if (p === '-inf') return -Infinity;
  return p as number | undefined;
}

const asTensor = (v: unknown): Tensor => v as Tensor;
const bad = (name: string, call: () => unknown, message: RegExp): BadInput => ({ name, call, message });
const z = (...shape: number[]): Tensor => nb.zeros(shape);
const idx = (data: number[], shape = [data.length]): Tensor => leaf(data, shape, 'int32');

/** The one bad input a plain unary op has: an argument that is not a Tensor. */
function notATensor(name: string, call: (x: Tensor) => unknown): BadInput {
  return bad('non-Tensor argument', () => call(asTensor([1, 2])), new RegExp(`^${name}: .*Tensor`));
}

// ---- unary ops ----------------------------------------------------------------------------------

type Domain = 'any' | 'wide' | 'positive' | 'log1p' | 'away0' | 'away05' | 'offInteger';

function unaryInputs(domain: Domain): () => Tensor[] {
  // A [1, 4, 3] leaf seen through a transpose: a size-1 dim and a non-contiguous view.
  return () => {
    const r = new Rand(1234);
    const shape = [1, 4, 3];
    switch (domain) {
      case 'any': return [r.normal(shape)];
      case 'wide': return [r.normal(shape, { scale: 2 })];
      case 'positive': return [r.positive(shape)];
      case 'log1p': return [r.uniform(shape, -0.5, 2)];
      case 'away0': return [r.normal(shape, { away: 0.1 })];
      case 'away05': return [r.normal(shape, { away: 0.5 })];
      case 'offInteger': return [r.offInteger(shape)];
    }
  };
}

/** `fn` may be the method form; the bad input always goes through the functional nb.<name>. */
function unary(name: string, fn: (x: Tensor) => Tensor, domain: Domain): OpEntry {
  const functional = (nb as unknown as Record<string, (x: Tensor) => unknown>)[name]!;
  return {
    run: ([x]) => fn(x!),
    differentiable: true,
    gradcheck: { inputs: unaryInputs(domain), view: ([x]) => [x!.transpose(-1, -2)] },
    badInputs: [notATensor(name, functional)],
  };
}

// ---- binary ops ---------------------------------------------------------------------------------

/** a [2,1,3] against b [4,3] (a transposed [3,4] leaf): broadcasting both ways, non-contiguous b. */
function binaryInputs(make: (r: Rand, shape: number[]) => Tensor, makeB = make): () => Tensor[] {
  return () => {
    const r = new Rand(99);
    return [make(r, [2, 1, 3]), makeB(r, [3, 4])];
  };
}
const binaryView = ([a, b]: Tensor[]): Tensor[] => [a!, b!.mT];

function shapeMismatch(name: string, fn: (a: Tensor, b: Tensor) => unknown): BadInput {
  return bad(
    'shapes that do not broadcast',
    () => fn(z(2, 3), z(4)),
    new RegExp(`^${name}: shapes \\[2,3\\] and \\[4\\] cannot be broadcast together \\(dim -1: 3 vs 4\\)`),
  );
}

function comparison(name: string, fn: (a: Tensor, b: Tensor) => Tensor): OpEntry {
  return {
    run: ([a, b]) => fn(a!, b!),
    differentiable: false,
    sample: {
      inputs: () => {
        const r = new Rand(5);
        return [r.integral([3, 1], -2, 2), r.integral([4, 3], -2, 2)];
      },
      view: binaryView,
    },
    badInputs: [shapeMismatch(name, fn)],
  };
}

// ---- reductions ---------------------------------------------------------------------------------

function dimOutOfRange(name: string, fn: (x: Tensor) => unknown, dim = 2): BadInput {
  return bad(
    `dim ${dim} out of range`,
    () => fn(z(2, 3)),
    new RegExp(`^${name}: dim ${dim} is out of range for a tensor with 2 dims \\(expected -2\\.\\.1\\)`),
  );
}

// ---- windows ------------------------------------------------------------------------------------

function tooSmall(name: string, fn: (x: Tensor) => unknown): BadInput {
  return bad(
    'kernel larger than the input',
    () => fn(z(1, 1, 3, 3)),
    new RegExp(`^${name}: input \\[1,1,3,3\\] is too small for kernel \\[4,4\\]`),
  );
}

// ---- the table ----------------------------------------------------------------------------------

export const OPS: Record<string, OpEntry> = {
  // -- unary ------------------------------------------------------------------------------------
  neg: unary('neg', (x) => x.neg(), 'any'),
  abs: unary('abs', nb.abs, 'away0'),
  sign: unary('sign', nb.sign, 'away0'),
  exp: unary('exp', nb.exp, 'any'),
  log: unary('log', (x) => x.log(), 'positive'),
  log1p: unary('log1p', nb.log1p, 'log1p'),
  expm1: unary('expm1', nb.expm1, 'any'),
  sqrt: unary('sqrt', (x) => x.sqrt(), 'positive'),
  rsqrt: unary('rsqrt', nb.rsqrt, 'positive'),
  square: unary('square', nb.square, 'any'),
  sin: unary('sin', (x) => x.sin(), 'wide'),
  cos: unary('cos', nb.cos, 'wide'),
  tanh: unary('tanh', nb.tanh, 'any'),
  sigmoid: unary('sigmoid', (x) => x.sigmoid(), 'wide'),
  relu: unary('relu', nb.relu, 'away0'),
  reciprocal: unary('reciprocal', nb.reciprocal, 'away05'),
  erf: unary('erf', (x) => x.erf(), 'any'),
  floor: unary('floor', nb.floor, 'offInteger'),
  ceil: unary('ceil', (x) => x.ceil(), 'offInteger'),
  round: unary('round', nb.round, 'offInteger'),

  // -- binary -----------------------------------------------------------------------------------
  add: {
    run: ([a, b], args) => nb.add(a!, b!, arg<number | undefined>(args, 'alpha')),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s)), view: binaryView, args: { alpha: -1.5 } },
    badInputs: [
      shapeMismatch('add', nb.add),
      bad('two numbers', () => nb.add(1 as unknown as Tensor, 2), /^add: at least one operand must be a Tensor, got two numbers/),
    ],
  },
  sub: {
    run: ([a, b], args) => a!.sub(b!, arg<number | undefined>(args, 'alpha')),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s)), view: binaryView, args: { alpha: 2.5 } },
    badInputs: [shapeMismatch('sub', nb.sub)],
  },
  mul: {
    run: ([a, b]) => nb.mul(a!, b!),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s)), view: binaryView },
    badInputs: [shapeMismatch('mul', nb.mul)],
  },
  div: {
    run: ([a, b]) => a!.div(b!),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s), (r, s) => r.normal(s, { away: 0.5 })), view: binaryView },
    badInputs: [shapeMismatch('div', nb.div)],
  },
  pow: {
    run: ([a, b]) => nb.pow(a!, b!),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.positive(s), (r, s) => r.normal(s)), view: binaryView },
    badInputs: [
      shapeMismatch('pow', nb.pow),
      bad(
        'int32 base, negative int32 exponent',
        () => nb.pow(idx([2, 3]), idx([1, -1])),
        /^pow: integers to negative integer powers are not allowed/,
      ),
    ],
  },
  maximum: {
    run: ([a, b]) => nb.maximum(a!, b!),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s)), view: binaryView },
    badInputs: [shapeMismatch('maximum', nb.maximum)],
  },
  minimum: {
    run: ([a, b]) => a!.minimum(b!),
    differentiable: true,
    gradcheck: { inputs: binaryInputs((r, s) => r.normal(s)), view: binaryView },
    badInputs: [shapeMismatch('minimum', nb.minimum)],
  },
  pow_scalar: {
    run: ([x], args) => x!.pow(arg<number>(args, 'exponent')),
    differentiable: true,
    gradcheck: unaryInputsSpec('positive', { exponent: -2.5 }),
    badInputs: [
      bad(
        'int32 tensor to a negative integer power',
        () => idx([1, 2]).pow(-2),
        /^pow: integers to negative integer powers are not allowed/,
      ),
    ],
  },
  clamp: {
    run: ([x], args) => nb.clamp(x!, arg<number | undefined>(args, 'min'), arg<number | undefined>(args, 'max')),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(3).normal([1, 4, 3], { avoid: [-0.5, 0.4] })],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { min: -0.5, max: 0.4 },
    },
    badInputs: [
      bad('neither min nor max', () => nb.clamp(z(2)), /^clamp: at least one of min and max must be given/),
      bad(
        'tensor bound that does not broadcast',
        () => nb.clamp(z(2, 3), z(4)),
        /^clamp: shapes \[2,3\] and \[4\] cannot be broadcast together/,
      ),
    ],
  },
  where: {
    run: ([c, a, b]) => nb.where(c!, a!, b!),
    differentiable: true,
    gradcheck: {
      inputs: () => {
        const r = new Rand(11);
        return [r.bools([3, 1]), r.normal([1, 4]), r.normal([4, 3])];
      },
      view: ([c, a, b]) => [c!, a!, b!.mT],
    },
    badInputs: [
      bad(
        'condition that does not broadcast',
        () => nb.where(z(4).gt(0), z(2, 3), z(2, 3)),
        /^where: shapes \[4\] and \[2,3\] and \[2,3\] cannot be broadcast together/,
      ),
      bad('non-Tensor condition', () => nb.where(asTensor([true]), z(1), z(1)), /^where: condition must be a Tensor/),
    ],
  },

  // -- comparisons ------------------------------------------------------------------------------
  eq: comparison('eq', nb.eq),
  ne: comparison('ne', (a, b) => a.ne(b)),
  lt: comparison('lt', nb.lt),
  le: comparison('le', (a, b) => a.le(b)),
  gt: comparison('gt', nb.gt),
  ge: comparison('ge', (a, b) => a.ge(b)),

  // -- reductions -------------------------------------------------------------------------------
  sum: {
    run: ([x], args) => x!.sum(arg<Dims>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(21).normal([2, 4, 3])],
      view: ([x]) => [x!.transpose(1, 2)],
      args: { dim: [0, -1], keepdim: true },
    },
    badInputs: [
      dimOutOfRange('sum', (x) => nb.sum(x, 2)),
      bad('repeated dim', () => nb.sum(z(2, 3), [1, -1]), /^sum: dims \[1,-1\] name a dim more than once/),
    ],
  },
  mean: {
    run: ([x], args) => nb.mean(x!, arg<Dims>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(22).normal([4, 3])], view: ([x]) => [x!.mT], args: { dim: -2 } },
    badInputs: [
      dimOutOfRange('mean', (x) => nb.mean(x, -3), -3),
      bad('repeated dim', () => nb.mean(z(2, 3), [0, 0]), /^mean: dims \[0,0\] name a dim more than once/),
    ],
  },
  max: {
    run: ([x], args) => nb.max(x!, arg<Dims>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(23).distinct([4, 3])], view: ([x]) => [x!.mT], args: { dim: 1 } },
    badInputs: [
      dimOutOfRange('max', (x) => nb.max(x, 2)),
      bad('empty tensor', () => nb.max(z(0)), /^max: cannot reduce an empty tensor/),
    ],
  },
  min: {
    run: ([x], args) => x!.min(arg<Dims>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(24).distinct([2, 3, 2])], args: { dim: [0, 2], keepdim: true } },
    badInputs: [
      dimOutOfRange('min', (x) => nb.min(x, -3), -3),
      bad('empty tensor', () => nb.min(z(2, 0)), /^min: cannot reduce an empty tensor/),
    ],
  },
  argmax: {
    run: ([x], args) => nb.argmax(x!, arg<number | undefined>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: false,
    sample: { inputs: () => [new Rand(25).integral([4, 3], -2, 2)], view: ([x]) => [x!.mT], args: { dim: -1, keepdim: true } },
    badInputs: [
      dimOutOfRange('argmax', (x) => nb.argmax(x, 2)),
      bad('empty tensor', () => nb.argmax(z(0)), /^argmax: cannot reduce an empty tensor/),
    ],
  },
  argmin: {
    run: ([x], args) => x!.argmin(arg<number | undefined>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: false,
    sample: { inputs: () => [new Rand(26).integral([4, 3], -2, 2)], view: ([x]) => [x!.mT] },
    badInputs: [
      dimOutOfRange('argmin', (x) => nb.argmin(x, 2)),
      bad('empty tensor', () => nb.argmin(z(3, 0)), /^argmin: cannot reduce an empty tensor/),
    ],
  },
  var: {
    run: ([x], args) => x!.var(arg<Dims>(args, 'dim'), pick(args, ['correction', 'keepdim'])),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(27).normal([4, 3])], view: ([x]) => [x!.mT], args: { dim: -1, correction: 0 } },
    badInputs: [dimOutOfRange('var', (x) => nb.var(x, 2))],
  },
  std: {
    run: ([x], args) => nb.std(x!, arg<Dims>(args, 'dim'), pick(args, ['correction', 'keepdim'])),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(28).normal([2, 3, 2])], args: { dim: [0, -1], keepdim: true } },
    badInputs: [dimOutOfRange('std', (x) => nb.std(x, 2))],
  },
  logsumexp: {
    run: ([x], args) => x!.logsumexp(arg<number | number[]>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(29).normal([2, 3, 4])], args: { dim: [0, 2] } },
    badInputs: [dimOutOfRange('logsumexp', (x) => nb.logsumexp(x, 2))],
  },
  softmax: {
    run: ([x], args) => nb.softmax(x!, arg<number>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(30).normal([4, 3], { scale: 2 })], view: ([x]) => [x!.mT], args: { dim: 0 } },
    badInputs: [
      dimOutOfRange('softmax', (x) => nb.softmax(x, 2)),
      bad('temperature 0', () => nb.softmax(z(2, 3), -1, { temperature: 0 }), /^softmax: temperature must be > 0, got 0/),
    ],
  },
  logSoftmax: {
    run: ([x], args) => x!.logSoftmax(arg<number>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(31).normal([2, 1, 5], { scale: 2 })], args: { dim: -1 } },
    badInputs: [
      dimOutOfRange('logSoftmax', (x) => nb.logSoftmax(x, -3), -3),
      bad('temperature -1', () => nb.logSoftmax(z(2, 3), 0, { temperature: -1 }), /^logSoftmax: temperature must be > 0, got -1/),
    ],
  },
  norm: {
    run: ([x], args) => x!.norm(normP(args['p']), arg<Dims>(args, 'dim'), arg<boolean | undefined>(args, 'keepdim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(32).normal([4, 3], { away: 0.1 })], view: ([x]) => [x!.mT], args: { p: 3, dim: -1, keepdim: true } },
    badInputs: [
      bad('p = 0', () => nb.norm(z(3), 0), /^norm: p must be > 0 \(or Infinity\), got 0/),
      bad('dim out of range', () => nb.norm(z(2, 3), 2, 2), /^norm: dim 2 is out of range for a tensor with 2 dims/),
    ],
  },

  // -- linear algebra ---------------------------------------------------------------------------
  matmul: {
    run: ([a, b]) => nb.matmul(a!, b!),
    differentiable: true,
    gradcheck: {
      // batch [2,1] against [3] broadcasts to [2,3]; b is a transposed (non-contiguous) leaf
      inputs: () => {
        const r = new Rand(41);
        return [r.normal([2, 1, 2, 3]), r.normal([3, 2, 3])];
      },
      view: ([a, b]) => [a!, b!.mT],
    },
    badInputs: [
      bad('inner dims differ', () => nb.matmul(z(2, 3), z(4, 5)), /^matmul: shapes \[2,3\] and \[4,5\] cannot be multiplied \(3 != 4\)/),
      bad('0-d operand', () => nb.matmul(nb.zeros([]), z(3)), /^matmul: both arguments need at least 1 dim, got shapes \[\] and \[3\]/),
      bad('batch dims that do not broadcast', () => nb.matmul(z(2, 2, 3), z(3, 3, 4)), /^matmul: shapes .*cannot be broadcast together/),
    ],
  },

  // -- shape and movement -----------------------------------------------------------------------
  reshape: {
    run: ([x], args) => x!.reshape(arg<number[]>(args, 'shape')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(51).normal([4, 3])], view: ([x]) => [x!.mT], args: { shape: [-1, 2] } },
    badInputs: [
      bad('wrong size', () => nb.reshape(z(2, 3), [4, 2]), /^reshape: shape \[4,2\] is invalid for input of size 6 \(shape \[2,3\]\)/),
      bad('two -1 entries', () => nb.reshape(z(2, 3), [-1, -1]), /^reshape: invalid shape \[-1,-1\] \(only one -1 is allowed/),
    ],
  },
  flatten: {
    run: ([x], args) => nb.flatten(x!, arg<number | undefined>(args, 'startDim'), arg<number | undefined>(args, 'endDim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(52).normal([2, 3, 2])], view: ([x]) => [x!.transpose(0, 2)], args: { startDim: 1 } },
    badInputs: [
      bad('startDim after endDim', () => nb.flatten(z(2, 3, 4), 2, 1), /^flatten: startDim 2 comes after endDim 1/),
      bad('startDim out of range', () => nb.flatten(z(2, 3), 3), /^flatten: startDim 3 is out of range for a tensor with 2 dims/),
    ],
  },
  squeeze: {
    run: ([x], args) => x!.squeeze(arg<Dims>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(53).normal([2, 1, 3])], args: { dim: -2 } },
    badInputs: [dimOutOfRange('squeeze', (x) => nb.squeeze(x, 2))],
  },
  unsqueeze: {
    run: ([x], args) => nb.unsqueeze(x!, arg<number>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(54).normal([4, 3])], view: ([x]) => [x!.mT], args: { dim: -1 } },
    badInputs: [
      bad('dim out of range', () => nb.unsqueeze(z(2, 3), 4), /^unsqueeze: dim 4 is out of range for a tensor with 3 dims \(expected -3\.\.2\)/),
    ],
  },
  permute: {
    run: ([x], args) => x!.permute(arg<number[]>(args, 'dims')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(55).normal([2, 3, 4])], args: { dims: [-1, 0, 1] } },
    badInputs: [
      bad('too few dims', () => nb.permute(z(2, 3), [0]), /^permute: got 1 dims \[0\] for a tensor with 2 dims/),
      bad('repeated dim', () => nb.permute(z(2, 3), [1, -1]), /^permute: dims \[1,-1\] repeat a dim/),
    ],
  },
  transpose: {
    run: ([x], args) => nb.transpose(x!, arg<number>(args, 'dim0'), arg<number>(args, 'dim1')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(56).normal([2, 3, 4])], args: { dim0: 0, dim1: -1 } },
    badInputs: [
      bad('dim1 out of range', () => nb.transpose(z(2, 3), 0, 2), /^transpose: dim1 2 is out of range for a tensor with 2 dims/),
      bad('dim out of range for a 0-d tensor', () => nb.transpose(nb.tensor(1), 0, 1), /^transpose: dim1 1 is out of range for a tensor with 0 dims/),
    ],
  },
  expand: {
    run: ([x], args) => x!.expand(arg<number[]>(args, 'shape')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(57).normal([3, 1])], args: { shape: [2, -1, 4] } },
    badInputs: [
      bad(
        'size that is neither equal nor 1',
        () => nb.expand(z(2, 3), [3, 3]),
        /^expand: the size 2 of dim 0 must match 3 or be 1 \(tensor \[2,3\], target \[3,3\]\)/,
      ),
      bad('fewer dims than the tensor', () => nb.expand(z(2, 3), [3]), /^expand: target \[3\] has fewer dims than the tensor \[2,3\]/),
    ],
  },
  narrow: {
    run: ([x], args) => nb.narrow(x!, arg<number>(args, 'dim'), arg<number>(args, 'start'), arg<number>(args, 'length')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(58).normal([4, 3])], view: ([x]) => [x!.mT], args: { dim: -1, start: 1, length: 2 } },
    badInputs: [
      bad('past the end', () => nb.narrow(z(2, 3), 1, 2, 2), /^narrow: start 2 and length 2 are out of range for dim 1 of size 3/),
      dimOutOfRange('narrow', (x) => nb.narrow(x, 2, 0, 1)),
    ],
  },
  slice: {
    run: ([x], args) =>
      x!.slice(arg<number>(args, 'dim'), arg<number | undefined>(args, 'start') ?? undefined, arg<number | undefined>(args, 'end') ?? undefined, arg<number | undefined>(args, 'step') ?? undefined),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(59).normal([2, 7])], args: { dim: 1, start: -6, end: 100, step: 2 } },
    badInputs: [
      bad('step 0', () => nb.slice(z(2, 3), 1, 0, 3, 0), /^slice: step must be a positive integer, got 0/),
      dimOutOfRange('slice', (x) => nb.slice(x, -3, 0, 1), -3),
    ],
  },
  flip: {
    run: ([x], args) => x!.flip(arg<number[]>(args, 'dims')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(60).normal([4, 3])], view: ([x]) => [x!.mT], args: { dims: [0, -1] } },
    badInputs: [
      bad('repeated dim', () => nb.flip(z(2, 3), [0, -2]), /^flip: dims \[0,-2\] name a dim more than once/),
      dimOutOfRange('flip', (x) => nb.flip(x, [2])),
    ],
  },
  cat: {
    run: (xs, args) => nb.cat(xs, arg<number | undefined>(args, 'dim')),
    differentiable: true,
    gradcheck: {
      inputs: () => {
        const r = new Rand(61);
        return [r.normal([2, 1]), r.normal([3, 2]), r.normal([2, 2])];
      },
      view: ([a, b, c]) => [a!, b!.mT, c!],
      args: { dim: -1 },
    },
    badInputs: [
      bad('shapes differ outside dim', () => nb.cat([z(2, 3), z(2, 4)], 0), /^cat: tensor 1 has shape \[2,4\], which does not match \[2,3\] outside dim 0/),
      bad('empty list', () => nb.cat([], 0), /^cat: expected a non-empty array of tensors/),
      bad('0-d tensors', () => nb.cat([nb.tensor(1), nb.tensor(2)]), /^cat: .*zero-dimensional/),
      bad('dim out of range', () => nb.cat([z(2), z(3)], 1), /^cat: dim 1 is out of range for a tensor with 1 dims/),
    ],
  },
  stack: {
    run: (xs, args) => nb.stack(xs, arg<number | undefined>(args, 'dim')),
    differentiable: true,
    gradcheck: {
      inputs: () => {
        const r = new Rand(62);
        return [r.normal([2, 3]), r.normal([3, 2])];
      },
      view: ([a, b]) => [a!, b!.mT],
      args: { dim: -1 },
    },
    badInputs: [
      bad('different shapes', () => nb.stack([z(2, 3), z(3, 2)]), /^stack: tensor 1 has shape \[3,2\], expected \[2,3\]/),
      bad('dim out of range', () => nb.stack([z(2), z(2)], 2), /^stack: dim 2 is out of range for a tensor with 2 dims/),
    ],
  },
  split: {
    run: ([x], args) => nb.split(x!, arg<number | number[]>(args, 'splitSize'), arg<number | undefined>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(63).normal([4, 2])], view: ([x]) => [x!.mT], args: { splitSize: [1, 2, 1], dim: -1 } },
    badInputs: [
      bad('sections that do not add up', () => nb.split(z(2, 3), [1, 1], 1), /^split: sections \[1,1\] must be non-negative and sum to 3/),
      bad('splitSize 0', () => nb.split(z(2, 3), 0), /^split: splitSize must be a positive integer, got 0/),
    ],
  },
  chunk: {
    run: ([x], args) => x!.chunk(arg<number>(args, 'chunks'), arg<number | undefined>(args, 'dim')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(64).normal([5, 2])], args: { chunks: 3, dim: 0 } },
    badInputs: [
      bad('chunks 0', () => nb.chunk(z(2, 3), 0), /^chunk: chunks must be a positive integer, got 0/),
      dimOutOfRange('chunk', (x) => nb.chunk(x, 2, 2)),
    ],
  },

  // -- indexing ---------------------------------------------------------------------------------
  indexSelect: {
    run: ([x, i], args) => nb.indexSelect(x!, arg<number>(args, 'dim'), i!),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(71).normal([4, 3]), idx([2, 0, 2, 1, 2])],
      view: ([x, i]) => [x!.mT, i!],
      args: { dim: -1 },
    },
    badInputs: [
      bad('float index', () => nb.indexSelect(z(2, 3), 0, nb.tensor([0, 1])), /^indexSelect: index must have dtype int32, got float32/),
      bad('2-D index', () => nb.indexSelect(z(2, 3), 0, idx([0, 1], [1, 2])), /^indexSelect: index must be 1-D, got shape \[1,2\]/),
      bad('index out of bounds', () => nb.indexSelect(z(2, 3), 0, idx([0, 2])), /^indexSelect: index 2 is out of bounds for dim 0 with size 2/),
    ],
  },
  gather: {
    run: ([x, i], args) => x!.gather(arg<number>(args, 'dim'), i!),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(72).normal([3, 4]), idx([0, 3, 3, 1, 2, 2], [3, 2])],
      args: { dim: 1 },
    },
    badInputs: [
      bad('index out of bounds', () => nb.gather(z(2, 3), 0, idx([0, 2], [1, 2])), /^gather: index 2 is out of bounds for dim 0 with size 2/),
      bad('float index', () => nb.gather(z(2, 3), 0, nb.zeros([1, 2])), /^gather: index must have dtype int32, got float32/),
      bad('index with fewer dims', () => nb.gather(z(2, 3), 0, idx([0, 1])), /^gather: index \[2\] must have as many dims as input \[2,3\]/),
    ],
  },
  scatterAdd: {
    run: ([x, i, s], args) => nb.scatterAdd(x!, arg<number>(args, 'dim'), i!, s!),
    differentiable: true,
    gradcheck: {
      inputs: () => {
        const r = new Rand(73);
        return [r.normal([3, 4]), idx([0, 2, 0, 1, 0, 0, 2, 1], [2, 4]), r.normal([4, 2])];
      },
      view: ([x, i, s]) => [x!, i!, s!.mT],
      args: { dim: 0 },
    },
    badInputs: [
      bad('index out of bounds', () => nb.scatterAdd(z(2, 3), 0, idx([0, 2], [1, 2]), nb.ones([1, 2])), /^scatterAdd: index 2 is out of bounds for dim 0 with size 2/),
      bad('float index', () => nb.scatterAdd(z(2, 3), 0, nb.zeros([1, 2]), nb.ones([1, 2])), /^scatterAdd: index must have dtype int32, got float32/),
      bad('index larger than src', () => nb.scatterAdd(z(2, 3), 0, idx([0, 1, 1], [1, 3]), nb.ones([1, 2])), /^scatterAdd: index \[1,3\] must not be larger than src \[1,2\]/),
    ],
  },
  pad: {
    run: ([x], args) => nb.pad(x!, arg<number[]>(args, 'pad'), arg<number | undefined>(args, 'value')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(74).normal([4, 3])], view: ([x]) => [x!.mT], args: { pad: [1, -1, 2, 0], value: 0.5 } },
    badInputs: [
      bad('odd length', () => nb.pad(z(2, 3), [1]), /^pad: pad must be an even-length list of integers covering at most 2 dims, got \[1\]/),
      bad('more dims than the tensor', () => nb.pad(z(3), [1, 1, 1, 1]), /^pad: pad must be an even-length list of integers covering at most 1 dims/),
      bad('cropping more than the dim', () => nb.pad(z(3), [-2, -2]), /^pad: negative padding -2,-2 removes more than the 3 elements of dim 0/),
    ],
  },
  oneHot: {
    run: ([x], args) => nb.oneHot(x!, arg<number | undefined>(args, 'numClasses')),
    differentiable: false,
    sample: { inputs: () => [new Rand(75).ints([2, 3], 0, 4)], args: { numClasses: 5 } },
    badInputs: [
      bad('float labels', () => nb.oneHot(nb.tensor([0, 1])), /^oneHot: labels must have dtype int32, got float32/),
      bad('label >= numClasses', () => nb.oneHot(idx([0, 3]), 3), /^oneHot: label 3 is out of range for numClasses 3/),
      bad('negative label', () => nb.oneHot(idx([0, -1])), /^oneHot: labels must be non-negative, got -1/),
    ],
  },

  // -- images -----------------------------------------------------------------------------------
  conv2d: {
    run: ([x, w, b], args) => nb.conv2d(x!, w!, b ?? null, pick(args, ['stride', 'padding', 'dilation', 'groups'])),
    differentiable: true,
    gradcheck: {
      inputs: () => {
        const r = new Rand(81);
        return [r.normal([1, 2, 3, 4]), r.normal([4, 1, 2, 2]), r.normal([4])];
      },
      view: ([x, w, b]) => [x!.transpose(-1, -2), w!, b!],
      args: { stride: [1, 2], padding: 1, groups: 2 },
    },
    badInputs: [
      bad(
        'channel mismatch',
        () => nb.conv2d(z(1, 3, 5, 5), z(2, 2, 3, 3)),
        /^conv2d: weight \[2,2,3,3\] expects 2 input channels \(2 per group × 1 groups\), but the input \[1,3,5,5\] has 3/,
      ),
      bad('bias of the wrong size', () => nb.conv2d(z(1, 3, 5, 5), z(2, 3, 3, 3), z(3)), /^conv2d: bias must have shape \[2\], got \[3\]/),
      bad('groups that do not divide', () => nb.conv2d(z(1, 4, 5, 5), z(3, 2, 3, 3), null, { groups: 2 }), /^conv2d: groups 2 must divide both in_channels 4 and out_channels 3/),
      bad('kernel larger than the input', () => nb.conv2d(z(1, 1, 3, 3), z(1, 1, 4, 4)), /^conv2d: input \[1,1,3,3\] is too small for kernel \[4,4\]/),
      bad('int32 input', () => nb.conv2d(nb.zeros([1, 1, 3, 3], { dtype: 'int32' }), z(1, 1, 2, 2)), /^conv2d: expected a floating-point input, got dtype int32/),
    ],
  },
  maxPool2d: {
    run: ([x], args) => nb.maxPool2d(x!, arg<number | number[]>(args, 'kernelSize'), pick(args, ['stride', 'padding', 'dilation', 'ceilMode'])),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(82).distinct([1, 1, 5, 5], 0.1)],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { kernelSize: 3, stride: 2, padding: 1 },
    },
    badInputs: [
      tooSmall('maxPool2d', (x) => nb.maxPool2d(x, 4)),
      bad('padding over half the kernel', () => nb.maxPool2d(z(1, 1, 6, 6), 2, { padding: 2 }), /^maxPool2d: padding 2 must be at most half the kernel size 2/),
      bad('2-D input', () => nb.maxPool2d(z(3, 3), 2), /^maxPool2d: expected a 4-D input \[N, C, H, W\], got shape \[3,3\]/),
      bad('kernelSize 0', () => nb.maxPool2d(z(1, 1, 3, 3), 0), /^maxPool2d: kernelSize must be an integer >= 1 or a pair of them, got 0/),
    ],
  },
  avgPool2d: {
    run: ([x], args) =>
      nb.avgPool2d(x!, arg<number | number[]>(args, 'kernelSize'), pick(args, ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'])),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(83).normal([1, 2, 4, 3])],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { kernelSize: 2, stride: [2, 1], padding: 1, ceilMode: true, countIncludePad: false },
    },
    badInputs: [
      tooSmall('avgPool2d', (x) => nb.avgPool2d(x, 4)),
      bad('divisorOverride 0', () => nb.avgPool2d(z(1, 1, 4, 4), 2, { divisorOverride: 0 }), /^avgPool2d: divisorOverride must be > 0, got 0/),
      bad('2-D input', () => nb.avgPool2d(z(3, 3), 2), /^avgPool2d: expected a 4-D input \[N, C, H, W\], got shape \[3,3\]/),
      bad('padding over half the kernel', () => nb.avgPool2d(z(1, 1, 6, 6), 3, { padding: 2 }), /^avgPool2d: padding 2 must be at most half the kernel size 3/),
    ],
  },
  unfold: {
    run: ([x], args) => nb.unfold(x!, arg<number | number[]>(args, 'kernelSize'), pick(args, ['dilation', 'padding', 'stride'])),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(84).normal([1, 2, 4, 3])],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { kernelSize: [2, 3], padding: 1, stride: [2, 1], dilation: [1, 2] },
    },
    badInputs: [
      bad('3-D input', () => nb.unfold(z(1, 3, 3), 2), /^unfold: expected a 4-D input \[N, C, H, W\], got shape \[1,3,3\]/),
      tooSmall('unfold', (x) => nb.unfold(x, 4)),
      bad('kernelSize 0', () => nb.unfold(z(1, 1, 3, 3), 0), /^unfold: kernelSize must be an integer >= 1 or a pair of them, got 0/),
    ],
  },
  fold: {
    run: ([x], args) =>
      nb.fold(x!, arg<number | number[]>(args, 'outputSize'), arg<number | number[]>(args, 'kernelSize'), pick(args, ['dilation', 'padding', 'stride'])),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(85).normal([1, 6, 4])],
      view: ([x]) => [x!.mT],
      args: { outputSize: [3, 4], kernelSize: 2, padding: [0, 1], stride: [1, 2] },
    },
    badInputs: [
      bad('wrong number of windows', () => nb.fold(z(1, 4, 5), [3, 3], 2), /^fold: input has 5 windows but outputSize 3x3 with these options gives 2x2/),
      bad('channels not divisible by the kernel area', () => nb.fold(z(1, 5, 4), [3, 3], 2), /^fold: dim 1 of the input \(5\) must be divisible by the kernel area 2·2/),
      bad('2-D input', () => nb.fold(z(4, 4), [3, 3], 2), /^fold: expected a 3-D input \[N, C·kh·kw, L\], got shape \[4,4\]/),
    ],
  },

  // -- activations ------------------------------------------------------------------------------
  logSigmoid: activation('logSigmoid', (x) => nb.logSigmoid(x), { scale: 3 }),
  softplus: {
    run: ([x], args) => nb.softplus(x!, pick(args, ['beta', 'threshold'])),
    differentiable: true,
    gradcheck: {
      // beta·x = threshold is a (tiny) jump: stay away from x = 1.5
      inputs: () => [new Rand(91).normal([1, 4, 3], { scale: 2, avoid: [1.5] })],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { beta: 2, threshold: 3 },
    },
    badInputs: [notATensor('softplus', (x) => nb.softplus(x))],
  },
  gelu: {
    run: ([x], args) => nb.gelu(x!, pick(args, ['approximate'])),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(92).normal([1, 4, 3], { scale: 2 })], view: ([x]) => [x!.transpose(-1, -2)], args: { approximate: 'tanh' } },
    badInputs: [
      bad('unknown approximation', () => nb.gelu(z(2), { approximate: 'fast' as 'tanh' }), /^gelu: approximate must be 'none' or 'tanh', got fast/),
    ],
  },
  silu: activation('silu', (x) => nb.silu(x), { scale: 2 }),
  elu: {
    run: ([x], args) => nb.elu(x!, arg<number | undefined>(args, 'alpha')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(93).normal([1, 4, 3], { away: 0.1 })], view: ([x]) => [x!.transpose(-1, -2)], args: { alpha: 0.7 } },
    badInputs: [notATensor('elu', (x) => nb.elu(x))],
  },
  leakyRelu: {
    run: ([x], args) => nb.leakyRelu(x!, arg<number | undefined>(args, 'negativeSlope')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(94).normal([1, 4, 3], { away: 0.1 })], view: ([x]) => [x!.transpose(-1, -2)], args: { negativeSlope: 0.2 } },
    badInputs: [notATensor('leakyRelu', (x) => nb.leakyRelu(x))],
  },
  hardtanh: {
    run: ([x], args) => nb.hardtanh(x!, arg<number | undefined>(args, 'minVal'), arg<number | undefined>(args, 'maxVal')),
    differentiable: true,
    gradcheck: {
      inputs: () => [new Rand(95).normal([1, 4, 3], { avoid: [-0.5, 1] })],
      view: ([x]) => [x!.transpose(-1, -2)],
      args: { minVal: -0.5, maxVal: 1 },
    },
    badInputs: [bad('minVal >= maxVal', () => nb.hardtanh(z(2), 1, 0), /^hardtanh: minVal 1 must be less than maxVal 0/)],
  },
  softsign: activation('softsign', (x) => nb.softsign(x), { away: 0.05 }),
  mish: activation('mish', (x) => nb.mish(x), { scale: 2 }),
  selu: activation('selu', (x) => nb.selu(x), { away: 0.1 }),
  celu: {
    run: ([x], args) => nb.celu(x!, arg<number | undefined>(args, 'alpha')),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(96).normal([1, 4, 3], { away: 0.1 })], view: ([x]) => [x!.transpose(-1, -2)], args: { alpha: 1.5 } },
    badInputs: [bad('alpha 0', () => nb.celu(z(2), 0), /^celu: alpha must not be 0/)],
  },
};

function unaryInputsSpec(domain: Domain, args: Args): GradcheckSpec {
  return { inputs: unaryInputs(domain), view: ([x]) => [x!.transpose(-1, -2)], args };
}

function activation(name: string, fn: (x: Tensor) => Tensor, o: { scale?: number; away?: number }): OpEntry {
  return {
    run: ([x]) => fn(x!),
    differentiable: true,
    gradcheck: { inputs: () => [new Rand(90).normal([1, 4, 3], o)], view: ([x]) => [x!.transpose(-1, -2)] },
    badInputs: [notATensor(name, fn)],
  };
}

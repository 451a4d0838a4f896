/**
 * The fixed problem of test/fixtures/torch/optim.json (made by tools/gen_optim_fixtures.py): a
 * tiny tanh MLP on 6 points, float64, and helpers to run an optimizer on it for N steps.
 */
import { readFileSync } from 'node:fs';
import * as nb from '../../src/index.js';

type Tensor = nb.Tensor;

export interface TensorJSON {
  shape: number[];
  dtype: 'float64';
  data: (number | 'nan' | 'inf' | '-inf')[];
}

export interface OptimizerCase {
  id: string;
  optimizer: 'SGD' | 'Adagrad' | 'Adadelta' | 'RMSprop' | 'Adam' | 'AdamW' | 'Adamax' | 'NAdam';
  options: Record<string, unknown>;
  groups: ({ params: number[] } & Record<string, unknown>)[] | null;
  sign: 1 | -1;
  losses: number[];
  trajectory: number[][];
}

export interface ClipCase {
  id: string;
  grads: TensorJSON[];
  maxNorm?: number;
  normType?: number | 'inf';
  clipValue?: number;
  totalNorm?: number;
  clipped: TensorJSON[];
}

export interface RenormCase {
  id: string;
  input: TensorJSON;
  maxNorm: number;
  dim: number;
  normType: number;
  output: TensorJSON;
}

export interface OptimFixtures {
  generator: string;
  torch_version: string;
  steps: number;
  problem: { x: TensorJSON; y: TensorJSON; params: TensorJSON[] };
  optimizers: OptimizerCase[];
  clipGradNorm: ClipCase[];
  clipGradValue: ClipCase[];
  renorm: RenormCase[];
}

export const FIXTURES: OptimFixtures = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/torch/optim.json', import.meta.url), 'utf8'),
) as OptimFixtures;

export function fromJSON(t: TensorJSON): Tensor {
  const vals = t.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v));
  return nb.tensor(Float64Array.from(vals), { dtype: 'float64' }).reshape(t.shape);
}

const X = fromJSON(FIXTURES.problem.x);
const Y = fromJSON(FIXTURES.problem.y);

/** Fresh leaf copies of the fixture's initial parameters [W1, b1, W2, b2]. */
export function initialParams(): Tensor[] {
  return FIXTURES.problem.params.map((p) => fromJSON(p).requiresGrad_());
}

/** mean((tanh(X W1 + b1) W2 + b2 − Y)²) */
export function mse(params: readonly Tensor[]): Tensor {
  const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
  return X.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(Y).square().mean();
}

/** Computes sign·mse, backpropagates, and returns the mse value. */
export function lossAndGrad(params: readonly Tensor[], sign = 1): number {
  const loss = mse(params);
  (sign === 1 ? loss : loss.mul(sign)).backward();
  return loss.item();
}

export function flatValues(params: readonly Tensor[]): number[] {
  return params.flatMap((p) => Array.from(p.data()));
}

export type OptimizerCtor = new (params: nb.optim.Params, options?: object) => nb.optim.Optimizer;

export const OPTIMIZERS: Record<OptimizerCase['optimizer'], OptimizerCtor> = {
  SGD: nb.optim.SGD,
  Adagrad: nb.optim.Adagrad,
  Adadelta: nb.optim.Adadelta,
  RMSprop: nb.optim.RMSprop,
  Adam: nb.optim.Adam,
  AdamW: nb.optim.AdamW,
  Adamax: nb.optim.Adamax,
  NAdam: nb.optim.NAdam,
};

/** Builds the case's optimizer over `params` (with its parameter groups, if any). */
export function makeOptimizer(c: Pick<OptimizerCase, 'optimizer' | 'options' | 'groups'>, params: Tensor[]): nb.optim.Optimizer {
  const Ctor = OPTIMIZERS[c.optimizer];
  const spec = c.groups === null ? params : c.groups.map(({ params: idx, ...opts }) => ({ params: idx.map((i) => params[i]!), ...opts }));
  return new Ctor(spec, c.options);
}

/** One training step on the problem: zeroGrad, backward of sign·mse, step. Returns the mse. */
export function trainStep(opt: nb.optim.Optimizer, params: readonly Tensor[], sign = 1): number {
  opt.zeroGrad();
  const loss = lossAndGrad(params, sign);
  opt.step();
  return loss;
}

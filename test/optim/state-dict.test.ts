/**
 * Optimizer.stateDict / loadStateDict: saving at step 15 (through JSON), loading into a new
 * optimizer over new parameter tensors and continuing gives the uninterrupted run bit for bit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';
import { FIXTURES, flatValues, initialParams, makeOptimizer, trainStep } from './problem.js';

function copyParams(params: readonly nb.Tensor[]): nb.Tensor[] {
  return params.map((p) => nb.tensor(Float64Array.from(p.data()), { dtype: 'float64' }).reshape(p.shape).requiresGrad_());
}

function assertBitEqual(a: number[], b: number[], what: string): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i}: ${a[i]} !== ${b[i]}`);
}

for (const c of FIXTURES.optimizers) {
  test(`${c.id}: save at step 15, load into a new optimizer, continue → identical to the uninterrupted run`, () => {
    const refParams = initialParams();
    const ref = makeOptimizer(c, refParams);
    const reference: number[][] = [];
    for (let k = 0; k < 30; k++) {
      trainStep(ref, refParams, c.sign);
      reference.push(flatValues(refParams));
    }

    const params = initialParams();
    const opt = makeOptimizer(c, params);
    for (let k = 0; k < 15; k++) trainStep(opt, params, c.sign);
    const saved = JSON.stringify(opt.stateDict());

    const params2 = copyParams(params);
    // Built with other hyper-parameters on purpose: the saved ones must win.
    const opt2 = makeOptimizer({ ...c, options: { ...c.options, lr: 123 }, groups: c.groups?.map((g) => ({ params: g.params })) ?? null }, params2);
    opt2.loadStateDict(JSON.parse(saved));
    assert.deepEqual(opt2.paramGroups.map(({ params: _p, ...o }) => o), opt.paramGroups.map(({ params: _p, ...o }) => o));
    for (let k = 15; k < 30; k++) {
      trainStep(opt2, params2, c.sign);
      assertBitEqual(flatValues(params2), reference[k]!, `${c.id} step ${k + 1}`);
    }
  });
}

test('stateDict is plain JSON data keyed by parameter index, like PyTorch', () => {
  const params = initialParams();
  const opt = new nb.optim.Adam([{ params: params.slice(0, 2) }, { params: params.slice(2), lr: 0.1 }], { amsgrad: true });
  trainStep(opt, params);
  const sd = opt.stateDict();
  assert.deepEqual(JSON.parse(JSON.stringify(sd)), sd);
  assert.deepEqual(Object.keys(sd.state), ['0', '1', '2', '3']);
  assert.deepEqual(sd.paramGroups.map((g) => g.params), [[0, 1], [2, 3]]);
  assert.equal(sd.paramGroups[1]!['lr'], 0.1);
  assert.deepEqual(sd.paramGroups[0]!['betas'], [0.9, 0.999]);
  // Adam's state for W1: [maximize, weight decay, Adam moments, learning rate]
  const s = sd.state['0'] as unknown[];
  assert.equal(s.length, 4);
  const adam = s[2] as { count: number; mu: { shape: number[]; dtype: string; data: number[] }[]; nuMax: unknown };
  assert.equal(adam.count, 1);
  assert.deepEqual(adam.mu[0]!.shape, [3, 3]);
  assert.equal(adam.mu[0]!.dtype, 'float64');
  assert.ok(Array.isArray(adam.nuMax));
});

test('stateDict keeps extra group keys (a schedule\'s initialLr) and loadStateDict restores them', () => {
  const params = initialParams();
  const opt = new nb.optim.SGD(params, { lr: 0.1, momentum: 0.9 });
  opt.paramGroups[0]!['initialLr'] = 0.1;
  opt.paramGroups[0]!.lr = 0.05;
  trainStep(opt, params);
  const opt2 = new nb.optim.SGD(copyParams(params), { lr: 1 });
  opt2.loadStateDict(opt.stateDict());
  assert.equal(opt2.paramGroups[0]!.lr, 0.05);
  assert.equal(opt2.paramGroups[0]!['initialLr'], 0.1);
  assert.equal(opt2.paramGroups[0]!['momentum'], 0.9);
});

test('stateDict snapshots: later steps do not change a saved dict', () => {
  const params = initialParams();
  const opt = new nb.optim.Adam(params);
  trainStep(opt, params);
  const sd = opt.stateDict();
  const before = JSON.stringify(sd);
  trainStep(opt, params);
  assert.equal(JSON.stringify(sd), before);
});

test('loadStateDict accepts Tensors in place of tensor data', () => {
  const params = initialParams();
  const opt = new nb.optim.RMSprop(params, { momentum: 0.5, centered: true });
  for (let k = 0; k < 3; k++) trainStep(opt, params);
  const sd = opt.stateDict();
  const withTensors = JSON.parse(JSON.stringify(sd), (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && 'dtype' in v && 'shape' in v && 'data' in v) {
      const d = v as { shape: number[]; dtype: nb.DType; data: number[] };
      return nb.tensor(Float64Array.from(d.data), { dtype: d.dtype }).reshape(d.shape);
    }
    return v;
  }) as nb.optim.OptimizerStateDict;
  const p2 = copyParams(params);
  const opt2 = new nb.optim.RMSprop(p2, { momentum: 0.5, centered: true });
  opt2.loadStateDict(withTensors);
  trainStep(opt, params);
  trainStep(opt2, p2);
  assertBitEqual(flatValues(p2), flatValues(params), 'continuation');
});

test('non-finite state values survive JSON as strings', () => {
  const p = nb.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
  const opt = new nb.optim.Adagrad([p]);
  p.grad = nb.tensor([Infinity, 1], { dtype: 'float64' });
  opt.step();
  const json = JSON.stringify(opt.stateDict());
  assert.match(json, /"Infinity"/);
  const q = nb.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
  const opt2 = new nb.optim.Adagrad([q]);
  opt2.loadStateDict(JSON.parse(json));
  const sum = ((opt2.state.get(q) as unknown[])[2] as { sum: nb.Tensor[] }).sum[0]!;
  assert.deepEqual(Array.from(sum.data()), [Infinity, 1]);
});

test('float32 parameters round-trip exactly and state is cast to the parameter dtype', () => {
  const gen = new nb.Generator(3);
  const p = nb.randn([4, 3], { generator: gen }).requiresGrad_();
  const opt = new nb.optim.Adam([p], { lr: 0.01 });
  p.grad = nb.randn([4, 3], { generator: gen });
  opt.step();
  const q = p.detach().clone().requiresGrad_();
  const opt2 = new nb.optim.Adam([q], { lr: 0.01 });
  opt2.loadStateDict(JSON.parse(JSON.stringify(opt.stateDict())));
  const g = nb.randn([4, 3], { generator: gen });
  p.grad = g;
  q.grad = g;
  opt.step();
  opt2.step();
  assert.equal(q.dtype, 'float32');
  assertBitEqual(Array.from(q.data()), Array.from(p.data()), 'float32 continuation');
});

test('loadStateDict rejects dicts that do not fit, and changes nothing when it does', () => {
  const params = initialParams();
  const opt = new nb.optim.Adam(params);
  trainStep(opt, params);
  const sd = opt.stateDict();

  const two = new nb.optim.Adam([{ params: params.slice(0, 2) }, { params: params.slice(2) }]);
  assert.throws(() => two.loadStateDict(sd), /Adam\.loadStateDict: the state dict has 1 parameter groups but this optimizer has 2/);
  const fewer = new nb.optim.Adam(initialParams().slice(0, 3));
  assert.throws(() => fewer.loadStateDict(sd), /parameter group 0 has 4 parameters in the state dict but 3 in this optimizer/);
  const sgd = new nb.optim.SGD(initialParams(), { lr: 0.1, momentum: 0.9 });
  assert.throws(() => sgd.loadStateDict(sd), /SGD\.loadStateDict: the state of parameter 0 does not have the layout of SGD's state/);
  const shuffled = [params[1]!, params[0]!, params[2]!, params[3]!].map((p) => p.detach().clone().requiresGrad_());
  const wrongShapes = new nb.optim.Adam(shuffled);
  assert.throws(() => wrongShapes.loadStateDict(sd), /state of parameter 0 holds a tensor of shape \[3, ?3\] but the parameter has shape \[3\]/);
  assert.equal(wrongShapes.state.size, 0);
  const bad = JSON.parse(JSON.stringify(sd)) as nb.optim.OptimizerStateDict;
  bad.paramGroups[0]!['lr'] = -1;
  assert.throws(() => new nb.optim.Adam(initialParams()).loadStateDict(bad), /Adam: invalid learning rate lr=-1/);
  assert.throws(() => opt.loadStateDict({} as nb.optim.OptimizerStateDict), /expected \{state, paramGroups\}/);
});

/**
 * Module semantics through real layers: dotted names through Sequential and Residual, train/eval
 * propagation, stateDict / strict loadStateDict errors, parameter tying, forward hooks, configs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { assertClose, throwsMatching } from '../helpers.js';

const { nn } = nb;
const F64 = { dtype: 'float64' } as const;
const gen = (s: number): nb.Generator => new nb.Generator(s);

function model(seed = 0): nb.nn.Sequential {
  return new nn.Sequential(
    new nn.Linear(2, 3, { generator: gen(seed) }),
    new nn.Residual(
      new nn.Sequential(new nn.Linear(3, 3, { generator: gen(seed + 1) }), new nn.BatchNorm1d(3)),
      new nn.Linear(3, 3, { bias: false, generator: gen(seed + 2) }),
    ),
    new nn.Dropout(0.5),
    new nn.Maxout(3, 2, 2, { generator: gen(seed + 3) }),
  );
}

test('namedParameters, namedBuffers and stateDict use dotted names through Sequential and Residual', () => {
  const m = model();
  assert.deepEqual(
    m.namedParameters().map(([n]) => n),
    ['0.weight', '0.bias', '1.block.0.weight', '1.block.0.bias', '1.block.1.weight', '1.block.1.bias', '1.shortcut.weight', '3.weight', '3.bias'],
  );
  assert.deepEqual(m.namedBuffers().map(([n]) => n), ['1.block.1.runningMean', '1.block.1.runningVar', '1.block.1.numBatchesTracked']);
  assert.deepEqual(Object.keys(m.stateDict()).sort(), [...m.namedParameters(), ...m.namedBuffers()].map(([n]) => n).sort());
  assert.equal(m.parameters().length, 9);
  const r = new nn.Residual(new nn.Linear(2, 2));
  assert.deepEqual(r.namedParameters().map(([n]) => n), ['block.weight', 'block.bias'], 'identity shortcut has no parameters');
});

test('train() and eval() propagate to every descendant and change BatchNorm and Dropout behaviour', () => {
  const m = model();
  m.eval();
  assert.ok(m.modules().every((x) => !x.training));
  const x = nb.randn([4, 2], { generator: gen(9) });
  const a = m.call(x);
  const b = m.call(x);
  assertClose(a, b, { atol: 0, rtol: 0, message: 'eval is deterministic (no dropout, running stats)' });
  m.train();
  assert.ok(m.modules().every((x) => x.training));
  const bn = m.at(1).children()[0]!.children()[1] as nb.nn.BatchNorm1d;
  const before = bn.numBatchesTracked!.item();
  m.call(x);
  assert.equal(bn.numBatchesTracked!.item(), before + 1, 'a training forward updates the running statistics');
  m.eval();
  m.call(x);
  assert.equal(bn.numBatchesTracked!.item(), before + 1, 'an eval forward does not');
});

test('stateDict round trip: a second model loading the first one\'s state computes the same outputs', () => {
  const a = model(0).eval();
  const b = model(10).eval();
  const x = nb.randn([3, 2], { generator: gen(1) });
  assert.notDeepEqual(Array.from(a.call(x).data()), Array.from(b.call(x).data()));
  const res = b.loadStateDict(a.stateDict());
  assert.deepEqual(res, { missingKeys: [], unexpectedKeys: [] });
  assertClose(b.call(x), a.call(x), { atol: 0, rtol: 0 });
  // the state dict shares memory with the parameters but is detached from the graph
  const sd = a.stateDict();
  assert.equal(sd['0.weight']!.requiresGrad, false);
});

test('loadStateDict strict errors list the missing, unexpected and mis-shaped keys', () => {
  const m = model();
  const sd = m.stateDict();
  const missing = { ...sd };
  delete missing['1.block.1.runningVar'];
  delete missing['3.bias'];
  throwsMatching(() => m.loadStateDict(missing), /missing keys: 1\.block\.1\.runningVar, 3\.bias/);
  throwsMatching(() => m.loadStateDict({ ...sd, 'extra.weight': nb.zeros([1]) }), /unexpected keys: extra\.weight/);
  throwsMatching(
    () => m.loadStateDict({ ...sd, '0.weight': nb.zeros([3, 3]) }),
    /size mismatch for '0\.weight': checkpoint \[3,3\] vs model \[3,2\]/,
  );
  const res = m.loadStateDict({ ...missing, 'extra.weight': nb.zeros([1]) }, { strict: false });
  assert.deepEqual(res, { missingKeys: ['1.block.1.runningVar', '3.bias'], unexpectedKeys: ['extra.weight'] });
  // PyTorch's camelCased names load into BatchNorm directly
  const bn = new nn.BatchNorm2d(2);
  bn.loadStateDict({
    weight: nb.tensor([2, 3]), bias: nb.tensor([0, 1]), runningMean: nb.tensor([0.5, -0.5]),
    runningVar: nb.tensor([4, 9]), numBatchesTracked: nb.tensor(7, { dtype: 'int32' }),
  });
  assert.equal(bn.numBatchesTracked!.item(), 7);
  assertClose(bn.runningVar!, [4, 9]);
});

test('parameter tying: one Linear used twice accumulates the gradient of both uses', () => {
  const lin = new nn.Linear(3, 3, { ...F64, generator: gen(2) });
  const x = nb.randn([2, 3], { ...F64, generator: gen(3) });
  lin.call(lin.call(x)).square().sum().backward();
  // reference: the same computation with two independent copies of the weights, gradients summed
  const w1 = lin.weight.detach().clone().requiresGrad_();
  const w2 = lin.weight.detach().clone().requiresGrad_();
  const b1 = lin.bias!.detach().clone().requiresGrad_();
  const b2 = lin.bias!.detach().clone().requiresGrad_();
  const h = nn.functional.linear(x, w1, b1);
  nn.functional.linear(h, w2, b2).square().sum().backward();
  assertClose(lin.weight.grad!, w1.grad!.add(w2.grad!), { atol: 1e-12 });
  assertClose(lin.bias!.grad!, b1.grad!.add(b2.grad!), { atol: 1e-12 });
});

test('parameter tying: two modules sharing one weight tensor list it once and sum its gradients', () => {
  const a = new nn.Linear(4, 2, { ...F64, bias: false, generator: gen(4) });
  const b = new nn.Linear(4, 2, { ...F64, bias: false, generator: gen(5) });
  b.weight = a.weight; // tie: both modules now hold the same tensor
  const pair = new nn.Sequential(a, b);
  assert.equal(pair.parameters().length, 1, 'the shared tensor is listed once');
  assert.deepEqual(pair.namedParameters().map(([n]) => n), ['0.weight']);
  assert.deepEqual(Object.keys(pair.stateDict()), ['0.weight', '1.weight'], 'stateDict keeps both names, like PyTorch');
  const x = nb.randn([3, 4], { ...F64, generator: gen(6) });
  a.call(x).sum().add(b.call(x).square().sum()).backward();
  const w = a.weight.detach().clone().requiresGrad_();
  x.matmul(w.t()).sum().add(x.matmul(w.t()).square().sum()).backward();
  assertClose(a.weight.grad!, w.grad!, { atol: 1e-12 });
  assert.equal(b.weight.grad, a.weight.grad);
});

test('forward hooks: a pre-hook can replace the input and a hook can observe and replace the output', () => {
  const lin = new nn.Linear(2, 2, { ...F64, generator: gen(7) });
  const x = nb.randn([3, 2], { ...F64, generator: gen(8) });
  const plain = lin.call(x);
  const seen: string[] = [];
  const pre = lin.registerForwardPreHook((m, inputs) => {
    seen.push(`pre ${m.constructor.name} ${inputs[0]!.shape.join('x')}`);
    return [inputs[0]!.mul(2)];
  });
  const post = lin.registerForwardHook((_m, inputs, out) => {
    seen.push(`post ${out.shape.join('x')}`);
    assertClose(inputs[0]!, x.mul(2), { message: 'the hook sees the replaced input' });
    return out.add(1);
  });
  const hooked = lin.call(x);
  assertClose(hooked, lin.forward(x.mul(2)).add(1), { atol: 1e-12 });
  assert.deepEqual(seen, ['pre Linear 3x2', 'post 3x2']);
  // forward() skips hooks, like PyTorch's module.forward(x)
  assertClose(lin.forward(x), plain, { atol: 0, rtol: 0 });
  pre.remove();
  post.remove();
  assertClose(lin.call(x), plain, { atol: 0, rtol: 0 });
});

test('forward hooks on children observe intermediate activations of a Sequential (diagnostics)', () => {
  const m = model().eval();
  const stats: Record<string, number[]> = {};
  const handles = m.namedModules()
    .filter(([n]) => n !== '')
    .map(([name, mod]) => mod.registerForwardHook((_m, _in, out: Tensor) => {
      stats[name] = out.shape;
    }));
  m.call(nb.randn([5, 2], { generator: gen(1) }));
  assert.deepEqual(stats['0'], [5, 3]);
  assert.deepEqual(stats['1.block.1'], [5, 3]);
  assert.deepEqual(stats['3'], [5, 2]);
  handles.forEach((h) => h.remove());
});

test('toString shows the tree with each layer\'s extraRepr', () => {
  const s = String(model());
  assert.match(s, /^Sequential\(/);
  assert.match(s, /\(0\): Linear\(inFeatures=2, outFeatures=3, bias=true\)/);
  assert.match(s, /\(block\): Sequential\(/);
  assert.match(s, /BatchNorm1d\(3, eps=0\.00001, momentum=0\.1, affine=true, trackRunningStats=true\)/);
  assert.match(s, /\(shortcut\): Linear\(inFeatures=3, outFeatures=3, bias=false\)/);
  assert.match(s, /Dropout\(p=0\.5\)/);
  assert.match(s, /Maxout\(inFeatures=3, outFeatures=2, pieces=2, bias=true\)/);
  assert.equal(String(new nn.Conv2d(1, 32, 3, { padding: 1 })), 'Conv2d(1, 32, kernelSize=[3,3], stride=[1,1], padding=[1,1])');
});

test('every layer has a plain-JSON config and fromConfig rebuilds an equivalent layer', () => {
  const layers: [nb.nn.Module & { config: object }, (c: never) => nb.nn.Module & { config: object }][] = [
    [new nn.Linear(4, 3, { bias: false, dtype: 'float64' }), nn.Linear.fromConfig],
    [new nn.Conv2d(4, 6, [3, 2], { stride: 2, padding: 'valid', groups: 2 }), nn.Conv2d.fromConfig],
    [new nn.Conv2d(2, 2, 3, { padding: 'same', dilation: 2 }), nn.Conv2d.fromConfig],
    [new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }), nn.MaxPool2d.fromConfig],
    [new nn.AvgPool2d(2, { countIncludePad: false, divisorOverride: 3 }), nn.AvgPool2d.fromConfig],
    [new nn.AdaptiveAvgPool2d([3, null]), nn.AdaptiveAvgPool2d.fromConfig],
    [new nn.Flatten({ startDim: 0 }), nn.Flatten.fromConfig],
    [new nn.BatchNorm1d(3, { momentum: null, eps: 1e-3 }), nn.BatchNorm1d.fromConfig],
    [new nn.BatchNorm2d(3, { affine: false, trackRunningStats: false }), nn.BatchNorm2d.fromConfig],
    [new nn.LayerNorm([2, 3], { elementwiseAffine: true, bias: false }), nn.LayerNorm.fromConfig],
    [new nn.GroupNorm(2, 4, { affine: false }), nn.GroupNorm.fromConfig],
    [new nn.InstanceNorm2d(3, { affine: true, trackRunningStats: true, momentum: 0.2 }), nn.InstanceNorm2d.fromConfig],
    [new nn.Dropout(0.2), nn.Dropout.fromConfig],
    [new nn.Dropout2d({ p: 0.3 }), nn.Dropout2d.fromConfig],
    [new nn.AlphaDropout(0.1), nn.AlphaDropout.fromConfig],
    [new nn.GaussianNoise({ std: 0.3 }), nn.GaussianNoise.fromConfig],
    [new nn.Maxout(3, 2, 4, { bias: false }), nn.Maxout.fromConfig],
    [new nn.Identity(), nn.Identity.fromConfig],
  ];
  for (const [layer, fromConfig] of layers) {
    const json = JSON.parse(JSON.stringify(layer.config)) as never;
    assert.deepEqual(json, layer.config, `${layer.constructor.name}: config survives JSON`);
    const rebuilt = fromConfig(json);
    assert.equal(rebuilt.constructor, layer.constructor);
    assert.deepEqual(rebuilt.config, layer.config, `${layer.constructor.name}: fromConfig(config).config`);
    assert.deepEqual(
      rebuilt.namedParameters().map(([n, p]) => [n, p.shape, p.dtype]),
      layer.namedParameters().map(([n, p]) => [n, p.shape, p.dtype]),
    );
  }
  // with the same generator seed, fromConfig reproduces the weights too
  const a = new nn.Linear(5, 4, { generator: gen(42) });
  const b = nn.Linear.fromConfig(a.config, { generator: gen(42) });
  assertClose(b.weight, a.weight, { atol: 0, rtol: 0 });
  const r = nn.Residual.fromConfig({}, new nn.Linear(2, 2));
  assert.deepEqual(r.namedParameters().map(([n]) => n), ['block.weight', 'block.bias']);
});

test('resetParameters re-draws Linear/Conv2d weights and resets norms; resetRunningStats clears statistics', () => {
  const lin = new nn.Linear(3, 2, { generator: gen(1) });
  const w0 = Array.from(lin.weight.data());
  lin.resetParameters(gen(1));
  assert.deepEqual(Array.from(lin.weight.data()), w0);
  const bn = new nn.BatchNorm1d(2);
  bn.call(nb.randn([4, 2], { generator: gen(2) }));
  nb.noGrad(() => bn.weight!.mul_(3));
  bn.resetParameters();
  assertClose(bn.runningMean!, [0, 0]);
  assertClose(bn.runningVar!, [1, 1]);
  assert.equal(bn.numBatchesTracked!.item(), 0);
  assertClose(bn.weight!, [1, 1]);
});

/**
 * Every layer's gradients (input and parameters) against float64 central finite differences,
 * through the module (module.call) in the mode given. The norms are checked in training mode,
 * where the batch statistics depend on the input; random layers use a fresh fixed-seed
 * generator on every call so that the function being differentiated is deterministic.
 */
import { test } from 'node:test';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const { nn } = nb;
const F64 = { dtype: 'float64' } as const;

function child(m: nb.nn.Module, name: string): nb.nn.Module {
  const found = [...m.namedChildren()].find(([n]) => n === name);
  if (!found) throw new Error(`no child '${name}' in ${m.constructor.name}`);
  return found[1];
}

/** Sets a (dotted) parameter of `root` to t. */
function setParameter(root: nb.nn.Module, dotted: string, t: Tensor): void {
  const parts = dotted.split('.');
  let m = root;
  for (const p of parts.slice(0, -1)) m = child(m, p);
  (m as unknown as Record<string, Tensor>)[parts[parts.length - 1]!] = t;
}

/** gradcheck of x ↦ layer(x) with respect to x and every parameter. */
function checkLayer(layer: nb.nn.Module, x: Tensor, options: { train?: boolean; before?: () => void; atol?: number } = {}): void {
  layer.train(options.train ?? true);
  const named = layer.namedParameters();
  const params = named.map(([, p]) => p.detach().clone().requiresGrad_());
  nb.gradcheck(
    (xx: Tensor, ...ps: Tensor[]) => {
      ps.forEach((p, i) => setParameter(layer, named[i]![0], p));
      options.before?.();
      return layer.call(xx);
    },
    [x.requiresGrad ? x : x.requiresGrad_(), ...params],
    { atol: options.atol ?? 1e-6, rtol: 1e-4 },
  );
}

let seed = 100;
function randn(...shape: number[]): Tensor {
  return nb.randn(shape, { ...F64, generator: new nb.Generator(seed++) });
}
/** Values on a shuffled ladder with gaps of 0.1: no ties, far from kinks for eps = 1e-6. */
function distinct(...shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const perm = nb.randperm(n, { generator: new nb.Generator(seed++) });
  return perm.to('float64').mul(0.1).sub(n * 0.05).reshape(shape);
}
const gen = (s: number): nb.Generator => new nb.Generator(s);

test('gradcheck Linear (2-D and batched 3-D input, with and without bias)', () => {
  checkLayer(new nn.Linear(3, 2, { ...F64, generator: gen(1) }), randn(4, 3));
  checkLayer(new nn.Linear(3, 2, { ...F64, bias: false, generator: gen(2) }), randn(2, 2, 3));
});

test('gradcheck Conv2d (padding, stride, dilation, groups, same)', () => {
  checkLayer(new nn.Conv2d(2, 3, 3, { ...F64, padding: 1, generator: gen(3) }), randn(1, 2, 4, 4));
  checkLayer(new nn.Conv2d(2, 2, [2, 3], { ...F64, stride: 2, padding: [1, 0], generator: gen(4) }), randn(1, 2, 5, 5));
  checkLayer(new nn.Conv2d(4, 2, 2, { ...F64, groups: 2, dilation: 2, generator: gen(5) }), randn(1, 4, 5, 5));
  checkLayer(new nn.Conv2d(1, 2, 4, { ...F64, padding: 'same', bias: false, generator: gen(6) }), randn(1, 1, 4, 5));
});

test('gradcheck MaxPool2d, AvgPool2d, AdaptiveAvgPool2d', () => {
  checkLayer(new nn.MaxPool2d(2), distinct(1, 2, 4, 4));
  checkLayer(new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }), distinct(1, 1, 6, 6));
  checkLayer(new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }), randn(1, 2, 5, 5));
  checkLayer(new nn.AdaptiveAvgPool2d([2, 3]), randn(1, 2, 5, 7));
  checkLayer(new nn.AdaptiveAvgPool2d(1), randn(2, 2, 3, 3));
});

test('gradcheck Flatten, Identity', () => {
  checkLayer(new nn.Flatten(), randn(2, 3, 2));
  checkLayer(new nn.Identity(), randn(3, 2));
});

test('gradcheck BatchNorm1d in training ([N, C] and [N, C, L]) and eval', () => {
  const bn = new nn.BatchNorm1d(3, F64);
  checkLayer(bn, randn(5, 3));
  checkLayer(new nn.BatchNorm1d(2, F64), randn(3, 2, 4));
  checkLayer(new nn.BatchNorm1d(2, { ...F64, affine: false, momentum: null }), randn(4, 2));
  checkLayer(bn, randn(4, 3), { train: false });
});

test('gradcheck BatchNorm2d in training and eval', () => {
  checkLayer(new nn.BatchNorm2d(2, F64), randn(2, 2, 3, 3));
  checkLayer(new nn.BatchNorm2d(2, { ...F64, trackRunningStats: false }), randn(2, 2, 2, 3), { train: false });
  checkLayer(new nn.BatchNorm2d(2, F64), randn(2, 2, 2, 2), { train: false });
});

test('gradcheck LayerNorm, GroupNorm, InstanceNorm2d', () => {
  checkLayer(new nn.LayerNorm(4, F64), randn(3, 4));
  checkLayer(new nn.LayerNorm([2, 3], { ...F64, bias: false }), randn(2, 2, 3));
  checkLayer(new nn.GroupNorm(2, 4, F64), randn(2, 4, 3));
  checkLayer(new nn.GroupNorm(1, 2, { ...F64, affine: false }), randn(2, 2, 2, 2));
  checkLayer(new nn.InstanceNorm2d(2, { ...F64, affine: true }), randn(2, 2, 3, 3));
  checkLayer(new nn.InstanceNorm2d(2, { ...F64, affine: true, trackRunningStats: true }), randn(2, 2, 2, 3));
  checkLayer(new nn.InstanceNorm2d(2, { ...F64, affine: true, trackRunningStats: true }), randn(2, 2, 2, 3), { train: false });
});

test('gradcheck Maxout and Residual', () => {
  checkLayer(new nn.Maxout(3, 2, 3, { ...F64, generator: gen(7) }), randn(4, 3));
  checkLayer(new nn.Residual(new nn.Linear(3, 3, { ...F64, generator: gen(8) })), randn(2, 3));
  const block = new nn.Sequential(new nn.Linear(3, 4, { ...F64, generator: gen(9) }), new nn.BatchNorm1d(4, F64));
  checkLayer(new nn.Residual(block, new nn.Linear(3, 4, { ...F64, bias: false, generator: gen(10) })), randn(4, 3));
});

test('gradcheck the random layers with a fixed mask (Dropout, Dropout2d, AlphaDropout, GaussianNoise)', () => {
  for (const layer of [new nn.Dropout(0.4), new nn.Dropout2d(0.5), new nn.AlphaDropout(0.3), new nn.GaussianNoise({ std: 0.5 })]) {
    const x = layer instanceof nn.Dropout2d ? randn(2, 3, 2, 2) : randn(4, 5);
    checkLayer(layer, x, { before: () => (layer.generator = gen(11)) });
  }
});

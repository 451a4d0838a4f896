/**
 * Convergence: every optimizer, with its usual settings, trains a small seeded tanh MLP
 * (2 → 16 → 1, raw tensors) on a fixed synthetic regression set to well below the loss of
 * predicting the mean.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

type Tensor = nb.Tensor;

function dataset(): { x: Tensor; y: Tensor } {
  const gen = new nb.Generator(2024);
  const x = nb.randn([64, 2], { generator: gen });
  const y = nb.noGrad(() => {
    const [a, b] = x.split(1, 1) as [Tensor, Tensor];
    return a.mul(1.5).sin().add(b.square().mul(0.5)).sub(0.5);
  });
  return { x, y };
}

function mlp(seed: number): Tensor[] {
  const gen = new nb.Generator(seed);
  return [
    nb.randn([2, 16], { generator: gen }).mul(Math.sqrt(1 / 2)).requiresGrad_(),
    nb.zeros([16], { requiresGrad: true }),
    nb.randn([16, 1], { generator: gen }).mul(Math.sqrt(1 / 16)).requiresGrad_(),
    nb.zeros([1], { requiresGrad: true }),
  ];
}

function loss(params: Tensor[], x: Tensor, y: Tensor): Tensor {
  const [w1, b1, w2, b2] = params as [Tensor, Tensor, Tensor, Tensor];
  return x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(y).square().mean();
}

const { x, y } = dataset();
const baseline = nb.noGrad(() => y.sub(y.mean()).square().mean().item());
const STEPS = 300;

const cases: [string, (p: Tensor[]) => nb.optim.Optimizer, number][] = [
  ['SGD', (p) => new nb.optim.SGD(p, { lr: 0.1 }), 0.1],
  ['SGD momentum', (p) => new nb.optim.SGD(p, { lr: 0.05, momentum: 0.9 }), 0.01],
  ['SGD nesterov', (p) => new nb.optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true }), 0.01],
  ['Adagrad', (p) => new nb.optim.Adagrad(p, { lr: 0.1 }), 0.05],
  ['Adadelta', (p) => new nb.optim.Adadelta(p), 0.1],
  ['RMSprop', (p) => new nb.optim.RMSprop(p), 0.1],
  ['Adam', (p) => new nb.optim.Adam(p, { lr: 0.01 }), 0.02],
  ['Adam amsgrad', (p) => new nb.optim.Adam(p, { lr: 0.01, amsgrad: true }), 0.02],
  ['AdamW', (p) => new nb.optim.AdamW(p, { lr: 0.01 }), 0.02],
  ['Adamax', (p) => new nb.optim.Adamax(p, { lr: 0.02 }), 0.02],
  ['NAdam', (p) => new nb.optim.NAdam(p, { lr: 0.01 }), 0.05],
];

for (const [name, make, ratio] of cases) {
  test(`${name} brings the loss below ${ratio} × the predict-the-mean loss in ${STEPS} steps`, () => {
    const params = mlp(7);
    const opt = make(params);
    let last = Infinity;
    for (let k = 0; k < STEPS; k++) {
      last = opt.step(() => {
        opt.zeroGrad();
        const l = loss(params, x, y);
        l.backward();
        return l.item();
      })!;
    }
    const final = nb.noGrad(() => loss(params, x, y).item());
    assert.ok(Number.isFinite(last));
    assert.ok(final < ratio * baseline, `${name}: final loss ${final.toFixed(4)} vs baseline ${baseline.toFixed(4)} (ratio ${(final / baseline).toFixed(3)})`);
  });
}

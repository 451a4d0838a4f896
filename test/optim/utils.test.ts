/** nb.nn.utils: gradient clipping against PyTorch, the MaxNorm constraint, penalties, vectors. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';
import { FIXTURES, fromJSON, initialParams, mse } from './problem.js';

const U = nb.nn.utils;
type Tensor = nb.Tensor;

function withGrads(grads: Tensor[]): Tensor[] {
  return grads.map((g) => {
    const p = nb.zerosLike(g).requiresGrad_();
    p.grad = g.clone();
    return p;
  });
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, rtol = 1e-12): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= rtol * Math.abs(b[i]!) + 1e-15, `${what} ${i}: ${a[i]} vs ${b[i]}`);
}

for (const c of FIXTURES.clipGradNorm) {
  test(`clipGradNorm matches torch.nn.utils.clip_grad_norm_: ${c.id} (maxNorm ${c.maxNorm}, normType ${c.normType})`, () => {
    const params = withGrads(c.grads.map(fromJSON));
    const total = U.clipGradNorm(params, c.maxNorm!, c.normType === 'inf' ? Infinity : c.normType!);
    assert.ok(total instanceof nb.Tensor && total.ndim === 0 && total.dtype === 'float64');
    close([total.item()], [c.totalNorm!], 'total norm');
    params.forEach((p, i) => close(p.grad!.data(), fromJSON(c.clipped[i]!).data(), `grad ${i}`));
  });
}

for (const c of FIXTURES.clipGradValue) {
  test(`clipGradValue matches torch.nn.utils.clip_grad_value_: ${c.id}`, () => {
    const params = withGrads(c.grads.map(fromJSON));
    U.clipGradValue(params, c.clipValue!);
    params.forEach((p, i) => assert.deepEqual(Array.from(p.grad!.data()), Array.from(fromJSON(c.clipped[i]!).data())));
  });
}

test('clipGradNorm: skips params without grad, returns 0 with none, errorIfNonfinite, and accepts one Tensor', () => {
  const a = nb.tensor([3, 4], { dtype: 'float64', requiresGrad: true });
  const b = nb.tensor([1], { dtype: 'float64', requiresGrad: true });
  a.grad = nb.tensor([3, 4], { dtype: 'float64' });
  assert.equal(U.clipGradNorm([a, b], 1).item(), 5);
  assert.equal(b.grad, null);
  assert.ok(Math.abs(a.grad.norm().item() - 1) < 1e-6);
  assert.equal(U.clipGradNorm([b], 1).item(), 0);
  a.grad = nb.tensor([NaN, 1], { dtype: 'float64' });
  assert.throws(() => U.clipGradNorm(a, 1, 2, { errorIfNonfinite: true }), /clipGradNorm: the total norm of order 2 for gradients from `parameters` is non-finite/);
  assert.ok(Number.isNaN(U.clipGradNorm(a, 1).item()));
  assert.throws(() => U.clipGradNorm([a], -1), /clipGradNorm: maxNorm must be a number >= 0, got -1/);
  assert.throws(() => U.clipGradNorm([a], 1, 0), /clipGradNorm: normType must be a number > 0 or Infinity/);
  assert.throws(() => U.clipGradNorm([a], 1, 2, { errorIfNonFinite: true } as object), /clipGradNorm: unknown option 'errorIfNonFinite'/);
  assert.throws(() => U.clipGradValue([a], -1), /clipGradValue: clipValue must be a number >= 0/);
});

test('clipGradNorm works on float32 grads and keeps their dtype', () => {
  const p = nb.zeros([3], { requiresGrad: true });
  p.grad = nb.tensor([30, 40, 0]);
  const total = U.clipGradNorm([p], 5);
  assert.equal(total.dtype, 'float32');
  assert.equal(total.item(), 50);
  assert.equal(p.grad.dtype, 'float32');
  assert.ok(Math.abs(p.grad.data()[0]! - 3) < 1e-5);
});

test('MaxNorm renormalises rows (dim 0) whose norm exceeds maxNorm, like torch.renorm, and skips 1-d params', () => {
  for (const c of FIXTURES.renorm) {
    const w = fromJSON(c.input).requiresGrad_();
    new U.MaxNorm(c.maxNorm, { dim: c.dim, normType: c.normType }).apply([w]);
    close(w.data(), fromJSON(c.output).data(), c.id);
  }
  const bias = nb.tensor([10, -10], { dtype: 'float64', requiresGrad: true });
  const weight = nb.tensor([[3, 4], [0.3, 0.4]], { dtype: 'float64', requiresGrad: true });
  new U.MaxNorm(2).apply([weight, bias]);
  assert.deepEqual(Array.from(bias.data()), [10, -10]);
  const n = weight.norm(2, 1).data();
  assert.ok(Math.abs(n[0]! - 2) < 1e-6 && n[1] === 0.5);
  assert.throws(() => new U.MaxNorm(-1), /MaxNorm: maxNorm must be a number >= 0/);
  assert.throws(() => new U.MaxNorm(1, { axis: 0 } as object), /MaxNorm: unknown option 'axis'/);
});

test('MaxNorm after each optimizer step keeps the constraint during training', () => {
  const params = initialParams();
  const opt = new nb.optim.SGD(params, { lr: 0.5, momentum: 0.9 });
  const c = new U.MaxNorm(0.8);
  for (let k = 0; k < 20; k++) {
    opt.zeroGrad();
    mse(params).backward();
    opt.step();
    c.apply(params);
    for (const p of params) if (p.ndim >= 2) for (const r of p.norm(2, 1).data()) assert.ok(r <= 0.8 + 1e-12);
  }
});

test('l1Penalty and l2Penalty: values and gradients; loss + (λ/2)·l2Penalty ≡ weightDecay λ', () => {
  const w = nb.tensor([[1, -2], [0, 3]], { dtype: 'float64', requiresGrad: true });
  const b = nb.tensor([-0.5], { dtype: 'float64', requiresGrad: true });
  const l1 = U.l1Penalty([w, b]);
  assert.equal(l1.item(), 6.5);
  l1.backward();
  assert.deepEqual(Array.from(w.grad!.data()), [1, -1, 0, 1]);
  w.grad = null;
  const l2 = U.l2Penalty([w, b]);
  assert.equal(l2.item(), 14.25);
  l2.backward();
  assert.deepEqual(Array.from(w.grad!.data()), [2, -4, 0, 6]);
  assert.equal(U.l2Penalty([]).item(), 0);

  const p1 = initialParams();
  const p2 = initialParams();
  const withDecay = new nb.optim.SGD(p1, { lr: 0.1, weightDecay: 0.2 });
  const withPenalty = new nb.optim.SGD(p2, { lr: 0.1 });
  for (let k = 0; k < 10; k++) {
    withDecay.zeroGrad();
    mse(p1).backward();
    withDecay.step();
    withPenalty.zeroGrad();
    mse(p2).add(U.l2Penalty(p2).mul(0.1)).backward();
    withPenalty.step();
  }
  p1.forEach((p, i) => close(p2[i]!.data(), p.data(), `param ${i}`, 1e-14));
});

test('parametersToVector / vectorToParameters round-trip', () => {
  const params = initialParams();
  const v = U.parametersToVector(params);
  assert.deepEqual(v.shape, [16]);
  const target = initialParams().map((p) => nb.zerosLike(p).requiresGrad_());
  U.vectorToParameters(v.mul(2), target);
  target.forEach((t, i) => assert.deepEqual(Array.from(t.data()), Array.from(params[i]!.data(), (x) => 2 * x)));
  assert.throws(() => U.vectorToParameters(nb.zeros([3], { dtype: 'float64' }), target), /vectorToParameters: vec has 3 elements but the parameters have 16/);
});

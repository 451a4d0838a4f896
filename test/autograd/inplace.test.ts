import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';

test('backward refuses a saved tensor modified in place after the forward pass', () => {
  const x = nb.tensor([1, 2], { requiresGrad: true });
  const c = nb.ones([2]);
  const y = x.mul(c);
  nb.noGrad(() => c.mul_(100));
  assert.throws(() => y.sum().backward(), /backward: a tensor used by 'mul' was modified in place after the forward pass/);
});

test('in-place writes before the forward pass are fine', () => {
  const x = nb.tensor([1, 2], { requiresGrad: true });
  const c = nb.ones([2]);
  nb.noGrad(() => c.mul_(3));
  x.mul(c).sum().backward();
  assert.deepEqual(Array.from(x.grad!.data()), [3, 3]);
});

test('in-place writes into an expanded view are refused', () => {
  const e = nb.ones([1, 3]).expand(4, 3);
  assert.throws(() => nb.noGrad(() => e.add_(1)), /add_: cannot write in place into an expanded tensor \(dim 0 has stride 0/);
});

test('0-d tensors do not raise the dtype of dimensioned tensors (PyTorch promotion)', () => {
  const f32 = nb.ones([2]);
  assert.equal(f32.mul(nb.tensor(2, { dtype: 'float64' })).dtype, 'float32');
  assert.equal(nb.ones([2], { dtype: 'int32' }).mul(nb.tensor(0.5, { dtype: 'float64' })).dtype, 'float32');
  assert.equal(nb.ones([2], { dtype: 'int32' }).add(nb.tensor(1, { dtype: 'int32' })).dtype, 'int32');
  assert.equal(f32.add(nb.ones([2], { dtype: 'float64' })).dtype, 'float64');
  assert.equal(nb.tensor(1).add(nb.tensor(1, { dtype: 'float64' })).dtype, 'float64');
});

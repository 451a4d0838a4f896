/** IEEE-754 semantics: NaN and ±Inf are produced and propagated as in PyTorch. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { values } from '../helpers.js';

const isNaNValue = (x: number): boolean => Number.isNaN(x);

describe('producing NaN and Inf', () => {
  test('0/0 is NaN, ±1/0 is ±Inf, for float32 and float64 (and int/int division)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const r = values(nb.tensor([0, 1, -1], { dtype }).div(0));
      assert.ok(isNaNValue(r[0]!));
      assert.equal(r[1], Infinity);
      assert.equal(r[2], -Infinity);
    }
    const q = values(nb.tensor([0, 3], { dtype: 'int32' }).div(nb.tensor([0, 0], { dtype: 'int32' })));
    assert.ok(isNaNValue(q[0]!));
    assert.equal(q[1], Infinity);
  });

  test('log(0) = -Inf, log(-1) = sqrt(-1) = NaN, exp overflows to Inf in float32 only', () => {
    assert.equal(nb.tensor([0]).log().item(), -Infinity);
    assert.ok(isNaNValue(nb.tensor([-1]).log().item()));
    assert.ok(isNaNValue(nb.tensor([-1]).sqrt().item()));
    assert.equal(nb.tensor([100]).exp().item(), Infinity);
    assert.ok(Number.isFinite(nb.tensor([100], { dtype: 'float64' }).exp().item()));
    assert.ok(isNaNValue(nb.tensor([Infinity]).sub(Infinity).item()));
    assert.ok(isNaNValue(nb.tensor([Infinity]).mul(0).item()));
  });
});

describe('isFinite, isNan, allFinite', () => {
  test('elementwise masks are bool tensors', () => {
    const x = nb.tensor([1, NaN, Infinity, -Infinity, 0]);
    const f = x.isFinite();
    assert.equal(f.dtype, 'bool');
    assert.deepEqual(values(f), [1, 0, 0, 0, 1]);
    assert.deepEqual(values(nb.isFinite(x)), [1, 0, 0, 0, 1]);
    assert.deepEqual(values(x.isNan()), [0, 1, 0, 0, 0]);
    assert.equal(x.isNan().dtype, 'bool');
    assert.deepEqual(values(nb.arange(3).isFinite()), [1, 1, 1]);
  });

  test('allFinite is the NaN/Inf guard of a training loop', () => {
    assert.equal(nb.tensor([1, 2, 3]).allFinite(), true);
    assert.equal(nb.tensor([1, NaN]).allFinite(), false);
    assert.equal(nb.tensor([1, -Infinity], { dtype: 'float64' }).allFinite(), false);
    assert.equal(nb.allFinite(nb.tensor([Infinity])), false);
    assert.equal(nb.arange(4).allFinite(), true);
    assert.equal(nb.zeros([0]).allFinite(), true);
    // looks at the view, not the whole storage
    const x = nb.tensor([1, NaN, 3]);
    assert.equal(x.slice(0, 0, 3, 2).allFinite(), true);
    assert.equal(x.narrow(0, 1, 1).allFinite(), false);
  });
});

describe('NaN propagation', () => {
  test('comparisons with NaN are false (ne is true)', () => {
    const n = nb.tensor([NaN, NaN]);
    assert.deepEqual(values(n.eq(nb.tensor([NaN, 1]))), [0, 0]);
    assert.deepEqual(values(n.ne(nb.tensor([NaN, 1]))), [1, 1]);
    assert.deepEqual(values(n.lt(0)), [0, 0]);
    assert.deepEqual(values(n.ge(0)), [0, 0]);
  });

  test('sum and mean propagate NaN; Inf - Inf inside a sum is NaN', () => {
    assert.ok(isNaNValue(nb.tensor([1, NaN, 3]).sum().item()));
    assert.ok(isNaNValue(nb.tensor([1, NaN, 3]).mean().item()));
    const rows = values(nb.tensor([[1, NaN], [3, 4]]).sum(1));
    assert.ok(isNaNValue(rows[0]!));
    assert.equal(rows[1], 7);
    assert.ok(isNaNValue(nb.tensor([Infinity, -Infinity]).sum().item()));
    assert.equal(nb.tensor([Infinity, 1]).sum().item(), Infinity);
  });

  test('max/min reductions return NaN if any element is NaN, wherever it is', () => {
    for (const data of [[NaN, 1, 2], [1, NaN, 2], [1, 2, NaN]]) {
      assert.ok(isNaNValue(nb.tensor(data).max().item()), `max of ${data}`);
      assert.ok(isNaNValue(nb.tensor(data).min().item()), `min of ${data}`);
    }
    const m = values(nb.tensor([[1, NaN], [3, 4]]).max(1));
    assert.ok(isNaNValue(m[0]!));
    assert.equal(m[1], 4);
    // argmax points at the NaN, as torch.argmax does
    assert.equal(nb.tensor([1, NaN, 3]).argmax().item(), 1);
    assert.equal(nb.tensor([5, 7, NaN]).argmin().item(), 2);
    assert.equal(nb.tensor([-Infinity, -Infinity]).max().item(), -Infinity);
  });

  test('maximum/minimum propagate NaN from either side', () => {
    const a = nb.tensor([1, NaN, NaN, 4]);
    const b = nb.tensor([NaN, 2, NaN, 3]);
    for (const r of [values(nb.maximum(a, b)), values(nb.minimum(a, b))]) {
      assert.ok(r.slice(0, 3).every(isNaNValue), JSON.stringify(r));
    }
    assert.equal(values(nb.maximum(a, b))[3], 4);
    assert.equal(values(nb.minimum(a, b))[3], 3);
    assert.ok(isNaNValue(nb.tensor([NaN]).maximum(0).item()));
  });

  test('relu, clamp and other activations keep NaN', () => {
    const r = values(nb.tensor([NaN, -1, 2]).relu());
    assert.ok(isNaNValue(r[0]!));
    assert.deepEqual(r.slice(1), [0, 2]);
    assert.ok(isNaNValue(nb.tensor([NaN]).clamp(0, 1).item()));
    assert.ok(isNaNValue(nb.tensor([NaN]).sigmoid().item()));
    assert.ok(isNaNValue(nb.tensor([NaN]).tanh().item()));
    assert.deepEqual(values(nb.tensor([Infinity, -Infinity]).sigmoid()), [1, 0]);
    assert.deepEqual(values(nb.tensor([Infinity, -Infinity]).relu()), [Infinity, 0]);
  });

  test('maxPool2d propagates NaN in any window position', () => {
    for (let pos = 0; pos < 4; pos++) {
      const data = [1, 2, 3, 4];
      data[pos] = NaN;
      const x = nb.tensor(data).reshape(1, 1, 2, 2);
      const out = nb.maxPool2d(x, 2);
      assert.deepEqual(out.shape, [1, 1, 1, 1]);
      assert.ok(isNaNValue(out.item()), `NaN at position ${pos} was dropped`);
    }
    // only the window containing the NaN is affected
    const x = nb.tensor([[1, 2, 5, 6], [3, NaN, 7, 8]]).reshape(1, 1, 2, 4);
    const out = values(nb.maxPool2d(x, 2));
    assert.ok(isNaNValue(out[0]!));
    assert.equal(out[1], 8);
    // and a NaN window's arg-max index points at the NaN
    const { indices } = nb.maxPool2dWithIndices(x, 2);
    assert.equal(values(indices)[0], 5); // row 1, column 1 of a width-4 plane
  });

  test('softmax of a row containing NaN does not poison other rows', () => {
    const s = nb.tensor([[0, 0], [1, 2]]).softmax(1);
    assert.equal(s.allFinite(), true);
    const withNaN = values(nb.tensor([[NaN, 0], [1, 2]]).softmax(1));
    assert.ok(isNaNValue(withNaN[0]!) && isNaNValue(withNaN[1]!));
    assert.ok(Number.isFinite(withNaN[2]!) && Number.isFinite(withNaN[3]!));
  });
});

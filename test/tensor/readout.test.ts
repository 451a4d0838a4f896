/** Getting values out: toArray(), data(), item(), toString(). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as nb from '../../src/index.js';
import { throwsMatching } from '../helpers.js';

describe('toArray()', () => {
  test('mirrors the shape with nested arrays; a 0-d tensor gives a number', () => {
    assert.deepEqual(nb.tensor([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(nb.zeros([2, 1, 2]).toArray(), [[[0, 0]], [[0, 0]]]);
    assert.equal(nb.tensor(2.5).toArray(), 2.5);
    assert.deepEqual(nb.zeros([0]).toArray(), []);
    assert.deepEqual(nb.zeros([2, 0]).toArray(), [[], []]);
  });

  test('reads views in logical (row-major) order', () => {
    const x = nb.tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(x.T.toArray(), [[1, 4], [2, 5], [3, 6]]);
    assert.deepEqual(x.flip(0).toArray(), [[4, 5, 6], [1, 2, 3]]);
  });
});

describe('data()', () => {
  test('returns a typed array of the dtype, row-major', () => {
    assert.ok(nb.zeros([2]).data() instanceof Float32Array);
    assert.ok(nb.zeros([2], { dtype: 'float64' }).data() instanceof Float64Array);
    assert.ok(nb.arange(2).data() instanceof Int32Array);
    assert.ok(nb.tensor([true]).data() instanceof Uint8Array);
    const t = nb.tensor([[1, 2, 3], [4, 5, 6]]).transpose(0, 1);
    assert.deepEqual(Array.from(t.data()), [1, 4, 2, 5, 3, 6]);
    assert.equal(t.data().length, 6);
  });

  test('is a copy: writing to it does not change the tensor', () => {
    const t = nb.tensor([1, 2, 3]);
    const d = t.data();
    d[0] = 100;
    assert.deepEqual(Array.from(t.data()), [1, 2, 3]);
    // also for a view with an offset
    const big = nb.arange(10).float();
    const s = big.narrow(0, 5, 3);
    const sd = s.data();
    assert.deepEqual(Array.from(sd), [5, 6, 7]);
    sd[0] = -1;
    assert.equal(big.data()[5], 5);
  });
});

describe('item()', () => {
  test('returns the value of any one-element tensor', () => {
    assert.equal(nb.tensor(3).item(), 3);
    assert.equal(nb.tensor([[[0.5]]]).item(), 0.5);
    assert.equal(nb.tensor([0.1], { dtype: 'float64' }).item(), 0.1);
    assert.equal(nb.arange(5).narrow(0, 3, 1).item(), 3);
    assert.equal(typeof nb.tensor([true]).item(), 'number');
  });

  test('throws on multi-element and empty tensors, naming the shape', () => {
    throwsMatching(() => nb.zeros([2, 3]).item(), /item/, /\[2,3\]/);
    throwsMatching(() => nb.zeros([0]).item(), /item/, /\[0\]/);
  });
});

describe('toString()', () => {
  test('shows the values, the shape and the dtype', () => {
    const s = nb.tensor([[1, 2.5], [3, 4]]).toString();
    assert.match(s, /^tensor\(/);
    assert.match(s, /shape=\[2,2\]/);
    assert.match(s, /dtype=float32/);
    assert.match(s, /2\.5/);
    assert.match(nb.arange(3).toString(), /dtype=int32/);
    assert.match(nb.arange(3).toString(), /\[0, 1, 2\]/);
    assert.match(nb.tensor([true, false]).toString(), /\[true, false\]/);
    assert.match(nb.tensor(7, { dtype: 'float64' }).toString(), /tensor\(7\., shape=\[\], dtype=float64\)/);
    assert.match(nb.tensor([NaN, Infinity, -Infinity]).toString(), /nan, inf, -inf/);
  });

  test('shows requiresGrad on leaves and gradFn on non-leaves', () => {
    const x = nb.ones([2], { requiresGrad: true });
    assert.match(x.toString(), /requiresGrad=true/);
    assert.match(x.exp().toString(), /gradFn=exp/);
    assert.doesNotMatch(nb.ones([2]).toString(), /requiresGrad|gradFn/);
  });

  test('summarises large tensors with "..."', () => {
    const big = nb.arange(5000);
    const s = big.toString();
    assert.match(s, /\.\.\./);
    assert.match(s, /shape=\[5000\]/);
    assert.match(s, /\[0, 1, 2, \.\.\., 4997, 4998, 4999\]/);
    assert.ok(s.length < 200, `summary should be short, got ${s.length} chars`);
    const big2 = nb.arange(3000).reshape(100, 30).toString();
    assert.match(big2, /\.\.\./);
    assert.match(big2, /shape=\[100,30\]/);
    assert.doesNotMatch(nb.arange(10).toString(), /\.\.\./);
  });

  test('template literals and util.inspect use the same format', () => {
    const t = nb.tensor([1, 2]);
    assert.equal(`${t}`, t.toString());
    assert.equal(inspect(t), t.toString());
  });
});

/** Tensor constructors: tensor(), zeros/ones/full, arange, linspace, eye, the *Like family, options. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { throwsMatching, values } from '../helpers.js';

describe('tensor()', () => {
  test('from nested arrays: shape, default float32 dtype and row-major values', () => {
    const t = nb.tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, 'float32');
    assert.ok(t.data() instanceof Float32Array);
    assert.deepEqual(values(t), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
    const t3 = nb.tensor([[[1], [2]], [[3], [4]]]);
    assert.deepEqual(t3.shape, [2, 2, 1]);
    assert.equal(t3.isContiguous(), true);
    assert.deepEqual(t3.strides, [2, 1, 1]);
  });

  test('float32 rounds values; float64 keeps them exactly', () => {
    assert.equal(nb.tensor([0.1]).data()[0], Math.fround(0.1));
    assert.equal(nb.tensor([0.1], { dtype: 'float64' }).data()[0], 0.1);
  });

  test('from a number gives a 0-d tensor; empty arrays give zero-size dims', () => {
    const s = nb.tensor(3.5);
    assert.deepEqual(s.shape, []);
    assert.equal(s.ndim, 0);
    assert.equal(s.numel(), 1);
    assert.equal(s.item(), 3.5);
    assert.deepEqual(nb.tensor([]).shape, [0]);
    assert.deepEqual(nb.tensor([[], []]).shape, [2, 0]);
    assert.equal(nb.tensor([[], []]).numel(), 0);
  });

  test('from typed arrays: dtype follows the array type, data is copied', () => {
    const src = new Float64Array([1.5, 0.1, -2]);
    const t = nb.tensor(src);
    assert.equal(t.dtype, 'float64');
    assert.deepEqual(t.shape, [3]);
    src[0] = 99;
    assert.deepEqual(values(t), [1.5, 0.1, -2], 'the tensor must not alias the source array');
    assert.equal(nb.tensor(new Float32Array([1, 2])).dtype, 'float32');
    const i = nb.tensor(new Int32Array([7, -8]));
    assert.equal(i.dtype, 'int32');
    assert.deepEqual(values(i), [7, -8]);
    assert.equal(nb.tensor(new Uint8Array([1, 0])).dtype, 'bool');
    // other typed arrays convert to the default dtype
    assert.equal(nb.tensor(new Int16Array([1, 2])).dtype, 'float32');
    const c = nb.tensor(new Float64Array([0.1, 2.7]), { dtype: 'float32' });
    assert.deepEqual(values(c), [Math.fround(0.1), Math.fround(2.7)]);
  });

  test('from booleans gives a bool tensor; mixed booleans and numbers give float32', () => {
    const b = nb.tensor([[true, false], [false, true]]);
    assert.equal(b.dtype, 'bool');
    assert.ok(b.data() instanceof Uint8Array);
    assert.deepEqual(values(b), [1, 0, 0, 1]);
    const m = nb.tensor([true, 2.5]);
    assert.equal(m.dtype, 'float32');
    assert.deepEqual(values(m), [1, 2.5]);
  });

  test('an explicit dtype converts like PyTorch: int truncates toward zero, bool is "non-zero"', () => {
    assert.deepEqual(values(nb.tensor([1.7, -1.7, 2], { dtype: 'int32' })), [1, -1, 2]);
    assert.deepEqual(values(nb.tensor([0, 0.5, -2], { dtype: 'bool' })), [0, 1, 1]);
    assert.deepEqual(values(nb.tensor([true, false], { dtype: 'float64' })), [1, 0]);
  });

  test('typed-array input converts to bool the same way as nested arrays (non-zero → 1)', () => {
    const fromTyped = nb.tensor(new Float32Array([0, 0.5, 2, -3]), { dtype: 'bool' });
    const fromNested = nb.tensor([0, 0.5, 2, -3], { dtype: 'bool' });
    assert.deepEqual(values(fromNested), [0, 1, 1, 1]);
    assert.deepEqual(values(fromTyped), [0, 1, 1, 1]);
    // a Uint8Array becomes a bool tensor, so its elements must be 0 or 1
    assert.deepEqual(values(nb.tensor(new Uint8Array([0, 5, 255]))), [0, 1, 1]);
  });

  test('ragged nested arrays are an error naming "ragged"', () => {
    throwsMatching(() => nb.tensor([[1, 2], [3]]), /tensor/, /ragged/);
    throwsMatching(() => nb.tensor([[1, 2], 3]), /ragged/);
    throwsMatching(() => nb.tensor([[[1], [2]], [[3]]]), /ragged/);
    throwsMatching(() => nb.tensor([1, [2]]), /ragged/);
  });

  test('non-numeric elements and Tensor inputs are errors', () => {
    throwsMatching(() => nb.tensor([1, 'a']), /tensor/, /element 1/, /string/);
    throwsMatching(() => nb.tensor([[1, null]]), /null/);
    throwsMatching(() => nb.tensor(nb.ones([2])), /clone|detach/);
  });

  test('requiresGrad option', () => {
    const t = nb.tensor([1, 2], { requiresGrad: true });
    assert.equal(t.requiresGrad, true);
    assert.equal(t.isLeaf, true);
    assert.equal(nb.tensor([1, 2]).requiresGrad, false);
  });
});

describe('zeros, ones, full', () => {
  test('accept an array shape or varargs, with options last', () => {
    for (const t of [nb.zeros([2, 3]), nb.zeros(2, 3)]) {
      assert.deepEqual(t.shape, [2, 3]);
      assert.equal(t.dtype, 'float32');
      assert.deepEqual(values(t), [0, 0, 0, 0, 0, 0]);
    }
    const o = nb.ones(2, 2, { dtype: 'float64' });
    assert.equal(o.dtype, 'float64');
    assert.deepEqual(values(o), [1, 1, 1, 1]);
    const oi = nb.ones([3], { dtype: 'int32' });
    assert.equal(oi.dtype, 'int32');
    assert.ok(oi.data() instanceof Int32Array);
    const g = nb.zeros([2], { requiresGrad: true });
    assert.equal(g.requiresGrad, true);
    assert.deepEqual(nb.ones(4).shape, [4]);
  });

  test('empty shape gives a 0-d tensor; zero-size dims are allowed', () => {
    assert.deepEqual(nb.zeros([]).shape, []);
    assert.equal(nb.ones([]).item(), 1);
    assert.deepEqual(nb.zeros(0, 3).shape, [0, 3]);
    assert.equal(nb.zeros(0, 3).numel(), 0);
  });

  test('full fills with the value in the requested dtype', () => {
    assert.deepEqual(values(nb.full([2, 2], 7.5)), [7.5, 7.5, 7.5, 7.5]);
    assert.deepEqual(values(nb.full([2], -3, { dtype: 'int32' })), [-3, -3]);
    assert.deepEqual(values(nb.full([2], 3, { dtype: 'bool' })), [1, 1]);
    assert.equal(nb.full([1], 0.1, { dtype: 'float64' }).item(), 0.1);
    assert.ok(Number.isNaN(nb.full([1], NaN).item()));
  });

  test('invalid shapes are errors naming the op', () => {
    throwsMatching(() => nb.zeros(-1), /zeros/, /non-negative/);
    throwsMatching(() => nb.ones(2.5), /ones/);
    throwsMatching(() => nb.full([2, -1], 0), /full/);
  });
});

describe('arange', () => {
  test('integer arguments give int32, fractional give float32', () => {
    const a = nb.arange(5);
    assert.equal(a.dtype, 'int32');
    assert.deepEqual(values(a), [0, 1, 2, 3, 4]);
    assert.deepEqual(values(nb.arange(2, 8, 2)), [2, 4, 6]);
    assert.deepEqual(values(nb.arange(10, 0, -3)), [10, 7, 4, 1]);
    const f = nb.arange(0, 1, 0.25);
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(values(f), [0, 0.25, 0.5, 0.75]);
    assert.equal(nb.arange(1.5).dtype, 'float32');
    assert.deepEqual(values(nb.arange(1.5)), [0, 1]);
    assert.equal(nb.arange(0, 1, 0.1).numel(), 10); // end excluded
    assert.equal(nb.arange(3, undefined, 1, { dtype: 'float64' }).dtype, 'float64');
    assert.deepEqual(nb.arange(4, 4).shape, [0]);
  });

  test('bad arguments are errors', () => {
    throwsMatching(() => nb.arange(0, 1, 0), /arange/, /step/);
    throwsMatching(() => nb.arange(0, -1), /arange/);
    throwsMatching(() => nb.arange(0, Infinity), /finite/);
  });
});

describe('linspace', () => {
  test('endpoints are exact and the spacing is even', () => {
    assert.deepEqual(values(nb.linspace(0, 1, 5)), [0, 0.25, 0.5, 0.75, 1]);
    const a = nb.linspace(-3.3, 7.7, 11);
    assert.equal(a.dtype, 'float32');
    assert.equal(a.data()[0], Math.fround(-3.3));
    assert.equal(a.data()[10], Math.fround(7.7));
    const d = nb.linspace(-3.3, 7.7, 11, { dtype: 'float64' });
    assert.equal(d.data()[0], -3.3);
    assert.equal(d.data()[10], 7.7);
    const dv = values(d);
    for (let i = 1; i < dv.length; i++) assert.ok(Math.abs(dv[i]! - dv[i - 1]! - 1.1) < 1e-12);
    const r = nb.linspace(0.1, 0.7, 7, { dtype: 'float64' });
    assert.equal(r.data()[6], 0.7);
    assert.equal(r.data()[0], 0.1);
    assert.deepEqual(values(nb.linspace(5, 1, 3)), [5, 3, 1]);
  });

  test('steps = 0 gives an empty tensor, steps = 1 gives [start] (as torch.linspace)', () => {
    assert.deepEqual(nb.linspace(0, 1, 0).shape, [0]);
    assert.deepEqual(values(nb.linspace(2, 9, 2)), [2, 9]);
    assert.deepEqual(values(nb.linspace(2, 9, 1)), [2]);
  });

  test('bad steps are errors', () => {
    throwsMatching(() => nb.linspace(0, 1, -1), /linspace/, /steps/);
    throwsMatching(() => nb.linspace(0, 1, 2.5), /linspace/);
  });
});

describe('eye', () => {
  test('square and rectangular identity matrices', () => {
    const i3 = nb.eye(3);
    assert.deepEqual(i3.shape, [3, 3]);
    assert.deepEqual(i3.toArray(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    assert.deepEqual(nb.eye(2, 3).toArray(), [[1, 0, 0], [0, 1, 0]]);
    assert.deepEqual(nb.eye(3, 2).toArray(), [[1, 0], [0, 1], [0, 0]]);
    const e = nb.eye(2, 2, { dtype: 'int32' });
    assert.equal(e.dtype, 'int32');
    assert.deepEqual(nb.eye(0).shape, [0, 0]);
    throwsMatching(() => nb.eye(-1), /eye/);
  });
});

describe('*Like constructors', () => {
  test('zerosLike/onesLike/fullLike keep shape and dtype, and accept overrides', () => {
    const i = nb.arange(6).reshape(2, 3);
    const z = nb.zerosLike(i);
    assert.deepEqual(z.shape, [2, 3]);
    assert.equal(z.dtype, 'int32');
    assert.deepEqual(values(z), [0, 0, 0, 0, 0, 0]);
    const o = nb.onesLike(i, { dtype: 'float64' });
    assert.equal(o.dtype, 'float64');
    assert.deepEqual(values(o), [1, 1, 1, 1, 1, 1]);
    const f = nb.fullLike(nb.zeros([2], { dtype: 'float64' }), 0.1);
    assert.equal(f.dtype, 'float64');
    assert.deepEqual(values(f), [0.1, 0.1]);
  });

  test('do not copy requiresGrad (as torch.zeros_like) unless asked, and never share storage', () => {
    const x = nb.ones([2], { requiresGrad: true });
    const z = nb.zerosLike(x);
    assert.equal(z.requiresGrad, false);
    assert.notEqual(z.storage, x.storage);
    assert.equal(nb.onesLike(x, { requiresGrad: true }).requiresGrad, true);
  });

  test('randLike/randnLike keep the shape and a float dtype', () => {
    const g = new nb.Generator(1);
    const r = nb.randLike(nb.zeros([3, 2], { dtype: 'float64' }), { generator: g });
    assert.deepEqual(r.shape, [3, 2]);
    assert.equal(r.dtype, 'float64');
    for (const v of values(r)) assert.ok(v >= 0 && v < 1);
    const n = nb.randnLike(nb.arange(4), { generator: g });
    assert.equal(n.dtype, 'float32');
    assert.deepEqual(n.shape, [4]);
  });
});

describe('options', () => {
  test('an unknown option key is an error naming the key', () => {
    throwsMatching(() => nb.zeros(2, { dtyp: 'float64' } as never), /unknown option/, /'dtyp'/);
    throwsMatching(() => nb.tensor([1], { requiresgrad: true } as never), /tensor/, /'requiresgrad'/);
    throwsMatching(() => nb.full([1], 0, { device: 'gpu' } as never), /full/, /'device'/);
    throwsMatching(() => nb.arange(3, undefined, 1, { dype: 'int32' } as never), /arange/, /'dype'/);
    throwsMatching(() => nb.linspace(0, 1, 3, { Dtype: 'float64' } as never), /linspace/, /'Dtype'/);
    throwsMatching(() => nb.eye(2, 2, { sparse: true } as never), /eye/, /'sparse'/);
    throwsMatching(() => nb.randn(2, { seed: 1 } as never), /randn/, /'seed'/);
    throwsMatching(() => nb.randint(0, 3, [2], { gen: 1 } as never), /randint/, /'gen'/);
    throwsMatching(() => nb.randperm(3, { bogus: 1 } as never), /randperm/, /'bogus'/);
    throwsMatching(() => nb.zerosLike(nb.ones([1]), { foo: 1 } as never), /'foo'/);
  });

  test('an unknown-option error from a *Like constructor names that constructor', () => {
    throwsMatching(() => nb.zerosLike(nb.ones([1]), { foo: 1 } as never), /zerosLike/);
    throwsMatching(() => nb.fullLike(nb.ones([1]), 2, { foo: 1 } as never), /fullLike/);
  });

  test('an unknown dtype is an error naming it', () => {
    throwsMatching(() => nb.tensor([1], { dtype: 'float16' as nb.DType }), /dtype/, /float16/);
    throwsMatching(() => nb.zeros(2, { dtype: 'int64' as nb.DType }), /int64/);
    throwsMatching(() => nb.randn(2, { dtype: 'int32' }), /randn/, /float32 or float64/);
  });
});

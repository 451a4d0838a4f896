/**
 * Views share storage without copying: a write through the base is visible through the view and
 * vice versa. reshape copies only when it must; view() never copies.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { throwsMatching, values } from '../helpers.js';

/** 0..n-1 as float32, reshaped. */
const grid = (...shape: number[]): nb.Tensor => nb.arange(shape.reduce((a, b) => a * b, 1)).float().reshape(shape);

/** Writes v at a multi-index of t in place (through narrow views), under noGrad. */
function setAt(t: nb.Tensor, index: number[], v: number): void {
  nb.noGrad(() => {
    let s = t;
    index.forEach((i, d) => (s = s.narrow(d, i, 1)));
    s.fill_(v);
  });
}

describe('views share storage', () => {
  test('reshape of a contiguous tensor is a view', () => {
    const x = grid(6);
    const r = x.reshape(2, 3);
    assert.equal(r.storage, x.storage);
    assert.deepEqual(r.strides, [3, 1]);
    setAt(x, [4], 100);
    assert.deepEqual(r.toArray(), [[0, 1, 2], [3, 100, 5]]);
    setAt(r, [0, 2], -1);
    assert.deepEqual(values(x), [0, 1, -1, 3, 100, 5]);
    const inferred = x.reshape(-1, 2);
    assert.deepEqual(inferred.shape, [3, 2]);
    assert.equal(inferred.storage, x.storage);
  });

  test('reshape of a contiguous slice with an offset is a view at that offset', () => {
    const x = grid(4, 3);
    const rows = x.narrow(0, 1, 2); // rows 1..2, contiguous, offset 3
    assert.equal(rows.isContiguous(), true);
    const flat = rows.reshape(6);
    assert.equal(flat.storage, x.storage);
    assert.deepEqual(values(flat), [3, 4, 5, 6, 7, 8]);
    setAt(x, [2, 0], 60);
    assert.equal(flat.data()[3], 60);
  });

  test('transpose and permute swap strides and share storage', () => {
    const x = grid(2, 3);
    const t = x.transpose(0, 1);
    assert.equal(t.storage, x.storage);
    assert.deepEqual(t.shape, [3, 2]);
    assert.deepEqual(t.strides, [1, 3]);
    assert.equal(t.isContiguous(), false);
    assert.deepEqual(t.toArray(), [[0, 3], [1, 4], [2, 5]]);
    setAt(x, [0, 1], 42);
    assert.deepEqual(t.toArray(), [[0, 3], [42, 4], [2, 5]]);
    setAt(t, [2, 1], -5); // = x[1][2]
    assert.deepEqual(x.toArray(), [[0, 42, 2], [3, 4, -5]]);
    assert.deepEqual(x.T.strides, [1, 3]);
    assert.equal(x.mT.storage, x.storage);

    const y = grid(2, 3, 4);
    const p = y.permute(2, 0, 1);
    assert.equal(p.storage, y.storage);
    assert.deepEqual(p.shape, [4, 2, 3]);
    assert.deepEqual(p.strides, [1, 12, 4]);
    setAt(y, [1, 2, 3], 999);
    assert.deepEqual((p.toArray() as number[][][])[3]![1]![2], 999);
  });

  test('slice with a step is a strided view', () => {
    const x = grid(10);
    const s = x.slice(0, 1, 9, 3); // 1, 4, 7
    assert.equal(s.storage, x.storage);
    assert.deepEqual(s.shape, [3]);
    assert.deepEqual(s.strides, [3]);
    assert.deepEqual(values(s), [1, 4, 7]);
    nb.noGrad(() => s.fill_(-1));
    assert.deepEqual(values(x), [0, -1, 2, 3, -1, 5, 6, -1, 8, 9]);
    setAt(x, [7], 70);
    assert.deepEqual(values(s), [-1, -1, 70]);
    // Python-style negative and out-of-range bounds
    assert.deepEqual(values(grid(10).slice(0, -3)), [7, 8, 9]);
    assert.deepEqual(values(grid(10).slice(0, 8, 100)), [8, 9]);
    assert.deepEqual(grid(10).slice(0, 5, 2).shape, [0]);
    // a stepped slice along an inner dim
    const m = grid(3, 4).slice(1, 0, undefined, 2);
    assert.deepEqual(m.toArray(), [[0, 2], [4, 6], [8, 10]]);
  });

  test('expand gives stride 0 on broadcast dims', () => {
    const x = nb.tensor([[1], [2]]);
    const e = x.expand(2, 3);
    assert.equal(e.storage, x.storage);
    assert.deepEqual(e.strides, [1, 0]);
    assert.deepEqual(e.toArray(), [[1, 1, 1], [2, 2, 2]]);
    setAt(x, [1, 0], 7);
    assert.deepEqual(e.toArray(), [[1, 1, 1], [7, 7, 7]]);
    const lead = nb.tensor([1, 2, 3]).expand(2, -1);
    assert.deepEqual(lead.strides, [0, 1]);
    assert.deepEqual(lead.shape, [2, 3]);
    assert.equal(x.storage.length, 2, 'no copy was made');
  });

  test('flip is a view with a negative stride', () => {
    const x = grid(2, 3);
    const f = x.flip(1);
    assert.equal(f.storage, x.storage);
    assert.deepEqual(f.strides, [3, -1]);
    assert.deepEqual(f.toArray(), [[2, 1, 0], [5, 4, 3]]);
    setAt(x, [1, 0], 30);
    assert.deepEqual(f.toArray(), [[2, 1, 0], [5, 4, 30]]);
    setAt(f, [0, 0], 20); // = x[0][2]
    assert.deepEqual(x.toArray(), [[0, 1, 20], [30, 4, 5]]);
    assert.deepEqual(grid(2, 2).flip([0, 1]).toArray(), [[3, 2], [1, 0]]);
  });

  test('squeeze, unsqueeze, narrow, split and chunk are views too', () => {
    const x = grid(1, 4);
    for (const v of [x.squeeze(), x.unsqueeze(0), x.narrow(1, 1, 2), ...x.split(2, 1), ...x.chunk(2, 1)]) {
      assert.equal(v.storage, x.storage);
    }
    const [a, b] = x.split([1, 3], 1) as [nb.Tensor, nb.Tensor];
    setAt(x, [0, 3], 33);
    assert.deepEqual(values(b), [1, 2, 33]);
    assert.deepEqual(values(a), [0]);
  });

  test('views of views compose their strides and offsets', () => {
    const x = grid(4, 5);
    const v = x.transpose(0, 1).slice(0, 1, 5, 2).flip(1); // rows 1,3 of xᵀ, columns reversed
    assert.equal(v.storage, x.storage);
    assert.deepEqual(v.toArray(), [[16, 11, 6, 1], [18, 13, 8, 3]]);
    setAt(v, [1, 0], -18); // = x[3][3]
    assert.equal((x.toArray() as number[][])[3]![3], -18);
  });
});

describe('copies', () => {
  test('reshape of a non-contiguous tensor copies (and gives the right order)', () => {
    const x = grid(2, 3);
    const r = x.transpose(0, 1).reshape(6);
    assert.notEqual(r.storage, x.storage);
    assert.deepEqual(values(r), [0, 3, 1, 4, 2, 5]);
    setAt(r, [0], 100);
    assert.equal(x.data()[0], 0, 'the copy is independent of the base');
    // a flipped or expanded view must copy as well
    assert.notEqual(x.flip(0).reshape(6).storage, x.storage);
    assert.deepEqual(values(x.flip(0).reshape(6)), [3, 4, 5, 0, 1, 2]);
    const e = nb.tensor([1, 2]).expand(3, 2);
    assert.deepEqual(values(e.reshape(6)), [1, 2, 1, 2, 1, 2]);
  });

  test('view() shares storage on contiguous tensors and throws on non-contiguous ones', () => {
    const x = grid(2, 3);
    const v = x.view(3, 2);
    assert.equal(v.storage, x.storage);
    throwsMatching(() => x.transpose(0, 1).view(6), /view/, /contiguous/, /reshape/, /\[3,2\]/);
    throwsMatching(() => x.slice(1, 0, 3, 2).view(4), /view/, /contiguous/);
    assert.equal(x.transpose(0, 1).contiguous().view(6).numel(), 6);
  });

  test('contiguous() returns the tensor itself when already contiguous, else a copy', () => {
    const x = grid(2, 3);
    assert.equal(x.contiguous(), x);
    const t = x.transpose(0, 1);
    const c = t.contiguous();
    assert.notEqual(c.storage, x.storage);
    assert.equal(c.isContiguous(), true);
    assert.deepEqual(c.toArray(), t.toArray());
    assert.notEqual(x.clone().storage, x.storage);
  });

  test('gradients flow back through views to the right positions', () => {
    const x = nb.zeros([2, 3], { requiresGrad: true });
    const w = nb.tensor([[1, 2], [3, 4], [5, 6]]);
    // transpose then stepped slice then flip
    x.transpose(0, 1).slice(0, 0, 3, 2).flip(1).mul(w.slice(0, 0, 3, 2)).sum().backward();
    // v[i][j] = x[1-j][2i] for i in {0,1}: grads at x[1][0]=1, x[0][0]=2, x[1][2]=5, x[0][2]=6
    assert.deepEqual(x.grad!.toArray(), [[2, 0, 6], [1, 0, 5]]);
    const y = nb.tensor([1, 2], { requiresGrad: true });
    y.expand(3, 2).sum().backward();
    assert.deepEqual(values(y.grad!), [3, 3]);
  });
});

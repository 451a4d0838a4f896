/** dtypes and PyTorch-style type promotion. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { throwsMatching, values } from '../helpers.js';

const i32 = (d: unknown): nb.Tensor => nb.tensor(d, { dtype: 'int32' });
const f32 = (d: unknown): nb.Tensor => nb.tensor(d, { dtype: 'float32' });
const f64 = (d: unknown): nb.Tensor => nb.tensor(d, { dtype: 'float64' });
const bool = (d: unknown): nb.Tensor => nb.tensor(d, { dtype: 'bool' });

const ARRAY_TYPE: Record<nb.DType, new (n: number) => ArrayBufferView> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
};

function assertDType(t: nb.Tensor, dtype: nb.DType, vals?: number[]): void {
  assert.equal(t.dtype, dtype);
  assert.ok(t.data() instanceof ARRAY_TYPE[dtype], `storage of a ${dtype} tensor is a ${t.data().constructor.name}`);
  if (vals) assert.deepEqual(values(t), vals);
}

describe('tensor-tensor promotion (bool < int32 < float32 < float64)', () => {
  test('int32 + float32 → float32, in both orders', () => {
    assertDType(i32([1, 2]).add(f32([0.5, 0.25])), 'float32', [1.5, 2.25]);
    assertDType(f32([0.5, 0.25]).add(i32([1, 2])), 'float32', [1.5, 2.25]);
    assertDType(i32([3]).mul(f32([0.5])), 'float32', [1.5]);
  });

  test('float32 + float64 → float64, computed without float32 rounding', () => {
    const r = f32([1]).add(f64([0.1]));
    assertDType(r, 'float64', [1.1]);
    assertDType(f64([0.1]).sub(f32([1])), 'float64', [0.1 - 1]);
  });

  test('bool mixes up: bool + int32 → int32, bool * float → float', () => {
    assertDType(bool([true, false]).add(i32([5, 5])), 'int32', [6, 5]);
    assertDType(bool([true, false]).mul(f64([2.5, 2.5])), 'float64', [2.5, 0]);
    assertDType(bool([true, true]).mul(bool([true, false])), 'int32', [1, 0]);
  });

  test('int32 op int32 stays int32, except true division which gives float32', () => {
    assertDType(i32([7, -7]).add(i32([1, 1])), 'int32', [8, -6]);
    assertDType(i32([7, -7]).mul(i32([3, 3])), 'int32', [21, -21]);
    assertDType(i32([7, -7]).div(i32([2, 2])), 'float32', [3.5, -3.5]);
    assertDType(i32([1]).div(f64([4])), 'float64', [0.25]);
  });

  test('comparisons give bool for every dtype pair, comparing values numerically', () => {
    assertDType(i32([1, 2, 3]).eq(f32([1, 2.5, 3])), 'bool', [1, 0, 1]);
    assertDType(f64([0.1]).lt(f32([0.1])), 'bool', [1]); // float32(0.1) > 0.1: compared in float64
    assertDType(f32([1, 2]).lt(2), 'bool', [1, 0]);
    assertDType(i32([1, 2]).ge(2), 'bool', [0, 1]);
    assertDType(f32([1, 2]).ne(f32([1, 3])), 'bool', [0, 1]);
    assertDType(f32([1, 2]).le(1.5), 'bool', [1, 0]);
    assertDType(bool([true, false]).logicalAnd(bool([true, true])), 'bool', [1, 0]);
  });

  test('matmul, where and cat promote too', () => {
    assertDType(i32([[1, 2]]).matmul(f32([[0.5], [0.25]])), 'float32', [1]);
    assertDType(nb.where(bool([true, false]), i32([1, 2]), f64([0.5, 0.5])), 'float64', [1, 0.5]);
    assertDType(nb.cat([i32([1]), f32([0.5])]), 'float32', [1, 0.5]);
  });
});

describe('tensor-scalar promotion', () => {
  test('an integer scalar keeps an int tensor int32; a fractional one gives float32', () => {
    assertDType(i32([1, 2]).add(1), 'int32', [2, 3]);
    assertDType(i32([1, 2]).mul(3), 'int32', [3, 6]);
    assertDType(i32([1, 2]).add(1.5), 'float32', [2.5, 3.5]);
    assertDType(nb.sub(10, i32([1, 2])), 'int32', [9, 8]);
    assertDType(bool([true, false]).add(1), 'int32', [2, 1]);
  });

  test('a scalar never changes the dtype of a float tensor', () => {
    assertDType(f64([1]).add(0.1), 'float64', [1.1]);
    assertDType(f32([1]).add(0.1), 'float32', [Math.fround(1 + Math.fround(0.1))]);
    assertDType(f32([1]).mul(2), 'float32', [2]);
    assertDType(nb.div(1, f64([4])), 'float64', [0.25]);
  });

  test('two plain numbers are refused', () => {
    throwsMatching(() => nb.add(1 as never, 2), /add/, /Tensor/);
  });
});

describe('dtypes of unary ops, reductions and casts', () => {
  test('float ops on ints compute in float32; sign-preserving ops keep int32', () => {
    assertDType(i32([0]).exp(), 'float32', [1]);
    assertDType(i32([4]).sqrt(), 'float32', [2]);
    assertDType(i32([-2]).neg(), 'int32', [2]);
    assertDType(i32([-2]).abs(), 'int32', [2]);
    assertDType(i32([-2]).square(), 'int32', [4]);
    assertDType(f64([4]).sqrt(), 'float64', [2]);
  });

  test('sum of int or bool is int32; mean of int is float32', () => {
    assertDType(i32([1, 2, 4]).sum(), 'int32', [7]);
    assertDType(bool([true, true, false]).sum(), 'int32', [2]);
    assertDType(i32([1, 2]).mean(), 'float32', [1.5]);
    assertDType(f64([1, 2]).mean(), 'float64', [1.5]);
  });

  test('casts: float→int truncates toward zero, →bool is "non-zero", f64→f32 rounds', () => {
    assertDType(f32([1.7, -1.7, 0.2]).to('int32'), 'int32', [1, -1, 0]);
    assertDType(f32([0, 0.5, -2, NaN]).bool(), 'bool', [0, 1, 1, 1]);
    assertDType(f64([0.1]).float(), 'float32', [Math.fround(0.1)]);
    assertDType(i32([3]).double(), 'float64', [3]);
    assertDType(bool([true]).int(), 'int32', [1]);
    const x = f32([1]);
    assert.equal(x.to('float32'), x, 'a no-op cast returns the same tensor');
  });
});

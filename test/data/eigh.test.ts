import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../src/index.js';
import { eigh } from '../../src/data/index.js';

function checkDecomposition(a: ArrayLike<number>, n: number, tol = 1e-12): { values: Float64Array; vectors: Float64Array } {
  const { values, vectors } = eigh(a, n);
  for (let j = 1; j < n; j++) assert.ok(values[j - 1]! <= values[j]!, 'ascending');
  let scale = 1;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + j]!;
      assert.ok(Math.abs(av - values[j]! * vectors[i * n + j]!) <= tol * scale, `A v = λ v for vector ${j}`);
    }
    for (let m = 0; m < n; m++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[i * n + j]! * vectors[i * n + m]!;
      assert.ok(Math.abs(dot - (j === m ? 1 : 0)) <= 1e-12, `orthonormal ${j},${m}`);
    }
  }
  return { values, vectors };
}

describe('eigh (Jacobi)', () => {
  it('diagonal and 2×2 matrices', () => {
    assert.deepEqual(Array.from(eigh([3, 0, 0, 0, -1, 0, 0, 0, 2], 3).values), [-1, 2, 3]);
    const { values, vectors } = checkDecomposition([2, 1, 1, 2], 2);
    assert.ok(Math.abs(values[0]! - 1) < 1e-15 && Math.abs(values[1]! - 3) < 1e-15);
    // eigenvector of 3 is (1, 1)/√2, of 1 is (1, −1)/√2 with the larger entry positive
    assert.ok(Math.abs(vectors[0 * 2 + 1]! - Math.SQRT1_2) < 1e-15 && Math.abs(vectors[1 * 2 + 1]! - Math.SQRT1_2) < 1e-15);
    assert.ok(Math.abs(Math.abs(vectors[0]!) - Math.SQRT1_2) < 1e-15);
    assert.deepEqual(eigh([], 0).values.length, 0);
    assert.deepEqual(Array.from(eigh([5], 1).values), [5]);
  });

  it('the tridiagonal second-difference matrix has λ_k = 2 − 2cos(kπ/(n+1))', () => {
    const n = 12;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values, vectors } = checkDecomposition(a, n);
    for (let k = 1; k <= n; k++) assert.ok(Math.abs(values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / (n + 1)))) < 1e-13);
    // eigenvector k: sin(i k π/(n+1)), normalised
    const norm = Math.sqrt((n + 1) / 2);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(Math.abs(vectors[i * n]!) - Math.sin(((i + 1) * Math.PI) / (n + 1)) / norm) < 1e-12);
  });

  it('recovers a matrix built from known eigenvalues, repeated and negative ones included', () => {
    const n = 20;
    const g = new nb.Generator(0);
    // orthogonal Q from Gram–Schmidt on a random matrix
    const q = Array.from({ length: n }, () => Array.from({ length: n }, () => g.nextNormal()));
    for (let j = 0; j < n; j++) {
      for (let m = 0; m < j; m++) {
        const d = q[j]!.reduce((s, v, i) => s + v * q[m]![i]!, 0);
        q[j] = q[j]!.map((v, i) => v - d * q[m]![i]!);
      }
      const len = Math.hypot(...q[j]!);
      q[j] = q[j]!.map((v) => v / len);
    }
    const lambda = Array.from({ length: n }, (_, i) => (i < 3 ? 4 : i - 10.5)); // 4 three times, negatives
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) a[i * n + k]! += q[j]![i]! * lambda[j]! * q[j]![k]!;
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) a[i * n + k] = a[k * n + i]!; // exact symmetry
    const { values } = checkDecomposition(a, n, 1e-12);
    const expected = [...lambda].sort((x, y) => x - y);
    values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `${v} vs ${expected[i]}`));
  });

  it('rejects bad input', () => {
    assert.throws(() => eigh([1, 2, 3, 4], 2), /not symmetric: a\[0\]\[1\] = 2 but a\[1\]\[0\] = 3/);
    assert.throws(() => eigh([1, 2, 3], 2), /expected 2×2 = 4 entries, got 3/);
    assert.throws(() => eigh([1, NaN, NaN, 1], 2), /entry \(0, 1\) is NaN/);
  });
});

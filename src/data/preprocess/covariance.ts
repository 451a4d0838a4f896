/**
 * The sample mean and covariance of x [N, ...F] (features flattened to D = numel(F)), in float64,
 * and their eigendecomposition — the fit step that PCA, PCA whitening and ZCA whitening share.
 *
 *   μ = (1/N) Σ_n x_n,   C = (1/(N−1)) Σ_n (x_n − μ)(x_n − μ)ᵀ      (divisor N−1, as scikit-learn's PCA)
 *   C = U Λ Uᵀ,  λ_1 >= λ_2 >= … >= λ_D >= 0
 *
 * Cost: O(N·D²) for C plus O(D³) per Jacobi sweep (see eigh.ts). That is instant for the 8×8
 * digits (D = 64) and tens of seconds for all 60,000 MNIST images (D = 784): fit on a subsample
 * there, e.g. `pca.fit(x.narrow(0, 0, 10000))`.
 */
import { shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { eigh } from './eigh.js';
import { finiteData } from './preprocessor.js';

export interface EigenFit {
  featureShape: number[];
  nSamples: number;
  mean: Float64Array;
  /** Eigenvalues of C, descending; rounding noise below zero is clamped to 0. */
  values: Float64Array;
  /** Row-major D×D; row j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

export function fitCovarianceEigen(op: string, x: Tensor): EigenFit {
  if (x.ndim < 2) throw new Error(`${op}: expected x of shape [N, D] or [N, ...features], got ${shapeStr(x.shape)}`);
  const n = x.shape[0]!;
  const featureShape = x.shape.slice(1);
  if (n < 2) throw new Error(`${op}: needs at least 2 samples to estimate a covariance, got ${n}`);
  const data = finiteData(op, x);
  const D = data.length / n;
  const mean = new Float64Array(D);
  for (let s = 0; s < n; s++) for (let i = 0; i < D; i++) mean[i]! += data[s * D + i]!;
  for (let i = 0; i < D; i++) mean[i]! /= n;
  for (let s = 0; s < n; s++) for (let i = 0; i < D; i++) data[s * D + i]! -= mean[i]!;
  // upper triangle by rank-1 updates (contiguous inner loop), then mirrored
  const C = new Float64Array(D * D);
  for (let s = 0; s < n; s++) {
    const row = s * D;
    for (let i = 0; i < D; i++) {
      const xi = data[row + i]!;
      if (xi === 0) continue;
      const ci = i * D;
      for (let j = i; j < D; j++) C[ci + j]! += xi * data[row + j]!;
    }
  }
  for (let i = 0; i < D; i++) {
    for (let j = i; j < D; j++) {
      const v = C[i * D + j]! / (n - 1);
      C[i * D + j] = v;
      C[j * D + i] = v;
    }
  }
  const { values: asc, vectors: cols } = eigh(C, D);
  const values = new Float64Array(D);
  const vectors = new Float64Array(D * D);
  for (let j = 0; j < D; j++) {
    const src = D - 1 - j; // descending
    values[j] = Math.max(0, asc[src]!);
    for (let i = 0; i < D; i++) vectors[j * D + i] = cols[i * D + src]!;
  }
  return { featureShape, nSamples: n, mean, values, vectors };
}

/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method, in float64.
 *
 * We wrote this ourselves (no dependency). Jacobi is slower than Householder tridiagonalisation +
 * QL for large matrices, but it is short, easy to check, very accurate (it finds small eigenvalues
 * to high relative accuracy), and the covariance matrices of preprocessing are small: D = 64 for
 * the 8×8 digits takes about a millisecond; D = 784 (MNIST pixels) takes seconds.
 *
 * Each rotation J(p, q, θ) zeroes the off-diagonal entry a_pq of A ← JᵀAJ:
 *   θ = (a_qq − a_pp) / (2 a_pq),  t = sign(θ) / (|θ| + √(θ² + 1)),  c = 1/√(t² + 1),  s = t·c,
 *   a_pp ← a_pp − t·a_pq,  a_qq ← a_qq + t·a_pq,  and rows/columns p, q rotate by (c, s);
 * the eigenvector matrix accumulates V ← V·J. A sweep visits every pair p < q once; the
 * off-diagonal mass shrinks quadratically once it is small. The bookkeeping follows Rutishauser's
 * formulation (Numerical Recipes §11.1): a threshold for the first three sweeps, the diagonal
 * updated through an accumulator, and entries negligible against both diagonal elements set to
 * exactly zero after the fourth sweep, which is what makes the loop stop.
 *
 * Results follow numpy.linalg.eigh: eigenvalues ascending; eigenvector j is column j of
 * `vectors` (row-major n×n, so component i of vector j is vectors[i·n + j]). Each eigenvector's
 * sign is fixed so that its largest-magnitude component is positive (numpy leaves it arbitrary).
 */

export interface EighOptions {
  /** Give up (with an error) after this many sweeps (default 100; 6–12 is typical). */
  maxSweeps?: number;
}

export interface EighResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
  /** Sweeps used. */
  sweeps: number;
}

/** Eigenvalues and eigenvectors of the symmetric n×n matrix `a` (row-major; only read, never modified). */
export function eigh(a: ArrayLike<number>, n: number, options: EighOptions = {}): EighResult {
  if (!Number.isInteger(n) || n < 0) throw new Error(`eigh: n must be a non-negative integer, got ${n}`);
  if (a.length !== n * n) throw new Error(`eigh: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const maxSweeps = options.maxSweeps ?? 100;
  let scale = 0;
  for (let i = 0; i < n * n; i++) {
    if (!Number.isFinite(a[i]!)) throw new Error(`eigh: entry (${Math.floor(i / n)}, ${i % n}) is ${a[i]}; the matrix must be finite`);
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = a[i * n + j]!;
      const y = a[j * n + i]!;
      if (Math.abs(x - y) > 1e-10 * scale) throw new Error(`eigh: the matrix is not symmetric: a[${i}][${j}] = ${x} but a[${j}][${i}] = ${y}`);
    }
  }
  // upper triangle of A (symmetrised); the diagonal lives in d
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) A[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
  // VT: row k is eigenvector k, so a rotation touches two contiguous rows
  const VT = new Float64Array(n * n);
  const d = new Float64Array(n);
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    VT[i * n + i] = 1;
    d[i] = b[i] = a[i * n + i]!;
  }
  let sweep = 0;
  for (; ; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) off += Math.abs(A[p * n + q]!);
    if (off === 0) break;
    if (sweep === maxSweeps) throw new Error(`eigh: no convergence after ${maxSweeps} sweeps (off-diagonal sum ${off})`);
    const tresh = sweep < 3 ? (0.2 * off) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(d[p]!) + g === Math.abs(d[p]!) && Math.abs(d[q]!) + g === Math.abs(d[q]!)) {
          A[p * n + q] = 0;
          continue;
        }
        if (Math.abs(apq) <= tresh) continue;
        let h = d[q]! - d[p]!;
        let t: number;
        if (Math.abs(h) + g === Math.abs(h)) {
          t = apq / h;
        } else {
          const theta = (0.5 * h) / apq;
          t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const tau = s / (1 + c);
        h = t * apq;
        z[p]! -= h;
        z[q]! += h;
        d[p]! -= h;
        d[q]! += h;
        A[p * n + q] = 0;
        // rotate the upper triangle: entries (j,p)/(j,q) for j < p, (p,j)/(j,q) for p < j < q, (p,j)/(q,j) for j > q
        for (let j = 0; j < p; j++) {
          const x = A[j * n + p]!;
          const y = A[j * n + q]!;
          A[j * n + p] = x - s * (y + x * tau);
          A[j * n + q] = y + s * (x - y * tau);
        }
        for (let j = p + 1; j < q; j++) {
          const x = A[p * n + j]!;
          const y = A[j * n + q]!;
          A[p * n + j] = x - s * (y + x * tau);
          A[j * n + q] = y + s * (x - y * tau);
        }
        const pr = p * n;
        const qr = q * n;
        for (let j = q + 1; j < n; j++) {
          const x = A[pr + j]!;
          const y = A[qr + j]!;
          A[pr + j] = x - s * (y + x * tau);
          A[qr + j] = y + s * (x - y * tau);
        }
        for (let j = 0; j < n; j++) {
          const x = VT[pr + j]!;
          const y = VT[qr + j]!;
          VT[pr + j] = x - s * (y + x * tau);
          VT[qr + j] = y + s * (x - y * tau);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      b[i]! += z[i]!;
      d[i] = b[i]!;
      z[i] = 0;
    }
  }
  const order = [...d.keys()].sort((i, j) => d[i]! - d[j]! || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((k, col) => {
    values[col] = d[k]!;
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(VT[k * n + i]!) > Math.abs(VT[k * n + big]!)) big = i;
    const sign = VT[k * n + big]! < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + col] = sign * VT[k * n + i]!;
  });
  return { values, vectors, sweeps: sweep };
}

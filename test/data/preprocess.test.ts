import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../src/index.js';
import {
  Center, MinMaxScaler, PCA, PCAWhitening, Pipeline, Standardize, ZCAWhitening, createPreprocessor, preprocessorFromJSON, type Preprocessor,
} from '../../src/data/index.js';
import { assertClose } from '../helpers.js';

const g = (seed: number): nb.Generator => new nb.Generator(seed);

/** Correlated data: z [N, D] standard normal times a fixed mixing matrix, plus an offset. */
function correlated(n: number, d: number, seed = 0, dtype: 'float32' | 'float64' = 'float64'): nb.Tensor {
  const mix = nb.randn([d, d], { generator: g(100 + seed), dtype });
  const offset = nb.randn([d], { generator: g(200 + seed), dtype }).mul(5);
  return nb.randn([n, d], { generator: g(seed), dtype }).matmul(mix).add(offset);
}

/** Sample covariance (divisor N−1) of x [N, D] as rows of numbers. */
function covariance(x: nb.Tensor): number[][] {
  const [n, d] = x.shape as [number, number];
  const v = Array.from(x.data());
  const mean = Array.from({ length: d }, (_, j) => v.filter((_, i) => i % d === j).reduce((a, b) => a + b, 0) / n);
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += (v[r * d + i]! - mean[i]!) * (v[r * d + j]! - mean[j]!);
    return s / (n - 1);
  }));
}

/** Largest |a − b| over all elements (assertClose formats the whole array per element: too slow for big ones). */
function assertNear(a: nb.Tensor, b: nb.Tensor, tol: number, what = ''): void {
  assert.deepEqual(a.shape, b.shape, what);
  const diff = a.double().sub(b.double()).abs().max().item();
  assert.ok(diff <= tol, `${what}: max |difference| ${diff} > ${tol}`);
}

function identity(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
}

function roundTripJSON<P extends Preprocessor>(p: P, x: nb.Tensor, read: (j: unknown) => Preprocessor): void {
  const text = JSON.stringify(p);
  const q = read(JSON.parse(text));
  assert.equal(q.constructor, p.constructor);
  assert.deepEqual(q.transform(x).data(), p.transform(x).data(), 'same transform after JSON round trip');
  assert.equal(JSON.stringify(q), text);
  const viaDispatch = preprocessorFromJSON(JSON.parse(text));
  assert.deepEqual(viaDispatch.transform(x).data(), p.transform(x).data());
}

describe('Center', () => {
  it('subtracts the per-feature mean (mean image) and inverts', () => {
    const x = nb.tensor([[1, 10], [3, 20], [5, 60]]);
    const c = new Center().fit(x);
    assert.deepEqual(c.mean.toArray(), [3, 30]);
    assert.deepEqual(c.transform(x).toArray(), [[-2, -20], [0, -10], [2, 30]]);
    assert.deepEqual(c.inverseTransform(c.transform(x)).toArray(), x.toArray());
    roundTripJSON(c, x, Center.fromJSON);
  });
  it('per channel on [N, C, H, W] images, and on other image sizes', () => {
    const x = nb.randn([4, 3, 5, 5], { generator: g(1) }).add(nb.tensor([1, 2, 3]).reshape(3, 1, 1));
    const c = new Center({ perChannel: true }).fit(x);
    assertClose(c.mean, x.double().mean([0, 2, 3]), { atol: 1e-12 });
    assertClose(c.transform(x).mean([0, 2, 3]), [0, 0, 0], { atol: 1e-6 });
    assert.deepEqual(c.transform(nb.zeros(2, 3, 7, 9)).shape, [2, 3, 7, 9]);
    assert.throws(() => c.transform(nb.zeros(2, 4, 5, 5)), /fitted per channel on 3 channels; expected x of shape \[N, 3, \.\.\.\], got \[2,4,5,5\]/);
    roundTripJSON(c, x, Center.fromJSON);
  });
});

describe('Standardize', () => {
  it('gives zero mean and unit (population) variance per feature', () => {
    const x = correlated(200, 4, 1, 'float32');
    const s = new Standardize().fit(x);
    const y = s.transform(x);
    assert.equal(y.dtype, 'float32');
    assertClose(y.mean(0), [0, 0, 0, 0], { atol: 1e-5 });
    assertClose(y.var(0, { correction: 0 }), [1, 1, 1, 1], { atol: 1e-5 });
    assertClose(s.std, x.double().std(0, { correction: 0 }), { rtol: 1e-12 });
    assertNear(s.inverseTransform(y), x, 1e-4);
    roundTripJSON(s, x, Standardize.fromJSON);
  });
  it('only centres a constant feature, and works on int and float64 input', () => {
    const x = nb.tensor([[1, 7], [2, 7], [3, 7]], { dtype: 'int32' });
    const s = new Standardize().fit(x);
    assert.deepEqual(s.std.toArray(), [Math.sqrt(2 / 3), 0]);
    assertClose(s.transform(x), [-1.2247449, 0, 0, 0, 1.2247449, 0], { atol: 1e-6 });
    assertClose(s.transform(nb.tensor([[2, 8]])), [0, 1], { atol: 1e-6 }); // not 1/eps
    assert.equal(s.transform(x.double()).dtype, 'float64');
  });
  it('per channel for images', () => {
    const x = nb.randn([6, 2, 4, 4], { generator: g(2), dtype: 'float64' }).mul(nb.tensor([3, 0.5], { dtype: 'float64' }).reshape(2, 1, 1));
    const s = new Standardize({ perChannel: true }).fit(x);
    const y = s.transform(x);
    assertClose(y.mean([0, 2, 3]), [0, 0], { atol: 1e-12 });
    assertClose(y.var([0, 2, 3], { correction: 0 }), [1, 1], { atol: 1e-12 });
    roundTripJSON(s, x, Standardize.fromJSON);
  });
  it('says what is wrong', () => {
    assert.throws(() => new Standardize().transform(nb.zeros(2, 2)), /Standardize.transform: not fitted yet/);
    const s = new Standardize().fit(nb.randn([5, 3], { generator: g(0) }));
    assert.throws(() => s.transform(nb.zeros(5, 4)), /fitted on samples of shape \[3\]; expected x of shape \[N, 3\], got \[5,4\]/);
    assert.throws(() => new Standardize().fit(nb.tensor([[1, NaN]])), /x contains NaN \(sample 0\)/);
    assert.throws(() => new Standardize({ eps: -1 }), /eps must be a finite number >= 0/);
    assert.throws(() => new Standardize({ perchannel: true } as never), /unknown option 'perchannel'/);
    assert.throws(() => Standardize.fromJSON({ type: 'Standardize', perChannel: false, eps: 0, featureShape: [2], mean: [0], std: [1, 1] }), /'mean' must be an array of 2 finite numbers/);
    assert.throws(() => Standardize.fromJSON({ type: 'Center' }), /expected type 'Standardize', got "Center"/);
  });
});

describe('MinMaxScaler', () => {
  it('maps the training range onto featureRange and back', () => {
    const x = nb.tensor([[0, -5, 3], [10, 5, 3], [5, 0, 3]]);
    const m = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    assert.deepEqual(m.dataMin.toArray(), [0, -5, 3]);
    assert.deepEqual(m.dataMax.toArray(), [10, 5, 3]);
    assertClose(m.transform(x), [-1, -1, -1, 1, 1, -1, 0, 0, -1], { atol: 1e-6 });
    assertClose(m.inverseTransform(m.transform(x)), x, { atol: 1e-5 });
    roundTripJSON(m, x, MinMaxScaler.fromJSON);
    const p = new MinMaxScaler({ perChannel: true }).fit(nb.tensor([[[0, 2]], [[4, 1]]]));
    assert.deepEqual(p.transform(nb.tensor([[[0, 2]], [[4, 1]]])).toArray(), [[[0, 0.5]], [[1, 0.25]]]);
    assert.throws(() => new MinMaxScaler({ featureRange: [1, 1] }), /featureRange must be \[a, b\] with finite a < b/);
  });
});

describe('PCA', () => {
  it('finds a known covariance exactly', () => {
    // points ±3·q1 and ±1·q2 with q1 = (1, 1, 0)/√2, q2 = (1, −1, 0)/√2, around mean (1, 2, 3):
    // covariance (divisor N−1 = 3) = (2·9 q1q1ᵀ + 2·1 q2q2ᵀ)/3, eigenvalues 6, 2/3, 0
    const r = Math.SQRT1_2;
    const pts = [[3 * r, 3 * r, 0], [-3 * r, -3 * r, 0], [r, -r, 0], [-r, r, 0]].map((p) => [p[0]! + 1, p[1]! + 2, p[2]! + 3]);
    const x = nb.tensor(pts, { dtype: 'float64' });
    const pca = new PCA().fit(x);
    assertClose(pca.mean, [1, 2, 3], { atol: 1e-15 });
    assertClose(pca.explainedVariance, [6, 2 / 3, 0], { atol: 1e-14 });
    assertClose(pca.explainedVarianceRatio, [0.9, 0.1, 0], { atol: 1e-14 });
    assertClose(pca.components.narrow(0, 0, 2), [r, r, 0, r, -r, 0], { atol: 1e-14 });
    assertClose(pca.transform(x), [3, 0, 0, -3, 0, 0, 0, 1, 0, 0, -1, 0], { atol: 1e-14 });
    // a variance fraction keeps the fewest components that reach it
    assert.equal(new PCA({ nComponents: 0.9 }).fit(x).nComponentsFitted, 1);
    assert.equal(new PCA({ nComponents: 0.95 }).fit(x).nComponentsFitted, 2);
  });
  it('matches the covariance of a large sample and reconstructs what it keeps', () => {
    const x = correlated(2000, 5, 3);
    const pca = new PCA().fit(x);
    const C = covariance(x);
    const trace = C.reduce((s, row, i) => s + row[i]!, 0);
    assertClose(pca.explainedVariance.sum(), trace, { rtol: 1e-12 });
    // each component u satisfies C u = λ u
    const U = pca.components.toArray() as number[][];
    const lam = Array.from(pca.explainedVariance.data());
    U.forEach((u, j) => C.forEach((row, i) => assert.ok(Math.abs(row.reduce((s, c, k) => s + c * u[k]!, 0) - lam[j]! * u[i]!) < 1e-9)));
    assertNear(pca.inverseTransform(pca.transform(x)), x, 1e-10);
    // keeping k components: mean squared reconstruction error = (N−1)/N · Σ dropped λ
    const k2 = new PCA({ nComponents: 2 }).fit(x);
    const z = k2.transform(x);
    assert.deepEqual(z.shape, [2000, 2]);
    const err = k2.inverseTransform(z).sub(x).square().sum(1).mean().item();
    assertClose(err, ((2000 - 1) / 2000) * (lam[2]! + lam[3]! + lam[4]!), { rtol: 1e-9 });
    roundTripJSON(k2, x, PCA.fromJSON);
  });
  it('flattens image-shaped input and restores it on inverse', () => {
    const x = nb.randn([30, 1, 2, 3], { generator: g(4), dtype: 'float64' });
    const pca = new PCA({ nComponents: 6 }).fit(x);
    assert.deepEqual(pca.transform(x).shape, [30, 6]);
    assertNear(pca.inverseTransform(pca.transform(x)), x, 1e-12);
    assert.throws(() => pca.inverseTransform(nb.zeros(3, 5)), /expected z of shape \[N, 6\], got \[3,5\]/);
    assert.throws(() => new PCA({ nComponents: 7 }).fit(x.flatten(1).narrow(1, 0, 5)), /nComponents 7 exceeds the 5 features/);
    assert.throws(() => new PCA({ nComponents: 1.5 }), /positive integer or a variance fraction/);
    assert.throws(() => new PCA().fit(nb.zeros(1, 3)), /at least 2 samples/);
  });
});

describe('whitening', () => {
  for (const [name, make, read] of [
    ['PCAWhitening', () => new PCAWhitening({ eps: 0 }), PCAWhitening.fromJSON],
    ['ZCAWhitening', () => new ZCAWhitening({ eps: 0 }), ZCAWhitening.fromJSON],
  ] as const) {
    it(`${name} gives identity covariance and inverts`, () => {
      const x = correlated(500, 4, 5);
      const w = make().fit(x);
      const z = w.transform(x);
      assert.deepEqual(z.shape, [500, 4]);
      covariance(z).forEach((row, i) => assertClose(row, identity(4)[i]!, { atol: 1e-10 }));
      assertClose(z.mean(0), [0, 0, 0, 0], { atol: 1e-10 });
      assertNear(w.inverseTransform(z), x, 1e-9);
      roundTripJSON(w, x, read);
    });
  }
  it('ZCA is the symmetric whitening (closest to the input); eps damps small directions', () => {
    const x = correlated(400, 3, 6);
    const zca = new ZCAWhitening({ eps: 0 }).fit(x);
    // the whitening matrix is symmetric: W = transform(μ + e_i) rows
    const mu = zca.mean;
    const W = [0, 1, 2].map((i) => Array.from(zca.transform(mu.add(nb.eye(3, 3, { dtype: 'float64' }).narrow(0, i, 1).squeeze(0)).unsqueeze(0)).data()));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(W[i]![j]! - W[j]![i]!) < 1e-12);
    // with a large eps, covariance eigenvalues become λ/(λ+eps) < 1
    const damped = new PCAWhitening({ eps: 10 }).fit(x);
    const lam = Array.from(damped.explainedVariance.data());
    const c = covariance(damped.transform(x));
    lam.forEach((l, j) => assert.ok(Math.abs(c[j]![j]! - l / (l + 10)) < 1e-9));
    assert.equal(new PCAWhitening({ nComponents: 2 }).fit(x).transform(x).shape[1], 2);
  });
  it('keeps image shape for ZCA and rejects a zero-variance direction without eps', () => {
    const x = nb.randn([50, 1, 2, 2], { generator: g(7), dtype: 'float64' });
    const zca = new ZCAWhitening().fit(x);
    assert.deepEqual(zca.transform(x).shape, [50, 1, 2, 2]);
    const flat = nb.cat([nb.randn([10, 2], { generator: g(8) }), nb.zeros(10, 1)], 1);
    assert.throws(() => new ZCAWhitening({ eps: 0 }).fit(flat), /zero variance; use eps > 0/);
  });
});

describe('Pipeline', () => {
  it('fits steps in sequence, inverts in reverse, and round-trips through JSON', () => {
    const x = correlated(100, 3, 9);
    const p = new Pipeline([new Standardize(), new PCA({ nComponents: 3 })]).fit(x);
    const z = p.transform(x);
    const manual = new PCA({ nComponents: 3 }).fit(new Standardize().fit(x).transform(x));
    assertNear(z, manual.transform(new Standardize().fit(x).transform(x)), 1e-12);
    assertNear(p.inverseTransform(z), x, 1e-10);
    roundTripJSON(p, x, preprocessorFromJSON);
    assert.throws(() => preprocessorFromJSON({ type: 'Nope' }), /unknown type "Nope"/);
  });
  it('createPreprocessor builds unfitted ones from configs and checks them', () => {
    const p = createPreprocessor({ type: 'Pipeline', steps: [{ type: 'Center', perChannel: true }, { type: 'ZCAWhitening', eps: 0.1 }] });
    assert.ok(p instanceof Pipeline && !p.fitted);
    assert.ok(p.steps[0] instanceof Center && p.steps[0].perChannel);
    const x = nb.randn([20, 1, 2, 2], { generator: g(3) });
    assert.deepEqual(p.fitTransform(x).shape, [20, 1, 2, 2]);
    assert.ok(createPreprocessor({ type: 'MinMaxScaler', featureRange: [-1, 1] }) instanceof MinMaxScaler);
    assert.throws(() => createPreprocessor({ type: 'Standardize', perChannel: 'yes' }), /Standardize: perChannel must be true or false, got "yes"/);
    assert.throws(() => createPreprocessor({ type: 'Standardize', eps: 'small' }), /eps must be a finite number >= 0/);
    assert.throws(() => createPreprocessor({ type: 'PCA', n: 3 }), /PCA: unknown option 'n' \(known: nComponents\)/);
    assert.throws(() => createPreprocessor({ type: 'Whiten' }), /unknown type "Whiten" \(known: Center, Standardize/);
  });
});

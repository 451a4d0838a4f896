/**
 * The shared machinery of PCA, PCA whitening and ZCA whitening: all three subtract the training
 * mean μ and multiply by a matrix built from the covariance's eigenvectors U_k (rows of
 * `components`, by decreasing variance) and eigenvalues λ_k:
 *
 *   transform:         z = (x − μ) · W        W: D × out
 *   inverseTransform:  x = z · V + μ          V: out × D
 *
 * Subclasses choose k and build W and V; this class handles flattening [N, ...F] to [N, D],
 * reshaping results, shape checks, serialising the fitted state and caching W and V as tensors.
 */
import { numel, shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { fitCovarianceEigen, type EigenFit } from './covariance.js';
import { asFloat, jsonNumber, jsonNumbers, jsonObject, jsonShape, notFitted, type Preprocessor, type PreprocessorJSON } from './preprocessor.js';

export interface ProjectionState {
  featureShape: number[];
  nSamples: number;
  mean: Float64Array;
  /** k×D row-major; row j is the j-th principal axis. */
  components: Float64Array;
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
}

export abstract class EigenProjection implements Preprocessor {
  protected state: ProjectionState | null = null;
  private matrices: { forward: Float64Array; inverse: Float64Array; out: number } | null = null;
  private cache = new Map<string, [Tensor, Tensor, Tensor]>();

  protected constructor(protected readonly cls: string) {}

  get fitted(): boolean {
    return this.state !== null;
  }

  /** How many components to keep, given all eigenvalues (descending) of the training covariance. */
  protected abstract chooseK(values: Float64Array): number;
  /** W (D × out) and V (out × D) from the fitted state, and out. */
  protected abstract buildMatrices(s: ProjectionState): { forward: Float64Array; inverse: Float64Array; out: number };
  /** Whether transform keeps the input's feature shape (ZCA) or returns [N, out] (PCA). */
  protected abstract readonly keepsShape: boolean;
  /** Subclass options saved next to the state. */
  protected abstract jsonOptions(): Record<string, unknown>;

  fit(x: Tensor): this {
    const op = `${this.cls}.fit`;
    const fit: EigenFit = fitCovarianceEigen(op, asFloat(op, x, 2));
    const D = fit.mean.length;
    let total = 0;
    for (const v of fit.values) total += v;
    const k = this.chooseK(fit.values);
    this.setFitted({
      featureShape: fit.featureShape,
      nSamples: fit.nSamples,
      mean: fit.mean,
      components: fit.vectors.slice(0, k * D),
      explainedVariance: fit.values.slice(0, k),
      explainedVarianceRatio: fit.values.slice(0, k).map((v) => (total > 0 ? v / total : 0)),
    });
    return this;
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  transform(x: Tensor): Tensor {
    const op = `${this.cls}.transform`;
    const s = this.fittedState(op);
    const xf = asFloat(op, x, 2);
    const f = xf.shape.slice(1);
    if (f.length !== s.featureShape.length || f.some((d, i) => d !== s.featureShape[i])) {
      throw new Error(`${op}: fitted on samples of shape ${shapeStr(s.featureShape)}; expected x of shape [N, ${s.featureShape.join(', ')}], got ${shapeStr(xf.shape)}`);
    }
    const [mean, W] = this.tensors(xf);
    const n = xf.shape[0]!;
    const z = xf.reshape(n, numel(s.featureShape)).sub(mean).matmul(W);
    return this.keepsShape ? z.reshape([n, ...s.featureShape]) : z;
  }

  inverseTransform(z: Tensor): Tensor {
    const op = `${this.cls}.inverseTransform`;
    const s = this.fittedState(op);
    const zf = asFloat(op, z, 2);
    const out = this.matrices!.out;
    const n = zf.shape[0]!;
    const ok = this.keepsShape ? zf.ndim === s.featureShape.length + 1 && s.featureShape.every((d, i) => zf.shape[i + 1] === d) : zf.ndim === 2 && zf.shape[1] === out;
    if (!ok) throw new Error(`${op}: expected z of shape [N, ${this.keepsShape ? s.featureShape.join(', ') : out}], got ${shapeStr(zf.shape)}`);
    const [mean, , V] = this.tensors(zf);
    const x = zf.reshape(n, out).matmul(V).add(mean);
    return x.reshape([n, ...s.featureShape]);
  }

  /** The fitted mean, float64, of the samples' shape. */
  get mean(): Tensor {
    const s = this.fittedState(`${this.cls}.mean`);
    return fromTyped(Float64Array.from(s.mean), s.featureShape);
  }
  /** Principal axes as rows, [k, D] float64, by decreasing variance. */
  get components(): Tensor {
    const s = this.fittedState(`${this.cls}.components`);
    return fromTyped(Float64Array.from(s.components), [s.explainedVariance.length, s.mean.length]);
  }
  /** Variance along each kept axis (eigenvalues of the covariance, divisor N−1), [k] float64. */
  get explainedVariance(): Tensor {
    const s = this.fittedState(`${this.cls}.explainedVariance`);
    return fromTyped(Float64Array.from(s.explainedVariance), [s.explainedVariance.length]);
  }
  /** Fraction of the total variance along each kept axis, [k] float64. */
  get explainedVarianceRatio(): Tensor {
    const s = this.fittedState(`${this.cls}.explainedVarianceRatio`);
    return fromTyped(Float64Array.from(s.explainedVarianceRatio), [s.explainedVarianceRatio.length]);
  }
  /** Number of components kept. */
  get nComponentsFitted(): number {
    return this.fittedState(`${this.cls}.nComponentsFitted`).explainedVariance.length;
  }

  toJSON(): PreprocessorJSON {
    const s = this.fittedState(`${this.cls}.toJSON`);
    const k = s.explainedVariance.length;
    const D = s.mean.length;
    return {
      type: this.cls,
      ...this.jsonOptions(),
      featureShape: s.featureShape,
      nSamples: s.nSamples,
      mean: Array.from(s.mean),
      components: Array.from({ length: k }, (_, j) => Array.from(s.components.subarray(j * D, (j + 1) * D))),
      explainedVariance: Array.from(s.explainedVariance),
      explainedVarianceRatio: Array.from(s.explainedVarianceRatio),
    };
  }

  /** Reads the fitted state saved by toJSON (the subclass has already read its options). */
  protected static readState(cls: string, json: unknown): ProjectionState {
    const o = jsonObject(cls, json);
    const featureShape = jsonShape(cls, o, 'featureShape');
    const D = numel(featureShape);
    const nSamples = jsonNumber(cls, o, 'nSamples', (v) => Number.isInteger(v) && v >= 2, 'an integer >= 2');
    const rows = o['components'];
    if (!Array.isArray(rows) || rows.length < 1 || rows.length > D) throw new Error(`${cls}.fromJSON: 'components' must be an array of 1 to ${D} rows`);
    const k = rows.length;
    const components = new Float64Array(k * D);
    rows.forEach((_, j) => components.set(jsonNumbers(cls, { row: rows[j] }, 'row', D), j * D));
    return {
      featureShape, nSamples,
      mean: jsonNumbers(cls, o, 'mean', D),
      components,
      explainedVariance: jsonNumbers(cls, o, 'explainedVariance', k),
      explainedVarianceRatio: jsonNumbers(cls, o, 'explainedVarianceRatio', k),
    };
  }

  protected setFitted(s: ProjectionState): void {
    this.state = s;
    this.matrices = this.buildMatrices(s);
    this.cache.clear();
  }

  private fittedState(op: string): ProjectionState {
    if (!this.state) notFitted(op);
    return this.state;
  }

  private tensors(like: Tensor): [Tensor, Tensor, Tensor] {
    const key = `${like.dtype}/${like.backend}`;
    let t = this.cache.get(key);
    if (!t) {
      const m = this.matrices!;
      const D = this.state!.mean.length;
      const arr = (a: Float64Array): Float32Array | Float64Array => (like.dtype === 'float64' ? Float64Array.from(a) : Float32Array.from(a));
      t = [fromTyped(arr(this.state!.mean), [D], like), fromTyped(arr(m.forward), [D, m.out], like), fromTyped(arr(m.inverse), [m.out, D], like)];
      this.cache.set(key, t);
    }
    return t;
  }
}

/** W = U_kᵀ·diag(f(λ)) as D×k and V = diag(g(λ))·U_k as k×D, for per-component factors f and g. */
export function scaledAxes(s: ProjectionState, f: (lambda: number) => number, g: (lambda: number) => number): { forward: Float64Array; inverse: Float64Array; out: number } {
  const k = s.explainedVariance.length;
  const D = s.mean.length;
  const forward = new Float64Array(D * k);
  const inverse = new Float64Array(k * D);
  for (let j = 0; j < k; j++) {
    const fj = f(s.explainedVariance[j]!);
    const gj = g(s.explainedVariance[j]!);
    for (let i = 0; i < D; i++) {
      const u = s.components[j * D + i]!;
      forward[i * k + j] = u * fj;
      inverse[j * D + i] = u * gj;
    }
  }
  return { forward, inverse, out: k };
}

/** Validates nComponents: an integer k >= 1, or a fraction of variance in (0, 1]. */
export function checkNComponents(cls: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v > 0) || (v > 1 && !Number.isInteger(v))) {
    throw new Error(`${cls}: nComponents must be a positive integer or a variance fraction in (0, 1], got ${String(v)}`);
  }
  return v;
}

/**
 * k for a request: all D when undefined; an integer k (at most D); or a fraction f in (0, 1): the
 * smallest k whose explained variance ratio sums to at least f (scikit-learn's rule). 1 means all.
 */
export function resolveK(cls: string, request: number | undefined, values: Float64Array): number {
  const D = values.length;
  if (request === undefined || request === 1) return D;
  if (Number.isInteger(request)) {
    if (request > D) throw new Error(`${cls}.fit: nComponents ${request} exceeds the ${D} features`);
    return request;
  }
  let total = 0;
  for (const v of values) total += v;
  if (total === 0) return 1;
  let acc = 0;
  for (let k = 0; k < D; k++) {
    acc += values[k]!;
    if (acc / total >= request - 1e-12) return k + 1;
  }
  return D;
}

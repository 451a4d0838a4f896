/**
 * ZCA ("zero-phase") whitening: PCA whitening rotated back into the input space,
 *   z = (x − μ) · Uᵀ · diag(1/√(λ + eps)) · U,   x̂ = z · Uᵀ · diag(√(λ + eps)) · U + μ
 * with all D components (rows of U). The output has (nearly) identity covariance like PCA
 * whitening, keeps the input's shape, and is the whitening closest to the input — whitened images
 * still look like images (edges enhanced). eps (default 1e-5) damps low-variance directions.
 */
import { EigenProjection, type ProjectionState } from './projection.js';
import { checkEps, type WhiteningOptions } from './pca-whitening.js';
import { checkOptions } from './preprocessor.js';

export type ZCAWhiteningOptions = WhiteningOptions;

export class ZCAWhitening extends EigenProjection {
  readonly eps: number;
  protected readonly keepsShape = true;

  constructor(options: ZCAWhiteningOptions = {}) {
    checkOptions('ZCAWhitening', options, ['eps']);
    super('ZCAWhitening');
    this.eps = checkEps('ZCAWhitening', options.eps ?? 1e-5);
  }

  protected chooseK(values: Float64Array): number {
    return values.length;
  }

  protected buildMatrices(s: ProjectionState): { forward: Float64Array; inverse: Float64Array; out: number } {
    const D = s.mean.length;
    if (s.explainedVariance.length !== D) throw new Error(`ZCAWhitening: needs all ${D} components, got ${s.explainedVariance.length}`);
    if (this.eps === 0 && s.explainedVariance.some((v) => v === 0)) {
      throw new Error('ZCAWhitening: a direction has zero variance; use eps > 0');
    }
    // W = Uᵀ diag(a) U, symmetric: W_il = Σ_j U_ji a_j U_jl (and the same with √(λ+eps) for the inverse)
    const forward = new Float64Array(D * D);
    const inverse = new Float64Array(D * D);
    const U = s.components;
    const row = new Float64Array(D);
    for (let j = 0; j < D; j++) {
      const l = s.explainedVariance[j]! + this.eps;
      const a = 1 / Math.sqrt(l);
      const b = Math.sqrt(l);
      row.set(U.subarray(j * D, (j + 1) * D));
      for (let i = 0; i < D; i++) {
        const ui = row[i]!;
        if (ui === 0) continue;
        const fa = ui * a;
        const fb = ui * b;
        const ri = i * D;
        for (let m = 0; m < D; m++) {
          forward[ri + m]! += fa * row[m]!;
          inverse[ri + m]! += fb * row[m]!;
        }
      }
    }
    return { forward, inverse, out: D };
  }

  protected jsonOptions(): Record<string, unknown> {
    return { eps: this.eps };
  }

  static fromJSON(json: unknown): ZCAWhitening {
    const state = EigenProjection.readState('ZCAWhitening', json);
    const z = new ZCAWhitening({ eps: checkEps('ZCAWhitening.fromJSON', (json as Record<string, unknown>)['eps']) });
    z.setFitted(state);
    return z;
  }
}

/**
 * PCA whitening (deck 004, "Xwhite = Xrot / np.sqrt(S + eps)"): rotate onto the principal axes and
 * divide each by its standard deviation, so the output has identity covariance:
 *   z = (x − μ) · U_kᵀ · diag(1/√(λ_k + eps)),   x̂ = z · diag(√(λ_k + eps)) · U_k + μ
 * eps (default 1e-5) keeps near-zero-variance directions from exploding (and in the inverse is
 * undone exactly). `nComponents` as in PCA (default: all).
 */
import { EigenProjection, checkNComponents, resolveK, scaledAxes, type ProjectionState } from './projection.js';
import { checkOptions } from './preprocessor.js';

export interface WhiteningOptions {
  /** Added to every eigenvalue before the square root. Default 1e-5. */
  eps?: number;
}

export interface PCAWhiteningOptions extends WhiteningOptions {
  /** A count k >= 1, or a variance fraction in (0, 1]. Default: every component. */
  nComponents?: number;
}

export function checkEps(cls: string, eps: unknown): number {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) throw new Error(`${cls}: eps must be a finite number >= 0, got ${String(eps)}`);
  return eps;
}

export class PCAWhitening extends EigenProjection {
  readonly nComponents: number | undefined;
  readonly eps: number;
  protected readonly keepsShape = false;

  constructor(options: PCAWhiteningOptions = {}) {
    checkOptions('PCAWhitening', options, ['nComponents', 'eps']);
    super('PCAWhitening');
    this.nComponents = checkNComponents('PCAWhitening', options.nComponents);
    this.eps = checkEps('PCAWhitening', options.eps ?? 1e-5);
  }

  protected chooseK(values: Float64Array): number {
    return resolveK(this.cls, this.nComponents, values);
  }

  protected buildMatrices(s: ProjectionState): { forward: Float64Array; inverse: Float64Array; out: number } {
    if (this.eps === 0 && s.explainedVariance.some((v) => v === 0)) {
      throw new Error('PCAWhitening: a kept component has zero variance; use eps > 0 or fewer components');
    }
    return scaledAxes(s, (l) => 1 / Math.sqrt(l + this.eps), (l) => Math.sqrt(l + this.eps));
  }

  protected jsonOptions(): Record<string, unknown> {
    return { nComponents: this.nComponents ?? null, eps: this.eps };
  }

  static fromJSON(json: unknown): PCAWhitening {
    const state = EigenProjection.readState('PCAWhitening', json);
    const o = json as Record<string, unknown>;
    const req = o['nComponents'];
    const p = new PCAWhitening({ nComponents: typeof req === 'number' ? req : undefined, eps: checkEps('PCAWhitening.fromJSON', o['eps']) });
    p.setFitted(state);
    return p;
  }
}

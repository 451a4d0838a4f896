/**
 * Principal component analysis (deck 004, "Xrot = np.dot(Xc, U)", keeping the leading columns):
 *   z = (x − μ) · U_kᵀ,   inverseTransform: x̂ = z · U_k + μ   (exact when k = D)
 * where the rows of U_k are the k eigenvectors of the training covariance with the largest
 * eigenvalues. `nComponents` is a count k, or a fraction f in (0, 1): keep the fewest components
 * that explain at least f of the variance. Default: all D components (a rotation).
 *
 * Signs follow eigh.ts: each axis's largest-magnitude entry is positive (scikit-learn flips signs
 * by another rule, so axes may differ from sklearn's by a factor of −1).
 */
import { EigenProjection, checkNComponents, resolveK, scaledAxes, type ProjectionState } from './projection.js';
import { checkOptions } from './preprocessor.js';

export interface PCAOptions {
  /** A count k >= 1, or a variance fraction in (0, 1]. Default: every component. */
  nComponents?: number;
}

export class PCA extends EigenProjection {
  readonly nComponents: number | undefined;
  protected readonly keepsShape = false;

  constructor(options: PCAOptions = {}) {
    checkOptions('PCA', options, ['nComponents']);
    super('PCA');
    this.nComponents = checkNComponents('PCA', options.nComponents);
  }

  protected chooseK(values: Float64Array): number {
    return resolveK(this.cls, this.nComponents, values);
  }

  protected buildMatrices(s: ProjectionState): { forward: Float64Array; inverse: Float64Array; out: number } {
    return scaledAxes(s, () => 1, () => 1);
  }

  protected jsonOptions(): Record<string, unknown> {
    return { nComponents: this.nComponents ?? null };
  }

  static fromJSON(json: unknown): PCA {
    const state = EigenProjection.readState('PCA', json);
    const req = (json as Record<string, unknown>)['nComponents'];
    const p = new PCA({ nComponents: typeof req === 'number' ? req : undefined });
    p.setFitted(state);
    return p;
  }
}

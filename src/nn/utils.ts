/**
 * nb.nn.utils: gradient clipping, the max-norm weight constraint, L1/L2 penalties for the loss,
 * and flattening parameters to one vector (torch.nn.utils's names, camelCase).
 *
 * The maths is shared with the Optax-style transforms (clipByGlobalNorm, clipByValue,
 * projectMaxNorm); these functions are the PyTorch-style, in-place versions that work on `.grad`
 * and on the parameters themselves.
 */
import { noGrad } from '../autograd/grad-mode.js';
import { add, cat } from '../ops/index.js';
import { zeros } from '../tensor/creation.js';
import { numel, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkNormType, clipCoefficient, globalNorm } from '../optim/transforms/clip-by-global-norm.js';
import { renorm } from '../optim/transforms/project-max-norm.js';

type ParamsLike = Tensor | Iterable<Tensor>;

function tensorList(where: string, params: ParamsLike): Tensor[] {
  if (params instanceof Tensor) return [params];
  if (params === null || typeof params !== 'object' || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== 'function') {
    throw new Error(`${where}: parameters must be a Tensor or an iterable of Tensors, got ${params === null ? 'null' : typeof params}`);
  }
  const list = [...params];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new Error(`${where}: parameter ${i} is not a Tensor (got ${p === null ? 'null' : typeof p})`);
  });
  return list;
}

function checkNonNegative(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) throw new Error(`${where}: ${name} must be a number >= 0, got ${String(v)}`);
  return v;
}

export interface ClipGradNormOptions {
  /** Throw if the total norm is NaN or ±Inf instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/**
 * Scales the gradients of `parameters` in place so that their joint `normType`-norm is at most
 * `maxNorm` (torch.nn.utils.clip_grad_norm_):
 *   N = ‖(‖g₁‖_p, …, ‖g_k‖_p)‖_p,   gᵢ ← gᵢ · min(1, maxNorm / (N + 1e-6))
 * Parameters whose grad is null are ignored. normType is any p > 0 or Infinity.
 *
 * Returns the total norm N before clipping as a 0-d tensor (like PyTorch; `.item()` for a
 * number), in the gradients' dtype; a float32 0 when no parameter has a gradient.
 */
export function clipGradNorm(parameters: ParamsLike, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): Tensor {
  const where = 'clipGradNorm';
  checkNonNegative(where, 'maxNorm', maxNorm);
  checkNormType(where, normType);
  for (const k of Object.keys(options)) if (k !== 'errorIfNonfinite') throw new Error(`${where}: unknown option '${k}' (known: errorIfNonfinite)`);
  const grads = tensorList(where, parameters)
    .map((p) => p.grad)
    .filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return zeros([]);
  const total = globalNorm(grads, normType);
  if (options.errorIfNonfinite && !total.allFinite()) {
    throw new Error(
      `${where}: the total norm of order ${normType} for gradients from \`parameters\` is non-finite (${total.item()}), so it cannot be clipped. ` +
        'To disable this error and scale the gradients by the non-finite norm anyway, set {errorIfNonfinite: false}',
    );
  }
  const coef = clipCoefficient(total, maxNorm);
  noGrad(() => grads.forEach((g) => g.mul_(coef)));
  return total;
}

/** Clamps every gradient coordinate of `parameters` to [−clipValue, clipValue], in place (clip_grad_value_). */
export function clipGradValue(parameters: ParamsLike, clipValue: number): void {
  checkNonNegative('clipGradValue', 'clipValue', clipValue);
  const params = tensorList('clipGradValue', parameters);
  noGrad(() => {
    for (const p of params) p.grad?.clamp_(-clipValue, clipValue);
  });
}

export interface MaxNormOptions {
  /** The dim that indexes the constrained slices (default 0: rows of a Linear weight [out, in], conv filters). */
  dim?: number;
  /** p of the norm (default 2). */
  normType?: number;
}

/**
 * The max-norm constraint (deck 000, "explicit constraints"): call `apply(params)` after
 * `optimizer.step()` and every slice of a weight along `dim` whose norm exceeds maxNorm is
 * rescaled onto the ball (torch.renorm's rule):
 *   wᵢ ← wᵢ · maxNorm / (‖wᵢ‖_p + 1e-7)    where ‖wᵢ‖_p > maxNorm
 * Parameters with fewer than 2 dims (biases, norm gains) are left alone, so passing
 * `model.parameters()` constrains only the weights. The same rule as a transformation is
 * nb.optim.transforms.projectMaxNorm.
 */
export class MaxNorm {
  readonly dim: number;
  readonly normType: number;

  constructor(
    readonly maxNorm: number,
    options: MaxNormOptions = {},
  ) {
    checkNonNegative('MaxNorm', 'maxNorm', maxNorm);
    for (const k of Object.keys(options)) if (k !== 'dim' && k !== 'normType') throw new Error(`MaxNorm: unknown option '${k}' (known: dim, normType)`);
    const { dim = 0, normType = 2 } = options;
    if (!Number.isInteger(dim)) throw new Error(`MaxNorm: dim must be an integer, got ${String(dim)}`);
    this.dim = dim;
    this.normType = checkNormType('MaxNorm', normType);
  }

  /** Projects the weights among `parameters` in place. */
  apply(parameters: ParamsLike): void {
    const params = tensorList('MaxNorm.apply', parameters);
    noGrad(() => {
      for (const p of params) if (p.ndim >= 2) p.copy_(renorm(p, this.maxNorm, this.dim, this.normType));
    });
  }
}

function penalty(where: string, parameters: ParamsLike, term: (p: Tensor) => Tensor): Tensor {
  const params = tensorList(where, parameters);
  if (params.length === 0) return zeros([]);
  return params.map((p) => term(p).sum()).reduce((a, b) => add(a, b));
}

/**
 * Σ‖w‖₁ over `parameters`, a differentiable 0-d tensor for the loss: `loss.add(l1Penalty(ws).mul(λ))`
 * is deck 000's L1 regularisation (gradient λ·sign(w), as transforms.addL1(λ)).
 */
export function l1Penalty(parameters: ParamsLike): Tensor {
  return penalty('l1Penalty', parameters, (p) => p.abs());
}

/**
 * Σ‖w‖₂² over `parameters` (no ½), a differentiable 0-d tensor for the loss. Deck 000 writes
 * J̃ = J + λ‖θ‖²; note that `loss + (λ/2)·l2Penalty(ws)` has gradient λ·w, which is what an
 * optimizer's weightDecay λ adds.
 */
export function l2Penalty(parameters: ParamsLike): Tensor {
  return penalty('l2Penalty', parameters, (p) => p.square());
}

/** All parameters flattened and concatenated into one vector (parameters_to_vector); differentiable. */
export function parametersToVector(parameters: ParamsLike): Tensor {
  const params = tensorList('parametersToVector', parameters);
  if (params.length === 0) throw new Error('parametersToVector: got no parameters');
  return cat(params.map((p) => p.reshape([-1])));
}

/** Copies consecutive slices of `vec` into `parameters`, in place (vector_to_parameters). */
export function vectorToParameters(vec: Tensor, parameters: ParamsLike): void {
  if (!(vec instanceof Tensor) || vec.ndim !== 1) {
    throw new Error(`vectorToParameters: vec must be a 1-d Tensor, got ${vec instanceof Tensor ? `shape ${shapeStr(vec.shape)}` : typeof vec}`);
  }
  const params = tensorList('vectorToParameters', parameters);
  const total = params.reduce((n, p) => n + numel(p.shape), 0);
  if (total !== vec.shape[0]) throw new Error(`vectorToParameters: vec has ${vec.shape[0]} elements but the parameters have ${total}`);
  noGrad(() => {
    let offset = 0;
    for (const p of params) {
      const n = numel(p.shape);
      p.copy_(vec.narrow(0, offset, n).reshape(p.shape));
      offset += n;
    }
  });
}

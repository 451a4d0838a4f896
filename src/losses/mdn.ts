/**
 * Mixture-density negative log-likelihood (deck 002, "Mixture Density Network": the network
 * outputs the parameters of a K-component mixture and is trained by maximum likelihood). For a
 * diagonal Gaussian mixture over D-dimensional targets,
 *
 *   log p(y) = logsumexp_k [ log π_k + Σ_d log N(y_d | μ_kd, σ_kd) ],   π = softmax(logits)
 *   log N(y | μ, σ) = −½ ((y − μ)/σ)² − log σ − ½ log 2π
 *   ℓ = −log p(y)
 *
 * Everything stays in log space — log π from logSoftmax, the sum over components by logsumexp —
 * so a target a thousand standard deviations from every component gives a large finite loss and
 * finite gradients instead of log(0). Equals torch.distributions'
 * MixtureSameFamily(Categorical(logits), Independent(Normal(μ, σ), 1)).log_prob(y), negated.
 *
 * Shapes: logits [..., K], means and scales [..., K, D], target [..., D]; the leading dims
 * (usually just N) are the batch, and 'none' returns one loss per batch element. Scales must be
 * positive (MDNHead's are).
 */
import { logSoftmax } from '../ops/index.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  assertFloat, checkOptions, checkReduction, Loss, minValue, reduce, type Reduction, type ReductionOptions,
} from './common.js';

export type MixtureDensityNLLLossOptions = ReductionOptions;

const KNOWN = ['reduction'];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** The mixture's log-density log p(target) per batch element (shape: logits' shape without K). */
export function mixtureLogProb(owner: string, logits: Tensor, means: Tensor, scales: Tensor, target: Tensor): Tensor {
  assertFloat(owner, 'logits', logits);
  assertFloat(owner, 'means', means);
  assertFloat(owner, 'scales', scales);
  assertFloat(owner, 'target', target);
  if (logits.ndim < 1) throw new Error(`${owner}: logits must have shape [..., K], got a 0-d tensor`);
  const batch = logits.shape.slice(0, -1);
  const k = logits.shape[logits.ndim - 1]!;
  const d = means.shape[means.ndim - 1];
  if (means.ndim !== logits.ndim + 1 || !sameShape(means.shape.slice(0, -1), logits.shape)) {
    throw new Error(`${owner}: means shape ${shapeStr(means.shape)} does not fit logits shape ${shapeStr(logits.shape)} (expected ${shapeStr([...batch, k])} + [D])`);
  }
  if (!sameShape(scales.shape, means.shape)) {
    throw new Error(`${owner}: scales shape ${shapeStr(scales.shape)} does not match means shape ${shapeStr(means.shape)}`);
  }
  if (!sameShape(target.shape, [...batch, d!])) {
    throw new Error(`${owner}: target shape ${shapeStr(target.shape)} does not match the mixture (expected ${shapeStr([...batch, d!])} for logits ${shapeStr(logits.shape)} and means ${shapeStr(means.shape)})`);
  }
  const smallest = minValue(scales);
  if (!(smallest > 0)) throw new Error(`${owner}: scales must be positive, got an entry ${smallest}`);
  const logPi = logSoftmax(logits, -1); // [..., K]
  const z = target.unsqueeze(-2).sub(means).div(scales); // [..., K, D]
  const logN = z.square().mul(-0.5).sub(scales.log()).sub(HALF_LOG_2PI).sum(-1); // [..., K]
  return logPi.add(logN).logsumexp(-1);
}

function compute(owner: string, logits: Tensor, means: Tensor, scales: Tensor, target: Tensor, reduction: Reduction): Tensor {
  return reduce(mixtureLogProb(owner, logits, means, scales, target).neg(), reduction);
}

/** −log of a diagonal Gaussian mixture's density at target, reduced over the batch. */
export function mdnNll(logits: Tensor, means: Tensor, scales: Tensor, target: Tensor, options?: MixtureDensityNLLLossOptions): Tensor {
  const o = checkOptions('mdnNll', options, KNOWN);
  return compute('mdnNll', logits, means, scales, target, checkReduction('mdnNll', o.reduction));
}

/** Module form of mdnNll: forward(logits, means, scales, target) — e.g. `loss.call(...head.predict(x)…)`. */
export class MixtureDensityNLLLoss extends Loss {
  constructor(options?: MixtureDensityNLLLossOptions) {
    const o = checkOptions('MixtureDensityNLLLoss', options, KNOWN);
    super(checkReduction('MixtureDensityNLLLoss', o.reduction));
  }
  forward(logits: Tensor, means: Tensor, scales: Tensor, target: Tensor): Tensor {
    return compute('MixtureDensityNLLLoss', logits, means, scales, target, this.reduction);
  }
}

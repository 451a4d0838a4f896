/** Loss modules (nb.nn.MSELoss, …): each the negative log-likelihood of a distribution. */
export { Loss, type Reduction, type ReductionOptions, type LossConfig } from './common.js';
export { MSELoss, type MSELossOptions } from './mse.js';
export { L1Loss, type L1LossOptions } from './l1.js';
export { HuberLoss, type HuberLossOptions } from './huber.js';
export { BCELoss, type BCELossOptions } from './bce.js';
export { BCEWithLogitsLoss, type BCEWithLogitsLossOptions } from './bce-with-logits.js';
export { CrossEntropyLoss, type CrossEntropyLossOptions } from './cross-entropy.js';
export { NLLLoss, type NLLLossOptions } from './nll.js';
export { SoftMarginLoss, type SoftMarginLossOptions } from './soft-margin.js';
export { GaussianNLLLoss, type GaussianNLLLossOptions } from './gaussian-nll.js';
export { LaplaceNLLLoss, type LaplaceNLLLossOptions } from './laplace-nll.js';
export { MixtureDensityNLLLoss, type MixtureDensityNLLLossOptions } from './mdn.js';
export { MDNHead, type MDNHeadOptions, type MixtureParams } from './mdn-head.js';

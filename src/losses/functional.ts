/** Functional losses (nb.nn.functional.crossEntropy, …), PyTorch's torch.nn.functional names in camelCase. */
export { mseLoss } from './mse.js';
export { l1Loss } from './l1.js';
export { huberLoss } from './huber.js';
export { binaryCrossEntropy } from './bce.js';
export { binaryCrossEntropyWithLogits } from './bce-with-logits.js';
export { crossEntropy } from './cross-entropy.js';
export { nllLoss } from './nll.js';
export { softMarginLoss } from './soft-margin.js';
export { gaussianNllLoss } from './gaussian-nll.js';
export { laplaceNllLoss } from './laplace-nll.js';
export { mdnNll } from './mdn.js';

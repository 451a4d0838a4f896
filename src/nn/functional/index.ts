/** nb.nn.functional: stateless versions of layers, activations and losses (like torch.nn.functional). */
export {
  relu, sigmoid, tanh, softmax, logSoftmax, logSigmoid, softplus, gelu, silu, elu, leakyRelu, hardtanh,
  softsign, mish, selu, celu, conv2d, maxPool2d, maxPool2dWithIndices, avgPool2d, unfold, fold, pad, oneHot,
} from '../../ops/index.js';
export * from './layers.js';
export { prelu } from '../activations.js';
export * from '../../losses/functional.js';

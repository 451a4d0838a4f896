/**
 * nabla — deep-learning training in TypeScript.
 *   import * as nb from 'nabla';
 *   const x = nb.randn([4, 3], {requiresGrad: true});
 *   x.square().sum().backward();
 */
export { Tensor, type TensorHook, type BackwardOptions } from './tensor/tensor.js';
export type { DType, TypedArray } from './tensor/dtype.js';
export { broadcastShapes } from './tensor/shape.js';
export * from './tensor/creation.js';
export {
  // elementwise
  add, sub, mul, div, pow, maximum, minimum, clamp, where, neg, abs, sign, exp, log, log1p, expm1, sqrt,
  rsqrt, square, reciprocal, sin, cos, tanh, sigmoid, relu, erf, floor, ceil, round, cast,
  eq, ne, lt, le, gt, ge, logicalNot, logicalAnd, logicalOr, isFinite, isNan, allFinite,
  // reductions
  sum, mean, max, min, argmax, argmin, variance as var, std, logsumexp, softmax, logSoftmax, norm,
  type VarOptions, type SoftmaxOptions,
  // shape and movement
  reshape, view, flatten, squeeze, unsqueeze, permute, transpose, expand, narrow, slice, split, chunk,
  flip, cat, stack, pad, clone, contiguous,
  // indexing
  gather, scatterAdd, indexSelect, oneHot,
  // linear algebra and images
  matmul, unfold, fold, conv2d, maxPool2d, maxPool2dWithIndices, avgPool2d,
  type Conv2dOptions, type MaxPool2dOptions, type AvgPool2dOptions, type UnfoldOptions, type Pair,
  // activations
  logSigmoid, softplus, gelu, silu, elu, leakyRelu, hardtanh, softsign, mish, selu, celu,
  type SoftplusOptions, type GeluOptions,
  // fused optimizer updates
  adamMoments, type AdamScalars,
} from './ops/index.js';
export { noGrad, enableGrad, isGradEnabled } from './autograd/grad-mode.js';
export { grad, valueAndGrad, type GradOptions } from './autograd/functional.js';
export { gradcheck, type GradcheckOptions } from './autograd/gradcheck.js';
export { Generator, manualSeed, defaultGenerator, getRngState, setRngState, type GeneratorState } from './random/generator.js';
export { getBackend, setBackend, registerBackend, listBackends } from './backends/registry.js';
export { setNumThreads, getNumThreads } from './backends/wasm/index.js';
export type { Backend, Kernels, Storage, StridedView } from './backends/backend.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as data from './data/index.js';
export * as train from './train/index.js';
export * as io from './io/index.js';
export { fit, trainStep, evaluate, predict, History } from './train/index.js';
export { saveModel, loadModel } from './io/index.js';

/** Every op, re-exported: the functional API (nb.add, nb.conv2d, …) and what Tensor methods call. */
export * from './elementwise.js';
export * from './reduce.js';
export * from './movement.js';
export * from './indexing.js';
export * from './matmul.js';
export * from './window.js';
export * from './activations.js';
export * from './readout.js';
export * from './fused.js';
export { backward } from '../autograd/backward.js';

import { noGrad } from '../autograd/grad-mode.js';
/** @internal computes a value for an in-place update without recording it. */
export const noGradCompute = noGrad;

/** nb.optim: optimizers (PyTorch's contract), Optax-style transforms, learning-rate schedules. */
export * as lrScheduler from './lr-scheduler/index.js';
export * as transforms from './transforms/index.js';
export { Optimizer, type ParamGroup, type ParamGroupSpec, type Params, type OptimizerStateDict, type ZeroGradOptions } from './optimizer.js';
export { SGD, type SGDOptions, type SGDGroup } from './optimizers/sgd.js';
export { Adagrad, type AdagradOptions, type AdagradGroup } from './optimizers/adagrad.js';
export { Adadelta, type AdadeltaOptions, type AdadeltaGroup } from './optimizers/adadelta.js';
export { RMSprop, type RMSpropOptions, type RMSpropGroup } from './optimizers/rmsprop.js';
export { Adam, type AdamOptions, type AdamGroup } from './optimizers/adam.js';
export { AdamW, type AdamWOptions, type AdamWGroup } from './optimizers/adamw.js';
export { Adamax, type AdamaxOptions, type AdamaxGroup } from './optimizers/adamax.js';
export { NAdam, type NAdamOptions, type NAdamGroup } from './optimizers/nadam.js';

/**
 * nb.optim.lrScheduler: PyTorch-style learning-rate schedulers over the pure schedules in
 * `schedules` (also exported here), plus ReduceLROnPlateau.
 */
export * as schedules from '../schedules/index.js';
export type { OptimizerLike, ParamGroupLike, MomentumKey } from './adapter.js';
export { LRScheduler, type SchedulerOptions, type SchedulerState } from './lr-scheduler.js';
export { StepLR, type StepLROptions } from './step-lr.js';
export { MultiStepLR, type MultiStepLROptions } from './multi-step-lr.js';
export { ConstantLR, type ConstantLROptions } from './constant-lr.js';
export { ExponentialLR, type ExponentialLROptions } from './exponential-lr.js';
export { InverseTimeLR, type InverseTimeLROptions } from './inverse-time-lr.js';
export { LinearLR, type LinearLROptions } from './linear-lr.js';
export { PolynomialLR, type PolynomialLROptions } from './polynomial-lr.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr.js';
export { CosineAnnealingWarmRestarts, type CosineAnnealingWarmRestartsOptions } from './cosine-annealing-warm-restarts.js';
export { CyclicLR, type CyclicLROptions } from './cyclic-lr.js';
export { OneCycleLR, type OneCycleLROptions } from './one-cycle-lr.js';
export { LambdaLR, type LambdaLROptions, type LrLambda } from './lambda-lr.js';
export { MultiplicativeLR, type MultiplicativeLROptions } from './multiplicative-lr.js';
export { SequentialLR, type SequentialLROptions } from './sequential-lr.js';
export { ChainedScheduler } from './chained-scheduler.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions, type ReduceLROnPlateauState } from './reduce-lr-on-plateau.js';

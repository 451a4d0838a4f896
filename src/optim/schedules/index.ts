/** Learning-rate schedules as pure functions of the step (STYLE lesson 4). */
export type { Schedule, AnnealStrategy } from './types.js';
export { constant, type ConstantScheduleOptions } from './constant.js';
export { step, type StepScheduleOptions } from './step.js';
export { multiStep, type MultiStepScheduleOptions } from './multi-step.js';
export { exponential, type ExponentialScheduleOptions } from './exponential.js';
export { inverseTime, type InverseTimeScheduleOptions } from './inverse-time.js';
export { linear, type LinearScheduleOptions } from './linear.js';
export { polynomial, type PolynomialScheduleOptions } from './polynomial.js';
export { cosineAnnealing, type CosineAnnealingScheduleOptions } from './cosine-annealing.js';
export {
  cosineAnnealingWarmRestarts,
  warmRestartPosition,
  type CosineAnnealingWarmRestartsScheduleOptions,
} from './cosine-annealing-warm-restarts.js';
export {
  cyclic,
  cyclicMomentum,
  type CyclicScheduleOptions,
  type CyclicMomentumScheduleOptions,
  type CyclicMode,
  type CyclicScaleMode,
} from './cyclic.js';
export { oneCycle, oneCycleMomentum, type OneCycleScheduleOptions, type OneCycleMomentumScheduleOptions } from './one-cycle.js';
export { sequential, warmup, type WarmupOptions } from './sequential.js';

/** nb.train: trainStep, fit, evaluate, predict, History, callbacks and metrics. */
export { trainStep, nextTick, type TrainStepOptions, type StepResult, type LossFn, type Batch } from './step.js';
export { fit, type FitOptions, type TrainLoader } from './fit.js';
export { evaluate, predict, type EvaluateOptions, type PredictOptions, type BatchSource } from './evaluate.js';
export { diagnose, type DiagnoseOptions } from './diagnose.js';
export { History, type HistoryJSON, type Logs, type StopReason } from './history.js';
export * as callbacks from './callbacks/index.js';
export * as metrics from './metrics/index.js';

/** nb.train.callbacks: one callback per file. */
export { Callback, type Trainer, type CallbackState } from './callback.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
export { LRSchedulerCallback, type LRSchedulerCallbackOptions } from './lr-scheduler.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauCallbackOptions } from './reduce-lr-on-plateau.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export { ExplosionDetector, type ExplosionDetectorOptions } from './explosion-detector.js';
export { ProgressBar, type ProgressBarOptions } from './progress-bar.js';
export { JsonLinesLogger, type JsonLinesLoggerOptions } from './json-lines-logger.js';
export { LambdaCallback, type LambdaCallbackHooks } from './lambda-callback.js';

/**
 * Callbacks: fit() calls their hooks at fixed points of the loop (Keras' contract, camelCased).
 * Hooks may be async; fit awaits them in list order. Epochs are 0-based in hooks and 1-based in
 * logs (`logs.epoch` counts completed epochs).
 *
 *   onTrainBegin()                                  once (also when resuming)
 *   onEpochBegin(epoch)
 *   onBatchBegin(batch)   onBatchEnd(batch, logs)   logs: {loss, size, step} of this batch
 *   onEpochEnd(epoch, logs)                         logs: the epoch's record (after validation)
 *   onTrainEnd(logs)                                logs: the last epoch's record
 *
 * A callback reaches the loop through `this.trainer` (set before onTrainBegin): the model, the
 * optimizer, the counters, `stop(reason, message)` and `saveCheckpoint(path)`. A callback with
 * state that must survive a resume implements `stateDict()` / `loadStateDict()`; the checkpoint
 * stores it (tensors included).
 */
import type { Module } from '../../nn/module.js';
import type { Optimizer } from '../../optim/optimizer.js';
import type { History, Logs, StopReason } from '../history.js';

/** The running loop, as callbacks see it. */
export interface Trainer {
  readonly model: Module;
  readonly optimizer: Optimizer;
  readonly history: History;
  /** Total epochs requested. */
  readonly epochs: number;
  /** The current epoch, 0-based. */
  readonly epoch: number;
  /** Batches finished in the current epoch. */
  readonly batchInEpoch: number;
  /** Optimizer steps taken since the run began (across resumes). */
  readonly step: number;
  /** Batches per epoch when the loader knows (`loader.length`), else undefined. */
  readonly stepsPerEpoch: number | undefined;
  /** True when this run continues a checkpoint. */
  readonly resumed: boolean;
  /** The running means of this epoch so far: {loss, <metric>…}. */
  runningLogs(): Logs;
  /** Ends training after the current batch (or at the end of the epoch, from onEpochEnd). */
  stop(reason: StopReason, message?: string): void;
  readonly stopRequested: boolean;
  /**
   * Writes a resumable checkpoint. Called from onEpochEnd, the write happens once every
   * callback's onEpochEnd has run, so the saved state includes all of them.
   */
  saveCheckpoint(path: string): Promise<void>;
}

export type CallbackState = unknown;

export class Callback {
  /** Set by fit before onTrainBegin. */
  trainer!: Trainer;

  onTrainBegin(): void | Promise<void> {}
  onEpochBegin(_epoch: number): void | Promise<void> {}
  onBatchBegin(_batch: number): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs: Logs): void | Promise<void> {}
  onTrainEnd(_logs: Logs | undefined): void | Promise<void> {}

  /** State to keep in checkpoints; undefined (the default) means stateless. */
  stateDict(): CallbackState | undefined {
    return undefined;
  }
  loadStateDict(_state: CallbackState): void {}
}

/** 'min' for losses and errors, 'max' for accuracies; 'auto' decides from the monitored name. */
export function resolveMode(mode: 'min' | 'max' | 'auto', monitor: string): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  return /acc|auc|precision|recall|f1/i.test(monitor) ? 'max' : 'min';
}

export function checkMode(who: string, mode: unknown): 'min' | 'max' | 'auto' {
  if (mode !== 'min' && mode !== 'max' && mode !== 'auto') throw new Error(`${who}: mode must be 'min', 'max' or 'auto', got ${JSON.stringify(mode)}`);
  return mode;
}

/** Reads the monitored value from epoch logs, with an error listing the keys that exist. */
export function monitored(who: string, monitor: string, logs: Logs): number {
  const v = logs[monitor];
  if (v === undefined) {
    throw new Error(`${who}: the monitored quantity '${monitor}' is not in the epoch logs (available: ${Object.keys(logs).join(', ')}); pass a valLoader to fit for 'val_*' keys`);
  }
  return v;
}

/** A callback from plain functions (Keras' LambdaCallback): `new LambdaCallback({onEpochEnd: (e, logs) => …})`. */
import type { Logs } from '../history.js';
import { Callback } from './callback.js';

export interface LambdaCallbackHooks {
  onTrainBegin?: () => void | Promise<void>;
  onEpochBegin?: (epoch: number) => void | Promise<void>;
  onBatchBegin?: (batch: number) => void | Promise<void>;
  onBatchEnd?: (batch: number, logs: Logs) => void | Promise<void>;
  onEpochEnd?: (epoch: number, logs: Logs) => void | Promise<void>;
  onTrainEnd?: (logs: Logs | undefined) => void | Promise<void>;
}

export class LambdaCallback extends Callback {
  constructor(private readonly hooks: LambdaCallbackHooks) {
    super();
  }
  override onTrainBegin(): void | Promise<void> {
    return this.hooks.onTrainBegin?.();
  }
  override onEpochBegin(epoch: number): void | Promise<void> {
    return this.hooks.onEpochBegin?.(epoch);
  }
  override onBatchBegin(batch: number): void | Promise<void> {
    return this.hooks.onBatchBegin?.(batch);
  }
  override onBatchEnd(batch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onBatchEnd?.(batch, logs);
  }
  override onEpochEnd(epoch: number, logs: Logs): void | Promise<void> {
    return this.hooks.onEpochEnd?.(epoch, logs);
  }
  override onTrainEnd(logs: Logs | undefined): void | Promise<void> {
    return this.hooks.onTrainEnd?.(logs);
  }
}

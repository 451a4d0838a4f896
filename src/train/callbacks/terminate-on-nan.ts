/**
 * Stops training at the first batch whose loss is NaN or ±∞ (Keras' TerminateOnNaN), with a
 * message naming the epoch and batch and the usual cause (deck 003: an exploding training error
 * means the learning rate is too high).
 */
import type { Logs } from '../history.js';
import { Callback } from './callback.js';

export class TerminateOnNaN extends Callback {
  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss']!;
    if (Number.isFinite(loss)) return;
    this.trainer.stop(
      'non-finite-loss',
      `TerminateOnNaN: the loss is ${loss} at epoch ${this.trainer.epoch + 1}, batch ${batch + 1} (step ${this.trainer.step}); ` +
        'training diverged — lower the learning rate, clip gradients, or check the inputs for NaN',
    );
  }
}

/**
 * Explosion detection (deck 004, "babysitting the learning process": "if the cost is ever
 * > 3 × original cost, break out early"). The original cost is the loss of the first batch of
 * the run; training stops with a message as soon as a batch loss exceeds factor × that value
 * (an infinite loss too). With `smoothing` s in [0, 1) the check uses an exponential moving
 * average ℓ̄ ← s·ℓ̄ + (1 − s)·ℓ instead of the raw batch loss, for noisy losses.
 * The reference value survives resumes (it is in the checkpoint).
 */
import type { Logs } from '../history.js';
import { Callback } from './callback.js';

export interface ExplosionDetectorOptions {
  /** Stop when the loss exceeds factor × the initial loss (default 3). */
  factor?: number;
  /** Moving-average weight of the past (default 0: raw batch losses). */
  smoothing?: number;
}

export class ExplosionDetector extends Callback {
  readonly factor: number;
  readonly smoothing: number;
  /** The first batch's loss (NaN until then). */
  initial = NaN;
  private average = NaN;

  constructor(options: ExplosionDetectorOptions = {}) {
    super();
    this.factor = options.factor ?? 3;
    this.smoothing = options.smoothing ?? 0;
    if (!(this.factor > 1)) throw new Error(`ExplosionDetector: factor must be > 1, got ${String(options.factor)}`);
    if (!(this.smoothing >= 0 && this.smoothing < 1)) throw new Error(`ExplosionDetector: smoothing must be in [0, 1), got ${String(options.smoothing)}`);
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss']!;
    if (Number.isNaN(loss)) return; // TerminateOnNaN's business
    if (Number.isNaN(this.initial)) {
      this.initial = loss;
      this.average = loss;
      return;
    }
    this.average = this.smoothing * this.average + (1 - this.smoothing) * loss;
    if (this.initial > 0 && this.average > this.factor * this.initial) {
      this.trainer.stop(
        'explosion',
        `ExplosionDetector: the loss ${this.average.toPrecision(4)} at epoch ${this.trainer.epoch + 1}, batch ${batch + 1} exceeds ` +
          `${this.factor}× the initial loss ${this.initial.toPrecision(4)}; the learning rate is probably too high (deck 003: ` +
          'an exploding training error calls for a smaller learning rate)',
      );
    }
  }

  override stateDict(): { initial: number; average: number } {
    return { initial: this.initial, average: this.average };
  }

  override loadStateDict(state: { initial: number; average: number }): void {
    this.initial = state.initial;
    this.average = state.average;
  }
}

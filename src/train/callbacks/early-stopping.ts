/**
 * Early stopping (deck 000; Keras' EarlyStopping): stop once the monitored quantity has not
 * improved for `patience` epochs in a row (as Keras, patience 0 and 1 both stop at the first epoch
 * that does not improve). An epoch improves when
 *     mode min:  value < best − minDelta          mode max:  value > best + minDelta
 * With restoreBestWeights the model's parameters and buffers are set back to those of the best
 * epoch when training ends (unless the run was aborted — an interrupted run keeps its weights so
 * that it can resume). The best weights are kept in checkpoints.
 */
import { noGrad } from '../../autograd/grad-mode.js';
import type { StateDict } from '../../nn/module.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Logs } from '../history.js';
import { Callback, checkMode, monitored, resolveMode } from './callback.js';

export interface EarlyStoppingOptions {
  /** Log key to watch (default 'val_loss'). */
  monitor?: string;
  /** Epochs without improvement before stopping (default 0: stop at the first epoch that does not improve). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  mode?: 'min' | 'max' | 'auto';
  /** Restore the best epoch's weights at the end (default false, as Keras). */
  restoreBestWeights?: boolean;
  /** Epochs before the watching starts (default 0). */
  startFromEpoch?: number;
}

interface EarlyStoppingState {
  best: number;
  bestEpoch: number;
  wait: number;
  bestWeights: Record<string, Tensor> | null;
}

export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: 'min' | 'max';
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  best = NaN;
  /** 1-based epoch of the best value (0 before any). */
  bestEpoch = 0;
  wait = 0;
  private bestWeights: StateDict | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    this.patience = options.patience ?? 0;
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.mode = resolveMode(checkMode('EarlyStopping', options.mode ?? 'auto'), this.monitor);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = options.startFromEpoch ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new Error(`EarlyStopping: patience must be an integer >= 0, got ${String(options.patience)}`);
  }

  private improves(v: number): boolean {
    if (Number.isNaN(v)) return false;
    if (Number.isNaN(this.best)) return true;
    return this.mode === 'min' ? v < this.best - this.minDelta : v > this.best + this.minDelta;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    if (epoch < this.startFromEpoch) return;
    const v = monitored('EarlyStopping', this.monitor, logs);
    if (this.improves(v)) {
      this.best = v;
      this.bestEpoch = epoch + 1;
      this.wait = 0;
      if (this.restoreBestWeights) {
        this.bestWeights = Object.fromEntries(Object.entries(this.trainer.model.stateDict()).map(([k, t]) => [k, t.clone()]));
      }
      return;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      this.trainer.stop(
        'early-stopping',
        `EarlyStopping: ${this.monitor} has not improved for ${this.wait} epoch${this.wait === 1 ? '' : 's'}; best ${this.best.toPrecision(5)} at epoch ${this.bestEpoch}`,
      );
    }
  }

  override onTrainEnd(): void {
    if (!this.restoreBestWeights || this.bestWeights === null || this.trainer.history.stopReason === 'aborted') return;
    const weights = this.bestWeights;
    noGrad(() => this.trainer.model.loadStateDict(weights));
  }

  override stateDict(): EarlyStoppingState {
    return { best: this.best, bestEpoch: this.bestEpoch, wait: this.wait, bestWeights: this.bestWeights };
  }

  override loadStateDict(state: EarlyStoppingState): void {
    this.best = state.best;
    this.bestEpoch = state.bestEpoch;
    this.wait = state.wait;
    this.bestWeights = state.bestWeights;
  }
}

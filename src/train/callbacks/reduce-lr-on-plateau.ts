/**
 * Feeds the monitored epoch metric to a ReduceLROnPlateau scheduler (nb.optim.lrScheduler), which
 * lowers the learning rate when the metric stops improving (deck 000). Either pass an existing
 * scheduler, or options from which one is made for fit's optimizer at the start of training.
 *
 *   new ReduceLROnPlateau({monitor: 'val_loss', factor: 0.5, patience: 3})
 */
import {
  ReduceLROnPlateau as PlateauScheduler, type ReduceLROnPlateauOptions, type ReduceLROnPlateauState,
} from '../../optim/lr-scheduler/reduce-lr-on-plateau.js';
import type { Logs } from '../history.js';
import { Callback, monitored } from './callback.js';

export interface ReduceLROnPlateauCallbackOptions extends ReduceLROnPlateauOptions {
  /** Log key fed to the scheduler (default 'val_loss'). */
  monitor?: string;
}

export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  scheduler: PlateauScheduler | null;
  private readonly options: ReduceLROnPlateauOptions;
  private pending: ReduceLROnPlateauState | null = null;

  constructor(options: ReduceLROnPlateauCallbackOptions | PlateauScheduler = {}, extra: { monitor?: string } = {}) {
    super();
    if (options instanceof PlateauScheduler) {
      this.scheduler = options;
      this.options = {};
      this.monitor = extra.monitor ?? 'val_loss';
    } else {
      const { monitor, ...rest } = options;
      this.monitor = monitor ?? 'val_loss';
      this.options = rest;
      this.scheduler = null;
    }
  }

  override onTrainBegin(): void {
    this.scheduler ??= new PlateauScheduler(this.trainer.optimizer, this.options);
    if (this.pending) this.scheduler.loadStateDict(this.pending);
    this.pending = null;
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    this.scheduler!.step(monitored('ReduceLROnPlateau', this.monitor, logs));
  }

  override stateDict(): ReduceLROnPlateauState | undefined {
    return this.scheduler?.stateDict();
  }

  override loadStateDict(state: ReduceLROnPlateauState): void {
    if (this.scheduler) this.scheduler.loadStateDict(state);
    else this.pending = state;
  }
}

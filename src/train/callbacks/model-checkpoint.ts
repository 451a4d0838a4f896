/**
 * Saves the training state during fit (Keras' ModelCheckpoint): every `everyEpochs` epochs, or,
 * with saveBestOnly, whenever the monitored quantity improves. `path` may contain {epoch}
 * (1-based) and any log key, e.g. 'runs/a/epoch-{epoch}.safetensors' or 'best-{val_loss}.safetensors'.
 *
 *   weightsOnly false (default)  a full resumable checkpoint (model, optimizer, schedulers,
 *                                generators, counters, history): `fit(…, {resume: path})`
 *   weightsOnly true             the model's state dict alone, as safetensors
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { saveSafetensors } from '../../io/safetensors.js';
import type { Logs } from '../history.js';
import { Callback, checkMode, monitored, resolveMode } from './callback.js';

export interface ModelCheckpointOptions {
  monitor?: string;
  mode?: 'min' | 'max' | 'auto';
  /** Save only when the monitored value improves on the best so far (default false). */
  saveBestOnly?: boolean;
  /** Save every this many epochs (default 1; ignored with saveBestOnly). */
  everyEpochs?: number;
  weightsOnly?: boolean;
}

export function formatPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => {
    if (key === 'epoch') return String(epoch);
    const v = logs[key];
    return v === undefined ? m : String(Number(v.toPrecision(6)));
  });
}

export class ModelCheckpoint extends Callback {
  readonly monitor: string;
  readonly mode: 'min' | 'max';
  readonly saveBestOnly: boolean;
  readonly everyEpochs: number;
  readonly weightsOnly: boolean;
  best = NaN;
  /** Paths written so far, oldest first. */
  readonly saved: string[] = [];

  constructor(
    readonly path: string,
    options: ModelCheckpointOptions = {},
  ) {
    super();
    if (typeof path !== 'string' || path === '') throw new Error('ModelCheckpoint: path must be a non-empty string');
    this.monitor = options.monitor ?? 'val_loss';
    this.mode = resolveMode(checkMode('ModelCheckpoint', options.mode ?? 'auto'), this.monitor);
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.everyEpochs = options.everyEpochs ?? 1;
    this.weightsOnly = options.weightsOnly ?? false;
    if (!Number.isInteger(this.everyEpochs) || this.everyEpochs < 1) throw new Error(`ModelCheckpoint: everyEpochs must be a positive integer, got ${String(options.everyEpochs)}`);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.saveBestOnly) {
      const v = monitored('ModelCheckpoint', this.monitor, logs);
      const better = !Number.isNaN(v) && (Number.isNaN(this.best) || (this.mode === 'min' ? v < this.best : v > this.best));
      if (!better) return;
      this.best = v;
    } else if ((epoch + 1) % this.everyEpochs !== 0) {
      return;
    }
    const path = formatPath(this.path, epoch + 1, logs);
    await mkdir(dirname(path), { recursive: true });
    if (this.weightsOnly) await saveSafetensors(path, this.trainer.model.stateDict(), { format: 'pt' });
    else await this.trainer.saveCheckpoint(path);
    this.saved.push(path);
  }

  override stateDict(): { best: number } {
    return { best: this.best };
  }

  override loadStateDict(state: { best: number }): void {
    this.best = state.best;
  }
}

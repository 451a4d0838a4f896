/**
 * A JSON-lines metrics log (one JSON object per line; Keras' CSVLogger in a format that keeps
 * types and tolerates new keys): one line per epoch,
 *     {"event":"epoch","epoch":3,"step":84,"loss":0.21,"accuracy":0.93,"val_loss":0.25,…,"time":"2026-…"}
 * and, with `everyBatches: n`, one {"event":"batch",…} line every n optimizer steps. A fresh run
 * truncates the file; a resumed run keeps the lines up to the checkpoint and appends. Each line is
 * appended with a single write, so a crash loses at most the line being written. Non-finite
 * numbers are written as strings ("NaN", "Infinity").
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logs } from '../history.js';
import { Callback } from './callback.js';

export interface JsonLinesLoggerOptions {
  /** Also log every n-th batch (default 0: epochs only). */
  everyBatches?: number;
}

function line(record: Record<string, unknown>): string {
  return `${JSON.stringify(record, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}\n`;
}

export class JsonLinesLogger extends Callback {
  readonly everyBatches: number;

  constructor(
    readonly path: string,
    options: JsonLinesLoggerOptions = {},
  ) {
    super();
    this.everyBatches = options.everyBatches ?? 0;
  }

  override onTrainBegin(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    if (!this.trainer.resumed || !existsSync(this.path)) {
      writeFileSync(this.path, '');
      return;
    }
    // keep what was logged up to the checkpoint (a crash after a line but before its checkpoint
    // would otherwise log that stretch twice)
    const step = this.trainer.step;
    const kept = readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((l) => {
        if (!l.trim()) return false;
        try {
          const r = JSON.parse(l) as { step?: number };
          return typeof r.step !== 'number' || r.step <= step;
        } catch {
          return false;
        }
      });
    writeFileSync(this.path, kept.map((l) => `${l}\n`).join(''));
    appendFileSync(this.path, line({ event: 'resume', epoch: this.trainer.epoch, step, time: new Date().toISOString() }));
  }

  override onBatchEnd(_batch: number, logs: Logs): void {
    if (this.everyBatches > 0 && this.trainer.step % this.everyBatches === 0) {
      appendFileSync(this.path, line({ event: 'batch', epoch: this.trainer.epoch + 1, ...logs, lr: this.trainer.optimizer.paramGroups[0]!.lr }));
    }
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    appendFileSync(this.path, line({ event: 'epoch', ...logs, step: this.trainer.step, time: new Date().toISOString() }));
  }

  override onTrainEnd(): void {
    const h = this.trainer.history;
    appendFileSync(this.path, line({ event: 'end', step: this.trainer.step, stopReason: h.stopReason, stopMessage: h.stopMessage, time: new Date().toISOString() }));
  }
}

/**
 * Progress display — a sink for the loop's events, not part of any layer (STYLE lesson 10).
 * On a TTY: one line redrawn in place (at most every `refreshSeconds`), e.g.
 *     epoch 3/20 [==========>.........] 12/28  loss 0.1234  accuracy 0.9712  1.9 s
 * followed by a permanent line per epoch. Elsewhere (a pipe, a log file, CI): a plain line every
 * `intervalSeconds` and one per epoch, never a carriage return.
 */
import type { Logs } from '../history.js';
import { formatLogs, formatSeconds } from '../format.js';
import { Callback } from './callback.js';

export interface ProgressBarOptions {
  /** Where to write (default process.stdout). */
  stream?: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** Force the TTY (true) or plain-line (false) style; default: the stream's isTTY. */
  tty?: boolean;
  /** Plain-line mode: seconds between progress lines within an epoch (default 10). */
  intervalSeconds?: number;
  /** TTY mode: seconds between redraws (default 0.1). */
  refreshSeconds?: number;
  /** Bar width in characters (default 24). */
  width?: number;
}

export class ProgressBar extends Callback {
  private readonly stream: NonNullable<ProgressBarOptions['stream']>;
  private readonly tty: boolean;
  private readonly interval: number;
  private readonly refresh: number;
  private readonly width: number;
  private epochStart = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(options: ProgressBarOptions = {}) {
    super();
    this.stream = options.stream ?? process.stdout;
    this.tty = options.tty ?? Boolean(this.stream.isTTY);
    this.interval = options.intervalSeconds ?? 10;
    this.refresh = options.refreshSeconds ?? 0.1;
    this.width = options.width ?? 24;
  }

  private head(epoch: number): string {
    return `epoch ${epoch + 1}/${this.trainer.epochs}`;
  }

  override onEpochBegin(): void {
    this.epochStart = performance.now();
    this.lastDraw = this.epochStart;
  }

  override onBatchEnd(batch: number): void {
    const now = performance.now();
    const wait = (this.tty ? this.refresh : this.interval) * 1000;
    const total = this.trainer.stepsPerEpoch;
    const last = total !== undefined && batch + 1 === total;
    if (now - this.lastDraw < wait || (last && this.tty)) return;
    this.lastDraw = now;
    const done = batch + 1;
    const seconds = (now - this.epochStart) / 1000;
    const stats = formatLogs(this.trainer.runningLogs());
    if (this.tty) {
      let bar = `${done}`;
      if (total !== undefined) {
        const filled = Math.min(this.width, Math.floor((done / total) * this.width));
        bar = `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${'.'.repeat(this.width - filled)}] ${done}/${total}`;
      }
      const eta = total !== undefined && done > 0 ? `  eta ${formatSeconds((seconds / done) * (total - done))}` : '';
      let line = `${this.head(this.trainer.epoch)} ${bar}  ${stats}${eta}`;
      const cols = this.stream.columns ?? 120;
      if (line.length > cols - 1) line = line.slice(0, cols - 1);
      this.stream.write(`\r\x1b[K${line}`);
      this.drawn = true;
    } else {
      const of = total !== undefined ? `/${total}` : '';
      this.stream.write(`${this.head(this.trainer.epoch)} batch ${done}${of}  ${stats}  ${formatSeconds(seconds)}\n`);
    }
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
    this.stream.write(`${this.head(epoch)}  ${formatLogs(logs)}  ${formatSeconds(logs['seconds'] ?? 0)}\n`);
  }

  override onTrainEnd(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
    const h = this.trainer.history;
    if (h.stopReason !== 'completed' && h.stopMessage) this.stream.write(`${h.stopMessage}\n`);
  }
}

/**
 * What fit() returns: one log record per completed epoch, and why training stopped.
 *
 *   history.epochs[i]      {epoch: i + 1, loss, accuracy, val_loss, val_accuracy, lr, seconds}
 *   history.history.loss   [loss of epoch 1, loss of epoch 2, …]   (Keras' History.history)
 *   history.stopReason     'completed' | 'early-stopping' | 'non-finite-loss' | 'explosion' | 'aborted' | …
 *   history.stopMessage    a human-readable explanation ('' when completed)
 */
export type Logs = Record<string, number>;

export type StopReason = 'completed' | 'early-stopping' | 'non-finite-loss' | 'explosion' | 'aborted' | (string & {});

export interface HistoryJSON {
  epochs: Logs[];
  stopReason: StopReason;
  stopMessage: string;
}

export class History {
  epochs: Logs[] = [];
  stopReason: StopReason = 'completed';
  stopMessage = '';

  /** Each log key's values over the epochs (an epoch lacking a key gives NaN). */
  get history(): Record<string, number[]> {
    const keys = new Set(this.epochs.flatMap((e) => Object.keys(e)));
    const out: Record<string, number[]> = {};
    for (const k of keys) out[k] = this.epochs.map((e) => e[k] ?? NaN);
    return out;
  }

  /** The last epoch's logs (undefined before the first epoch ends). */
  last(): Logs | undefined {
    return this.epochs[this.epochs.length - 1];
  }

  /** The epoch (1-based) with the best value of `key` and that value; NaN values are skipped. */
  best(key: string, mode: 'min' | 'max' = 'min'): { epoch: number; value: number } | undefined {
    let best: { epoch: number; value: number } | undefined;
    for (const e of this.epochs) {
      const v = e[key];
      if (v === undefined || Number.isNaN(v)) continue;
      if (!best || (mode === 'min' ? v < best.value : v > best.value)) best = { epoch: e['epoch'] ?? NaN, value: v };
    }
    return best;
  }

  toJSON(): HistoryJSON {
    return { epochs: this.epochs.map((e) => ({ ...e })), stopReason: this.stopReason, stopMessage: this.stopMessage };
  }

  static fromJSON(json: HistoryJSON): History {
    const h = new History();
    if (!json || !Array.isArray(json.epochs)) throw new Error('History.fromJSON: expected {epochs: [...], stopReason, stopMessage}');
    h.epochs = json.epochs.map((e) => ({ ...e }));
    h.stopReason = json.stopReason ?? 'completed';
    h.stopMessage = json.stopMessage ?? '';
    return h;
  }
}

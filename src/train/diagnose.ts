/**
 * Hyper-parameter diagnosis from a History (deck 003, "Hyper parameters tuning"):
 *   training error explodes            → decrease the learning rate
 *   training error decreases very slowly → increase the learning rate
 *   training error stays huge          → underfitting: less regularization, more capacity
 *   validation error ≫ training error  → overfitting: more regularization, less capacity
 *                                        (or the validation data come from another distribution)
 *   training error ≫ validation error  → a bad division of the data
 * Heuristic thresholds, stated in each message; the result is advice for people, not a verdict.
 */
import type { History } from './history.js';

export interface DiagnoseOptions {
  /** Validation loss / training loss above this is called overfitting (default 1.5). */
  gapRatio?: number;
  /** A relative fall of the training loss over the last half of the epochs below this is "very slow" (default 0.02). */
  slowFall?: number;
  /** Training accuracy below this is "huge training error" (default 0.6). */
  lowAccuracy?: number;
}

export function diagnose(history: History, options: DiagnoseOptions = {}): string[] {
  const gap = options.gapRatio ?? 1.5;
  const slow = options.slowFall ?? 0.02;
  const lowAcc = options.lowAccuracy ?? 0.6;
  const out: string[] = [];
  if (history.stopReason === 'explosion' || history.stopReason === 'non-finite-loss') {
    out.push('the training loss exploded: decrease the learning rate (deck 003)');
    return out;
  }
  const e = history.epochs;
  if (e.length === 0) return out;
  const loss = e.map((x) => x['loss']!);
  const last = e[e.length - 1]!;
  if (e.length >= 4) {
    const mid = loss[Math.floor(loss.length / 2)]!;
    const fall = (mid - loss[loss.length - 1]!) / Math.abs(mid);
    const first = (loss[0]! - loss[loss.length - 1]!) / Math.abs(loss[0]!);
    if (first < 0.1 && fall < slow) out.push(`the training loss fell only ${(100 * first).toFixed(1)}% in ${e.length} epochs: increase the learning rate (deck 003)`);
  }
  const acc = last['accuracy'];
  if (acc !== undefined && acc < lowAcc) out.push(`training accuracy is only ${acc.toFixed(3)}: underfitting — decrease regularization or increase model capacity (deck 003)`);
  const val = last['val_loss'];
  const tr = last['loss']!;
  if (val !== undefined && tr > 0 && val > gap * tr && val > tr + 0.05) {
    out.push(`validation loss ${val.toPrecision(3)} ≫ training loss ${tr.toPrecision(3)}: overfitting — more regularization (weight decay, dropout, augmentation, early stopping) or less capacity; or the validation data differ from the training data (deck 003)`);
  }
  if (val !== undefined && val > 0 && tr > gap * val && tr > val + 0.05) {
    out.push(`training loss ${tr.toPrecision(3)} ≫ validation loss ${val.toPrecision(3)}: check the division into training and validation data (deck 003), or strong training-only regularization (dropout, augmentation)`);
  }
  return out;
}

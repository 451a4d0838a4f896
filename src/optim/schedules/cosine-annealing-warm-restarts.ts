import { checkKeys, finite, integer, required } from './check.js';
import type { Schedule } from './types.js';

export interface CosineAnnealingWarmRestartsScheduleOptions {
  /** η_max, the rate at the start of every cycle. */
  baseLr: number;
  /** T_0: length of the first cycle (an integer >= 1). */
  t0: number;
  /** T_mult: each cycle is T_mult times longer than the one before (an integer >= 1). Default 1. */
  tMult?: number;
  /** η_min. Default 0. */
  etaMin?: number;
}

/** Where step t falls: T_cur (steps since the last restart) and T_i (length of the current cycle). */
export function warmRestartPosition(t: number, t0: number, tMult: number): { tCur: number; tI: number } {
  if (tMult === 1) return { tCur: t >= t0 ? t % t0 : t, tI: t0 };
  let start = 0;
  let tI = t0;
  while (t - start >= tI) {
    start += tI;
    tI *= tMult;
  }
  return { tCur: t - start, tI };
}

/**
 * SGDR, stochastic gradient descent with warm restarts (deck 003; PyTorch's CosineAnnealingWarmRestarts):
 *
 *     lr(t) = η_min + (η_max − η_min) · (1 + cos(π · T_cur / T_i)) / 2
 *
 * where cycle i lasts T_i = T_0 · T_mult^i steps and T_cur counts the steps since the last restart.
 * t may be fractional (batch-wise stepping: t = epoch + batch / batchesPerEpoch).
 */
export function cosineAnnealingWarmRestarts(
  options: CosineAnnealingWarmRestartsScheduleOptions,
  who = 'schedules.cosineAnnealingWarmRestarts',
): Schedule {
  checkKeys(who, options, ['baseLr', 't0', 'tMult', 'etaMin']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const t0 = integer(who, 't0', required(who, 't0', options.t0), 1);
  const tMult = integer(who, 'tMult', options.tMult ?? 1, 1);
  const etaMin = finite(who, 'etaMin', options.etaMin ?? 0);
  return (t) => {
    const { tCur, tI } = warmRestartPosition(t, t0, tMult);
    return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
  };
}

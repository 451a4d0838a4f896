import { checkKeys, finite, positive, required } from './check.js';
import type { Schedule } from './types.js';

export interface CosineAnnealingScheduleOptions {
  /** η_max, the rate at t = 0. */
  baseLr: number;
  /** T_max: steps from η_max down to η_min (> 0). */
  tMax: number;
  /** η_min. Default 0. */
  etaMin?: number;
}

/**
 * Cosine annealing (SGDR without restarts, deck 003; PyTorch's CosineAnnealingLR, closed form):
 *
 *     lr(t) = η_min + (η_max − η_min) · (1 + cos(π · t / T_max)) / 2
 *
 * Past T_max the cosine continues, rising back to η_max at 2·T_max, as PyTorch's does.
 */
export function cosineAnnealing(options: CosineAnnealingScheduleOptions, who = 'schedules.cosineAnnealing'): Schedule {
  checkKeys(who, options, ['baseLr', 'tMax', 'etaMin']);
  const baseLr = finite(who, 'baseLr', options.baseLr);
  const tMax = positive(who, 'tMax', required(who, 'tMax', options.tMax));
  const etaMin = finite(who, 'etaMin', options.etaMin ?? 0);
  return (t) => etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2;
}

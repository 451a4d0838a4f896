import { bool, checkKeys, finite, inRange, integer, oneOf, positive, required } from './check.js';
import type { AnnealStrategy, Schedule } from './types.js';

export interface OneCycleScheduleOptions {
  /** The peak rate. */
  maxLr: number;
  /** Length of the cycle; steps 0…totalSteps are defined. */
  totalSteps: number;
  /** Fraction of the cycle spent increasing the rate. Default 0.3. */
  pctStart?: number;
  /** Default 'cos'. */
  annealStrategy?: AnnealStrategy;
  /** initialLr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** minLr = initialLr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Anneal back to initialLr, then down to minLr (the paper's version) instead of fastai's two phases. */
  threePhase?: boolean;
}

type Phases = { totalSteps: number; ends: number[]; anneal: (start: number, end: number, pct: number) => number };

/** Validates the cycle's shape and returns the end step of each phase, as PyTorch places them. */
function phases(
  who: string,
  options: { totalSteps: number; pctStart?: number; annealStrategy?: AnnealStrategy; threePhase?: boolean },
): Phases {
  const totalSteps = integer(who, 'totalSteps', required(who, 'totalSteps', options.totalSteps), 1);
  const pctStart = inRange(who, 'pctStart', options.pctStart ?? 0.3, 0, 1);
  const strategy = oneOf(who, 'annealStrategy', options.annealStrategy ?? 'cos', ['cos', 'linear']);
  const threePhase = bool(who, 'threePhase', options.threePhase ?? false);
  const ends = threePhase
    ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1]
    : [pctStart * totalSteps - 1, totalSteps - 1];
  let start = 0;
  for (const end of ends) {
    // PyTorch divides by (end − start) and would produce NaN for an empty phase.
    if (!(end > start)) {
      throw new RangeError(
        `${who}: pctStart=${pctStart} with totalSteps=${totalSteps} leaves a phase of the cycle with no steps ` +
          `(phase ends: ${ends.join(', ')}); use more steps or a pctStart further from 0 and 1`,
      );
    }
    start = end;
  }
  const anneal =
    strategy === 'cos'
      ? (a: number, b: number, pct: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (a: number, b: number, pct: number) => (b - a) * pct + a;
  return { totalSteps, ends, anneal };
}

/** Piecewise annealing through `points` (one more point than phases); throws past totalSteps as PyTorch does. */
function piecewise(who: string, { totalSteps, ends, anneal }: Phases, points: number[]): Schedule {
  return (t) => {
    if (t > totalSteps) {
      throw new RangeError(`${who}: tried to step ${t + 1} times; the specified number of total steps is ${totalSteps}`);
    }
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const end = ends[i]!;
      if (t <= end || i === ends.length - 1) return anneal(points[i]!, points[i + 1]!, (t - start) / (end - start));
      start = end;
    }
    throw new Error('unreachable');
  };
}

/**
 * The 1cycle policy (Smith & Topin 2018; PyTorch's OneCycleLR). With initialLr = maxLr / divFactor and
 * minLr = initialLr / finalDivFactor, the rate is annealed (cosine or linear)
 *
 *     two phases:   initialLr → maxLr over steps 0…pctStart·T − 1, then maxLr → minLr until step T − 1
 *     three phases: initialLr → maxLr → initialLr (symmetric, ending at 2·pctStart·T − 2), then → minLr
 *
 *     cos:    anneal(a, b, p) = b + (a − b) / 2 · (cos(π·p) + 1)
 *     linear: anneal(a, b, p) = a + (b − a) · p,     p = fraction of the current phase done
 *
 * Like PyTorch, step T itself is still defined (it extrapolates the last phase); later steps throw.
 */
export function oneCycle(options: OneCycleScheduleOptions, who = 'schedules.oneCycle'): Schedule {
  checkKeys(who, options, ['maxLr', 'totalSteps', 'pctStart', 'annealStrategy', 'divFactor', 'finalDivFactor', 'threePhase']);
  const maxLr = finite(who, 'maxLr', required(who, 'maxLr', options.maxLr));
  const divFactor = positive(who, 'divFactor', options.divFactor ?? 25);
  const finalDivFactor = positive(who, 'finalDivFactor', options.finalDivFactor ?? 1e4);
  const shape = phases(who, options);
  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  const points = options.threePhase ? [initialLr, maxLr, initialLr, minLr] : [initialLr, maxLr, minLr];
  return piecewise(who, shape, points);
}

export interface OneCycleMomentumScheduleOptions extends Omit<OneCycleScheduleOptions, 'maxLr' | 'divFactor' | 'finalDivFactor'> {
  /** Momentum at the peak of the learning rate. Default 0.85. */
  baseMomentum?: number;
  /** Momentum at the start and end of the cycle. Default 0.95. */
  maxMomentum?: number;
}

/**
 * The momentum OneCycleLR cycles inversely to the rate, over the same phases:
 *
 *     two phases:   maxMomentum → baseMomentum → maxMomentum
 *     three phases: maxMomentum → baseMomentum → maxMomentum, then constant
 */
export function oneCycleMomentum(options: OneCycleMomentumScheduleOptions, who = 'schedules.oneCycleMomentum'): Schedule {
  checkKeys(who, options, ['totalSteps', 'pctStart', 'annealStrategy', 'threePhase', 'baseMomentum', 'maxMomentum']);
  const base = finite(who, 'baseMomentum', options.baseMomentum ?? 0.85);
  const max = finite(who, 'maxMomentum', options.maxMomentum ?? 0.95);
  const shape = phases(who, options);
  return piecewise(who, shape, options.threePhase ? [max, base, max, max] : [max, base, max]);
}

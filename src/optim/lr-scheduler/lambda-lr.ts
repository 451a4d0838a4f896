import { describe } from '../schedules/check.js';
import type { OptimizerLike } from './adapter.js';
import { LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** A factor as a function of the step. */
export type LrLambda = (t: number) => number;

export interface LambdaLROptions extends SchedulerOptions {
  /** One function for all groups, or one per group. Required. */
  lrLambda: LrLambda | readonly LrLambda[];
}

/** One function per group, checked. */
export function lambdasPerGroup(who: string, value: unknown, groups: number): LrLambda[] {
  if (value === undefined) throw new TypeError(`${who}: missing required option 'lrLambda'`);
  const list = Array.isArray(value) ? value : new Array(groups).fill(value);
  if (list.length !== groups) throw new RangeError(`${who}: expected ${groups} lrLambdas (one per param group), got ${list.length}`);
  list.forEach((f, i) => {
    if (typeof f !== 'function') throw new TypeError(`${who}: option 'lrLambda' must be a function or one per group, got ${describe(f)} at ${i}`);
  });
  return list as LrLambda[];
}

/**
 * lr(t) = initialLr · lrLambda(t), for any factor function (warm-up, inverse square root, …).
 * The functions are not part of the state dict (as PyTorch, which saves only callable objects' fields).
 *
 *     new LambdaLR(optimizer, {lrLambda: (t) => 0.95 ** t})
 */
export class LambdaLR extends LRScheduler {
  constructor(optimizer: OptimizerLike, options: LambdaLROptions) {
    super('LambdaLR', optimizer, options, ['lrLambda']);
    this.start();
  }

  protected build(): void {
    const lambdas = lambdasPerGroup(this.name, this.options.lrLambda, this.baseLrs.length);
    this.schedules = this.baseLrs.map((baseLr, i) => (t: number) => baseLr * lambdas[i]!(t));
  }
}

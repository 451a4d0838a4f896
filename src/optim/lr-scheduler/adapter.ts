/**
 * The one place where schedule values are written into an optimizer (STYLE lesson 4).
 *
 * Schedulers only need an optimizer's parameter groups, so they are written against this structural
 * type rather than the Optimizer class: `{paramGroups: [{lr: 0.1}, {lr: 0.01}]}` is enough for the
 * rate-only schedulers. Extra group keys (`initialLr`, `momentum`, `betas`) are read and written by name.
 */
import { describe } from '../schedules/check.js';

/** A parameter group as a scheduler sees it: a mutable `lr`, plus whatever else the optimizer keeps. */
export interface ParamGroupLike {
  lr: number;
}

/** Anything with PyTorch-style parameter groups, e.g. `nb.optim.SGD`. */
export interface OptimizerLike {
  paramGroups: ParamGroupLike[];
}

/** Where a group keeps the momentum that CyclicLR / OneCycleLR cycle: `momentum`, or `betas[0]`. */
export type MomentumKey = 'momentum' | 'betas';

/** The group as a plain record, to read and write keys the structural type doesn't declare. */
export function groupRecord(group: ParamGroupLike): Record<string, unknown> {
  return group as unknown as Record<string, unknown>;
}

/** Throws unless `optimizer` has a non-empty `paramGroups` array whose groups all have a finite numeric lr. */
export function checkOptimizer(who: string, optimizer: unknown): asserts optimizer is OptimizerLike {
  const groups = (optimizer as { paramGroups?: unknown } | null)?.paramGroups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new TypeError(`${who}: expected an optimizer with a non-empty 'paramGroups' array, got ${describe(optimizer)}`);
  }
  groups.forEach((g: unknown, i) => {
    const lr = (g as { lr?: unknown } | null)?.lr;
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new TypeError(`${who}: paramGroups[${i}].lr must be a finite number, got ${describe(lr)}`);
    }
  });
}

/** A number per parameter group: one value for all, or an array with exactly one value per group. */
export function perGroup(who: string, name: string, value: number | readonly number[], groups: number): number[] {
  if (Array.isArray(value)) {
    if (value.length !== groups) {
      throw new RangeError(`${who}: expected ${groups} values for '${name}' (one per param group), got ${value.length}`);
    }
    return [...value];
  }
  return new Array<number>(groups).fill(value as number);
}

/** For momentum cycling: each group's momentum key (PyTorch prefers `betas` when the optimizer has both). */
export function momentumKeys(who: string, optimizer: OptimizerLike): MomentumKey[] {
  return optimizer.paramGroups.map((g, i) => {
    const r = groupRecord(g);
    if (Array.isArray(r.betas)) return 'betas';
    if (typeof r.momentum === 'number') return 'momentum';
    throw new TypeError(
      `${who}: optimizer must support momentum or beta1 with the 'cycleMomentum' option enabled ` +
        `(paramGroups[${i}] has neither 'momentum' nor 'betas'); pass cycleMomentum: false`,
    );
  });
}

/** Writes one learning rate per group, and, when given, one momentum per group (as `momentum` or `betas[0]`). */
export function writeGroups(
  optimizer: OptimizerLike,
  lrs: readonly number[],
  momenta: readonly number[] | null = null,
  keys: readonly MomentumKey[] = [],
): void {
  optimizer.paramGroups.forEach((group, i) => {
    group.lr = lrs[i]!;
    if (momenta === null) return;
    const r = groupRecord(group);
    if (keys[i] === 'betas') r.betas = [momenta[i]!, ...(r.betas as number[]).slice(1)];
    else r.momentum = momenta[i]!;
  });
}

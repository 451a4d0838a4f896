/**
 * Every case of test/fixtures/torch/lr_scheduler.json (made by tools/gen_sched_fixtures.py): the learning
 * rate of every parameter group — and the momentum / beta1 of the cycling schedulers — after construction
 * and after each of 199 steps matches PyTorch's to 1e-12 relative. InverseTimeLR's cases come from its formula.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

const L = nb.optim.lrScheduler;
const RTOL = 1e-12;

interface SchedulerSpec {
  scheduler: string;
  options: Record<string, unknown>;
}

interface Case extends SchedulerSpec {
  id: string;
  optimizer: 'SGD' | 'Adam';
  groups: Record<string, unknown>[];
  schedulers?: SchedulerSpec[];
  calls?: (number | null)[];
  metrics?: number[];
  lr: number[][];
  momentum?: number[][];
}

const FIXTURES = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/torch/lr_scheduler.json', import.meta.url), 'utf8'),
) as { torch_version: string; steps: number; cases: Case[] };

/** The generator's FUNCTIONS table: options that take a function name one of these. */
const FUNCTIONS: Record<string, (x: number) => number> = {
  pow95: (e) => 0.95 ** e,
  epochDiv30: (e) => Math.floor(e / 30),
  invSqrt: (e) => 1 / Math.sqrt(1 + e),
  const95: () => 0.95,
  alternating: (e) => (e % 3 === 0 ? 1.02 : 0.98),
  halfPow: (x) => 0.5 ** x,
  invLinear: (x) => 1 / (1 + 0.01 * x),
};

function resolveOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out = { ...options };
  for (const key of ['lrLambda', 'scaleFn']) {
    const v = out[key];
    if (typeof v === 'string') out[key] = FUNCTIONS[v];
    else if (Array.isArray(v)) out[key] = v.map((name: string) => FUNCTIONS[name]);
  }
  return out;
}

type AnyScheduler = nb.optim.lrScheduler.LRScheduler | nb.optim.lrScheduler.ReduceLROnPlateau;
type Ctor = new (optimizer: nb.optim.lrScheduler.OptimizerLike, options: never) => AnyScheduler;
const CLASSES: Record<string, Ctor> = {
  StepLR: L.StepLR, MultiStepLR: L.MultiStepLR, ConstantLR: L.ConstantLR, ExponentialLR: L.ExponentialLR,
  InverseTimeLR: L.InverseTimeLR, LinearLR: L.LinearLR, PolynomialLR: L.PolynomialLR,
  CosineAnnealingLR: L.CosineAnnealingLR, CosineAnnealingWarmRestarts: L.CosineAnnealingWarmRestarts,
  CyclicLR: L.CyclicLR, OneCycleLR: L.OneCycleLR, LambdaLR: L.LambdaLR, MultiplicativeLR: L.MultiplicativeLR,
  ReduceLROnPlateau: L.ReduceLROnPlateau,
};

/** A stand-in optimizer: just the parameter groups (copies, so cases don't share arrays). */
function fakeOptimizer(groups: Record<string, unknown>[]): nb.optim.lrScheduler.OptimizerLike {
  return { paramGroups: groups.map((g) => JSON.parse(JSON.stringify(g)) as { lr: number }) };
}

function build(c: Case, optimizer: nb.optim.lrScheduler.OptimizerLike): AnyScheduler {
  const make = (s: SchedulerSpec) => new CLASSES[s.scheduler]!(optimizer, resolveOptions(s.options) as never);
  if (c.scheduler === 'SequentialLR') {
    const schedulers = c.schedulers!.map(make) as nb.optim.lrScheduler.LRScheduler[];
    return new L.SequentialLR(optimizer, { milestones: c.options.milestones as number[], schedulers });
  }
  if (c.scheduler === 'ChainedScheduler') return new L.ChainedScheduler(c.schedulers!.map(make) as nb.optim.lrScheduler.LRScheduler[]);
  return make(c);
}

function momentumOf(optimizer: nb.optim.lrScheduler.OptimizerLike): number[] {
  return optimizer.paramGroups.map((g) => {
    const r = g as unknown as { momentum?: number; betas?: number[] };
    return r.betas ? r.betas[0]! : r.momentum!;
  });
}

function assertRowClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: number of groups`);
  expected.forEach((e, g) => {
    const a = actual[g]!;
    const err = Math.abs(a - e);
    if (!(err <= RTOL * Math.abs(e))) {
      assert.fail(`${what}, group ${g}: nabla ${a}, PyTorch ${e} (relative error ${(err / Math.abs(e)).toExponential(2)})`);
    }
  });
}

test('the fixture has 200 steps and covers every scheduler', () => {
  assert.equal(FIXTURES.steps, 200);
  const names = new Set(FIXTURES.cases.map((c) => c.scheduler));
  for (const name of [...Object.keys(CLASSES), 'SequentialLR', 'ChainedScheduler']) assert.ok(names.has(name), name);
  for (const c of FIXTURES.cases) assert.equal(c.lr.length, FIXTURES.steps, c.id);
});

for (const c of FIXTURES.cases) {
  test(`${c.id} matches ${c.scheduler === 'InverseTimeLR' ? 'its formula' : 'PyTorch'}`, () => {
    const optimizer = fakeOptimizer(c.groups);
    const sched = build(c, optimizer);
    const check = (row: number) => {
      const lrs = optimizer.paramGroups.map((g) => g.lr);
      assertRowClose(lrs, c.lr[row]!, `${c.id} lr at step ${row}`);
      assert.deepEqual(sched.getLastLr(), lrs, `${c.id}: getLastLr() at step ${row}`);
      if (c.momentum) assertRowClose(momentumOf(optimizer), c.momentum[row]!, `${c.id} momentum at step ${row}`);
    };
    check(0);
    for (let k = 1; k < c.lr.length; k++) {
      if (sched instanceof L.ReduceLROnPlateau) sched.step(c.metrics![k - 1]!);
      else {
        const arg = c.calls?.[k - 1];
        if (arg === null || arg === undefined) sched.step();
        else sched.step(arg);
      }
      check(k);
    }
  });
}

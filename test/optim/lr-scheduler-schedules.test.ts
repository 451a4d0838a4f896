/**
 * The pure schedules (nb.optim.lrScheduler.schedules): each scheduler class writes exactly its schedule's
 * values (bit for bit), the formulas hold at the points that define them, and the compositions
 * (sequential, warmup) agree with SequentialLR.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

const L = nb.optim.lrScheduler;
const S = L.schedules;
type Schedule = nb.optim.lrScheduler.schedules.Schedule;

const STEPS = 200;

function groups(...lrs: number[]): { paramGroups: { lr: number; momentum?: number }[] } {
  return { paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9 })) };
}

/** The lr of every group after construction and after each step. */
function run(make: (opt: nb.optim.lrScheduler.OptimizerLike) => nb.optim.lrScheduler.LRScheduler, lrs: number[], steps = STEPS) {
  const opt = groups(...lrs);
  const sched = make(opt);
  const rows: number[][] = [];
  for (let t = 0; t < steps; t++) {
    if (t > 0) sched.step();
    rows.push(opt.paramGroups.map((g) => g.lr));
  }
  return { rows, sched, opt };
}

function assertSameAsSchedules(rows: number[][], schedules: Schedule[], what: string): void {
  rows.forEach((row, t) =>
    row.forEach((lr, g) => {
      const want = schedules[g]!(t);
      if (!Object.is(lr, want)) assert.fail(`${what}: group ${g} at step ${t} is ${lr}, the schedule gives ${want}`);
    }),
  );
}

const BASE = [0.1, 0.03];

const PAIRS: [string, (opt: nb.optim.lrScheduler.OptimizerLike) => nb.optim.lrScheduler.LRScheduler, (baseLr: number, g: number) => Schedule][] = [
  ['StepLR', (o) => new L.StepLR(o, { stepSize: 7, gamma: 0.5 }), (baseLr) => S.step({ baseLr, stepSize: 7, gamma: 0.5 })],
  ['MultiStepLR', (o) => new L.MultiStepLR(o, { milestones: [40, 10, 10] }), (baseLr) => S.multiStep({ baseLr, milestones: [10, 10, 40] })],
  ['ConstantLR', (o) => new L.ConstantLR(o, { factor: 0.25, totalIters: 9 }), (baseLr) => S.constant({ baseLr, factor: 0.25, totalIters: 9 })],
  ['ExponentialLR', (o) => new L.ExponentialLR(o, { gamma: 0.97 }), (baseLr) => S.exponential({ baseLr, gamma: 0.97 })],
  ['InverseTimeLR', (o) => new L.InverseTimeLR(o, { decayRate: 0.3, decaySteps: 4 }), (baseLr) => S.inverseTime({ baseLr, decayRate: 0.3, decaySteps: 4 })],
  ['LinearLR', (o) => new L.LinearLR(o, { startFactor: 1, endFactor: 0.05, totalIters: 120 }), (baseLr) => S.linear({ baseLr, startFactor: 1, endFactor: 0.05, totalIters: 120 })],
  ['PolynomialLR', (o) => new L.PolynomialLR(o, { totalIters: 150, power: 3 }), (baseLr) => S.polynomial({ baseLr, totalIters: 150, power: 3 })],
  ['CosineAnnealingLR', (o) => new L.CosineAnnealingLR(o, { tMax: 60, etaMin: 1e-4 }), (baseLr) => S.cosineAnnealing({ baseLr, tMax: 60, etaMin: 1e-4 })],
  ['CosineAnnealingWarmRestarts', (o) => new L.CosineAnnealingWarmRestarts(o, { t0: 5, tMult: 3, etaMin: 1e-3 }), (baseLr) => S.cosineAnnealingWarmRestarts({ baseLr, t0: 5, tMult: 3, etaMin: 1e-3 })],
  ['CyclicLR', (o) => new L.CyclicLR(o, { baseLr: [0.01, 0.001], maxLr: 0.2, stepSizeUp: 9, stepSizeDown: 14, mode: 'triangular2' }), (_b, g) => S.cyclic({ baseLr: [0.01, 0.001][g]!, maxLr: 0.2, stepSizeUp: 9, stepSizeDown: 14, mode: 'triangular2' })],
  ['OneCycleLR', (o) => new L.OneCycleLR(o, { maxLr: [0.5, 0.2], totalSteps: STEPS, threePhase: true, annealStrategy: 'linear' }), (_b, g) => S.oneCycle({ maxLr: [0.5, 0.2][g]!, totalSteps: STEPS, threePhase: true, annealStrategy: 'linear' })],
  ['LambdaLR', (o) => new L.LambdaLR(o, { lrLambda: (t) => 1 / Math.sqrt(1 + t) }), (baseLr) => (t) => baseLr * (1 / Math.sqrt(1 + t))],
];

for (const [name, make, schedule] of PAIRS) {
  test(`${name} writes exactly its pure schedule's values into every group`, () => {
    const { rows, sched } = run(make, BASE);
    const schedules = BASE.map((b, g) => schedule(b, g));
    assertSameAsSchedules(rows, schedules, name);
    // lrAt is the same closed form, without side effects
    assert.deepEqual(sched.lrAt(17), schedules.map((s) => s(17)));
    assert.equal(sched.lastEpoch, STEPS - 1);
  });
}

test('the momentum schedules are what CyclicLR and OneCycleLR write', () => {
  const opt = groups(0.1);
  const cyc = new L.CyclicLR(opt, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 6, mode: 'exp_range', gamma: 0.98, baseMomentum: 0.7, maxMomentum: 0.95 });
  const m = S.cyclicMomentum({ stepSizeUp: 6, mode: 'exp_range', gamma: 0.98, baseMomentum: 0.7, maxMomentum: 0.95 });
  for (let t = 0; t < 60; t++, cyc.step()) assert.equal(opt.paramGroups[0]!.momentum, m(t), `CyclicLR step ${t}`);
  const opt2 = groups(0.1);
  const one = new L.OneCycleLR(opt2, { maxLr: 0.3, totalSteps: 50, pctStart: 0.2 });
  const m2 = S.oneCycleMomentum({ totalSteps: 50, pctStart: 0.2 });
  for (let t = 0; t <= 50; t++) {
    assert.equal(opt2.paramGroups[0]!.momentum, m2(t), `OneCycleLR step ${t}`);
    if (t < 50) one.step();
  }
});

test('step decays by gamma every stepSize steps; multiStep counts repeated milestones', () => {
  const s = S.step({ baseLr: 1, stepSize: 3, gamma: 0.5 });
  assert.deepEqual([0, 1, 2, 3, 5, 6, 9].map(s), [1, 1, 1, 0.5, 0.5, 0.25, 0.125]);
  const m = S.multiStep({ baseLr: 1, milestones: [4, 2, 2], gamma: 0.1 });
  assert.deepEqual([0, 1, 2, 3, 4].map(m).map((x) => Number(x.toPrecision(12))), [1, 1, 0.01, 0.01, 0.001]);
});

test('constant, linear, polynomial, inverseTime and exponential at their defining points', () => {
  assert.deepEqual([0, 4, 5, 100].map(S.constant({ baseLr: 3, factor: 0.5, totalIters: 5 })), [1.5, 1.5, 3, 3]);
  assert.deepEqual([0, 7].map(S.constant({ baseLr: 3, factor: 1 })), [3, 3]);
  const lin = S.linear({ baseLr: 2, startFactor: 0.5, endFactor: 1, totalIters: 4 });
  assert.deepEqual([0, 1, 2, 4, 10].map(lin), [1, 1.25, 1.5, 2, 2]);
  const poly = S.polynomial({ baseLr: 1, totalIters: 4, power: 2 });
  assert.deepEqual([0, 2, 4, 9].map(poly), [1, 0.25, 0, 0]);
  const inv = S.inverseTime({ baseLr: 1, decayRate: 1 });
  assert.deepEqual([0, 1, 3].map(inv), [1, 0.5, 0.25]);
  const stair = S.inverseTime({ baseLr: 1, decayRate: 1, decaySteps: 10, staircase: true });
  assert.deepEqual([0, 9, 10, 29, 30].map(stair), [1, 1, 0.5, 1 / 3, 0.25]);
  assert.equal(S.exponential({ baseLr: 2, gamma: 0.5 })(3), 0.25);
});

test('cosineAnnealing runs from baseLr to etaMin at tMax and back up at 2·tMax', () => {
  const c = S.cosineAnnealing({ baseLr: 1, tMax: 10, etaMin: 0.1 });
  assert.equal(c(0), 1);
  assert.ok(Math.abs(c(5) - 0.55) < 1e-15);
  assert.equal(c(10), 0.1);
  assert.ok(Math.abs(c(20) - 1) < 1e-15);
});

test('cosineAnnealingWarmRestarts restarts after T_0, T_0·T_mult, … and takes fractional steps', () => {
  const c = S.cosineAnnealingWarmRestarts({ baseLr: 1, t0: 2, tMult: 2 });
  // cycles [0, 2), [2, 6), [6, 14), [14, 30)
  for (const t of [0, 2, 6, 14]) assert.equal(c(t), 1, `restart at ${t}`);
  assert.ok(Math.abs(c(1) - 0.5) < 1e-15);
  assert.ok(Math.abs(c(4) - 0.5) < 1e-15);
  assert.ok(Math.abs(c(10) - 0.5) < 1e-15);
  assert.ok(Math.abs(c(3) - (1 + Math.cos(Math.PI / 4)) / 2) < 1e-15);
  assert.ok(Math.abs(c(2.5) - (1 + Math.cos(Math.PI / 8)) / 2) < 1e-15);
  assert.deepEqual(S.warmRestartPosition(13.5, 2, 2), { tCur: 7.5, tI: 8 });
  // T_mult = 3: PyTorch's log-based cycle index can land one cycle short at a boundary; ours cannot
  const c3 = S.cosineAnnealingWarmRestarts({ baseLr: 1, t0: 1, tMult: 3 });
  for (const t of [0, 1, 4, 13, 40, 121, 364]) assert.equal(c3(t), 1, `restart at ${t}`);
});

test('CosineAnnealingWarmRestarts keeps its fractional position: tCur, tI and a plain step() after step(2.5)', () => {
  const opt = groups(1);
  const s = new L.CosineAnnealingWarmRestarts(opt, { t0: 4, tMult: 2 });
  s.step(2.5);
  assert.equal(s.lastEpoch, 2);
  assert.equal(s.tCur, 2.5);
  s.step();
  assert.equal(s.epoch, 3.5);
  assert.equal(s.lastEpoch, 3);
  assert.equal(opt.paramGroups[0]!.lr, S.cosineAnnealingWarmRestarts({ baseLr: 1, t0: 4, tMult: 2 })(3.5));
  s.step();
  assert.deepEqual([s.tCur, s.tI], [0.5, 8]);
});

test('cyclic: triangular reaches maxLr at stepSizeUp, triangular2 halves the amplitude each cycle, exp_range decays it', () => {
  const tri = S.cyclic({ baseLr: 0.1, maxLr: 1.1, stepSizeUp: 5 });
  assert.deepEqual([0, 5, 10, 15, 20].map(tri), [0.1, 1.1, 0.1, 1.1, 0.1]);
  assert.ok(Math.abs(tri(2) - 0.5) < 1e-15);
  const tri2 = S.cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 5, mode: 'triangular2' });
  assert.deepEqual([5, 15, 25].map(tri2), [1, 0.5, 0.25]);
  const exp = S.cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 5, mode: 'exp_range', gamma: 0.9 });
  assert.ok(Math.abs(exp(5) - 0.9 ** 5) < 1e-15);
  const asym = S.cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, stepSizeDown: 6 });
  assert.deepEqual([0, 1, 2, 5, 8].map(asym), [0, 0.5, 1, 0.5, 0]);
  const custom = S.cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn: (x) => 1 / x, scaleMode: 'iterations' });
  assert.equal(custom(2), 0.5);
});

test('oneCycle peaks at maxLr after pctStart of the cycle and ends at maxLr / divFactor / finalDivFactor', () => {
  const o = S.oneCycle({ maxLr: 1, totalSteps: 101, pctStart: 0.2, divFactor: 10, finalDivFactor: 100 });
  assert.ok(Math.abs(o(0) - 0.1) < 1e-16);
  assert.ok(Math.abs(o(19.2) - 1) < 1e-15);
  assert.ok(Math.abs(o(100) - 0.001) < 1e-17);
  const three = S.oneCycle({ maxLr: 1, totalSteps: 100, pctStart: 0.25, threePhase: true, annealStrategy: 'linear', divFactor: 4 });
  assert.deepEqual([0, 24, 48, 99].map((t) => Number(three(t).toPrecision(12))), [0.25, 1, 0.25, 0.000025]);
  // step totalSteps itself is defined (as in PyTorch), the next throws with PyTorch's count
  assert.ok(Number.isFinite(o(101)));
  assert.throws(() => o(102), /tried to step 103 times; the specified number of total steps is 101/);
});

test('sequential restarts each schedule at its milestone; warmup equals SequentialLR(LinearLR, CosineAnnealingLR)', () => {
  const a = (t: number) => 100 + t;
  const b = (t: number) => 200 + t;
  const c = (t: number) => 300 + t;
  const seq = S.sequential([a, b, c], [3, 5]);
  assert.deepEqual([0, 2, 3, 4, 5, 9].map(seq), [100, 102, 200, 201, 300, 304]);

  const cos = S.cosineAnnealing({ baseLr: 0.1, tMax: 95 });
  const warm = S.warmup(cos, { warmupSteps: 5, startFactor: 0.1 });
  const { rows } = run(
    (o) =>
      new L.SequentialLR(o, {
        schedulers: [new L.LinearLR(o, { startFactor: 0.1, totalIters: 5 }), new L.CosineAnnealingLR(o, { tMax: 95 })],
        milestones: [5],
      }),
    [0.1],
    120,
  );
  assertSameAsSchedules(rows, [warm], 'warmup vs SequentialLR');
  assert.ok(Math.abs(warm(0) - 0.01) < 1e-17);
  assert.equal(warm(5), 0.1);
});

test('MultiplicativeLR is the running product, also when asked for an earlier step', () => {
  const opt = groups(1, 2);
  const s = new L.MultiplicativeLR(opt, { lrLambda: [(t) => 0.5 + 0 * t, (t) => (t % 2 ? 2 : 0.5)] });
  for (let t = 0; t < 6; t++) if (t > 0) s.step();
  assert.deepEqual(opt.paramGroups.map((g) => g.lr), [1 / 32, 2 * (2 * 0.5 * 2 * 0.5 * 2)]);
  assert.deepEqual(s.lrAt(2), [0.25, 2]);
  assert.deepEqual(s.lrAt(5), [1 / 32, 4]);
});

test('ChainedScheduler multiplies the factors of its schedulers', () => {
  const opt = groups(1);
  const a = new L.ConstantLR(opt, { factor: 0.1, totalIters: 2 });
  const b = new L.ExponentialLR(opt, { gamma: 0.9 });
  const chain = new L.ChainedScheduler([a, b]);
  const got = [opt.paramGroups[0]!.lr];
  for (let t = 1; t < 5; t++) {
    chain.step();
    got.push(opt.paramGroups[0]!.lr);
  }
  const want = [0.1, 0.09, 0.81, 0.729, 0.6561]; // PyTorch's docstring example
  got.forEach((x, i) => assert.ok(Math.abs(x - want[i]!) < 1e-15, `step ${i}: ${x} vs ${want[i]}`));
  assert.deepEqual([a.lastEpoch, b.lastEpoch, chain.lastEpoch], [4, 4, 4]);
});

test('every scheduler records initialLr in each group and sets the step-0 rate', () => {
  const opt = groups(0.2, 0.02);
  new L.StepLR(opt, { stepSize: 3 });
  assert.deepEqual(opt.paramGroups.map((g) => (g as unknown as { initialLr: number }).initialLr), [0.2, 0.02]);
  // a second scheduler keeps the recorded initialLr (PyTorch's setdefault)
  opt.paramGroups[0]!.lr = 5;
  const s2 = new L.ExponentialLR(opt, { gamma: 0.5 });
  assert.deepEqual(s2.baseLrs, [0.2, 0.02]);
  assert.deepEqual(opt.paramGroups.map((g) => g.lr), [0.2, 0.02]);
  // OneCycleLR overwrites it with maxLr / divFactor, CyclicLR's lower bound is baseLr
  const one = new L.OneCycleLR(groups(1), { maxLr: 0.5, totalSteps: 10 });
  assert.deepEqual(one.baseLrs, [0.02]);
  const cyc = new L.CyclicLR(opt, { baseLr: 0.001, maxLr: 0.01 });
  assert.deepEqual(cyc.baseLrs, [0.001, 0.001]);
  assert.deepEqual(opt.paramGroups.map((g) => g.lr), [0.001, 0.001]);
});

test('lastEpoch resumes from the groups\' initialLr, like PyTorch\'s last_epoch', () => {
  const opt = groups(0.1);
  const fresh = new L.StepLR(opt, { stepSize: 2, gamma: 0.5 });
  for (let t = 0; t < 5; t++) fresh.step();
  const resumed = new L.StepLR(opt, { stepSize: 2, gamma: 0.5, lastEpoch: 5 });
  assert.equal(resumed.lastEpoch, 6);
  assert.equal(opt.paramGroups[0]!.lr, 0.1 * 0.5 ** 3);
});

test('step(epoch) jumps to any step using the closed form', () => {
  const opt = groups(1);
  const s = new L.CosineAnnealingLR(opt, { tMax: 10 });
  s.step(7);
  assert.equal(s.lastEpoch, 7);
  assert.equal(opt.paramGroups[0]!.lr, S.cosineAnnealing({ baseLr: 1, tMax: 10 })(7));
  s.step();
  assert.equal(opt.paramGroups[0]!.lr, S.cosineAnnealing({ baseLr: 1, tMax: 10 })(8));
});

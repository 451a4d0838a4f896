/**
 * Checkpoints: every scheduler's stateDict() is plain JSON, and a run restored mid-way from it (through
 * JSON, into a freshly built optimizer and scheduler) continues bit for bit like the uninterrupted run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

const L = nb.optim.lrScheduler;
type Opt = { paramGroups: { lr: number; [k: string]: unknown }[] };
type Sched = nb.optim.lrScheduler.LRScheduler | nb.optim.lrScheduler.ReduceLROnPlateau;

const STEPS = 120;
const SAVE_AT = 47;

function fresh(): Opt {
  return { paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.01, momentum: 0.5 }] };
}

const metric = (t: number) => (t < 30 ? 1 / (1 + t) : 0.03 + 0.001 * ((t * 7) % 5));

/** Drives a scheduler one step (metric for ReduceLROnPlateau, a fractional epoch for warm restarts). */
type Driver = (s: Sched, t: number) => void;
const plain: Driver = (s) => (s as nb.optim.lrScheduler.LRScheduler).step();

const CASES: [string, (opt: Opt) => Sched, Driver?][] = [
  ['StepLR', (o) => new L.StepLR(o, { stepSize: 10, gamma: 0.7 })],
  ['MultiStepLR', (o) => new L.MultiStepLR(o, { milestones: [20, 50, 90] })],
  ['ConstantLR', (o) => new L.ConstantLR(o, { totalIters: 60 })],
  ['ExponentialLR', (o) => new L.ExponentialLR(o, { gamma: 0.98 })],
  ['InverseTimeLR', (o) => new L.InverseTimeLR(o, { decayRate: 0.1, staircase: true, decaySteps: 3 })],
  ['LinearLR', (o) => new L.LinearLR(o, { startFactor: 0.2, totalIters: 80 })],
  ['PolynomialLR', (o) => new L.PolynomialLR(o, { totalIters: 100, power: 1.5 })],
  ['CosineAnnealingLR', (o) => new L.CosineAnnealingLR(o, { tMax: 70, etaMin: 0.001 })],
  ['CosineAnnealingWarmRestarts', (o) => new L.CosineAnnealingWarmRestarts(o, { t0: 3, tMult: 2 }), (s, t) => (s as nb.optim.lrScheduler.LRScheduler).step(t / 4)],
  ['CyclicLR', (o) => new L.CyclicLR(o, { baseLr: [0.01, 0.002], maxLr: 0.1, stepSizeUp: 13, mode: 'exp_range', gamma: 0.995 })],
  ['OneCycleLR', (o) => new L.OneCycleLR(o, { maxLr: [0.2, 0.05], totalSteps: STEPS, threePhase: true })],
  ['LambdaLR', (o) => new L.LambdaLR(o, { lrLambda: (t) => 1 / (1 + 0.1 * t) })],
  ['MultiplicativeLR', (o) => new L.MultiplicativeLR(o, { lrLambda: (t) => (t % 4 === 0 ? 0.9 : 1.01) })],
  ['SequentialLR', (o) => new L.SequentialLR(o, {
    schedulers: [new L.LinearLR(o, { startFactor: 0.05, totalIters: 10 }), new L.StepLR(o, { stepSize: 15 }), new L.CosineAnnealingLR(o, { tMax: 40 })],
    milestones: [10, 60],
  })],
  ['ChainedScheduler', (o) => new L.ChainedScheduler([new L.LinearLR(o, { startFactor: 0.5, totalIters: 30 }), new L.ExponentialLR(o, { gamma: 0.99 })])],
  ['ReduceLROnPlateau', (o) => new L.ReduceLROnPlateau(o, { patience: 2, cooldown: 1, factor: 0.5, thresholdMode: 'abs', threshold: 1e-3 }), (s, t) => (s as nb.optim.lrScheduler.ReduceLROnPlateau).step(metric(t))],
];

function snapshot(o: Opt): number[] {
  return o.paramGroups.flatMap((g) => [g.lr, g.momentum as number]);
}

for (const [name, make, drive = plain] of CASES) {
  test(`${name}: stateDict is JSON and a mid-run restore continues identically`, () => {
    const optA = fresh();
    const a = make(optA);
    const want: number[][] = [];
    let saved = '';
    let savedGroups = '';
    for (let t = 1; t < STEPS; t++) {
      drive(a, t);
      want.push(snapshot(optA));
      if (t === SAVE_AT) {
        const state = a.stateDict();
        saved = JSON.stringify(state);
        assert.deepEqual(JSON.parse(saved), state, 'the state survives JSON unchanged');
        savedGroups = JSON.stringify(optA.paramGroups); // what the optimizer's own state dict carries
      }
    }
    // a new process: new optimizer, new scheduler, then both state dicts
    const optB = fresh();
    const b = make(optB);
    optB.paramGroups.forEach((g, i) => Object.assign(g, (JSON.parse(savedGroups) as object[])[i]));
    (b.loadStateDict as (s: unknown) => void)(JSON.parse(saved));
    assert.deepEqual(b.getLastLr(), want[SAVE_AT - 1]!.filter((_, i) => i % 2 === 0));
    for (let t = SAVE_AT + 1; t < STEPS; t++) {
      drive(b, t);
      assert.deepEqual(snapshot(optB), want[t - 1], `${name} step ${t} after the restore`);
    }
  });
}

test('loadStateDict adopts the saved options (as PyTorch) and keeps functions from the constructor', () => {
  const a = new L.StepLR(fresh(), { stepSize: 10, gamma: 0.5 });
  for (let t = 0; t < 12; t++) a.step();
  const optB = fresh();
  const b = new L.StepLR(optB, { stepSize: 3, gamma: 0.1 });
  b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
  b.step();
  assert.deepEqual(optB.paramGroups.map((g) => g.lr), [0.1 * 0.5, 0.01 * 0.5]); // step 13 of stepSize 10, gamma 0.5

  const f = (t: number) => 1 / (1 + t);
  const la = new L.LambdaLR(fresh(), { lrLambda: f });
  const state = la.stateDict();
  assert.deepEqual(state.options, {}, 'functions are not part of the state');
  const optC = fresh();
  const lb = new L.LambdaLR(optC, { lrLambda: f });
  lb.loadStateDict(state);
  lb.step();
  assert.equal(optC.paramGroups[0]!.lr, 0.1 * f(1));
});

test('ReduceLROnPlateau writes an infinite best as "inf" / "-inf" and reads it back', () => {
  const min = new L.ReduceLROnPlateau(fresh());
  assert.equal(min.stateDict().best, 'inf');
  const max = new L.ReduceLROnPlateau(fresh(), { mode: 'max' });
  const state = JSON.parse(JSON.stringify(max.stateDict()));
  assert.equal(state.best, '-inf');
  const other = new L.ReduceLROnPlateau(fresh(), { mode: 'max' });
  other.loadStateDict(state);
  assert.equal(other.best, -Infinity);
});

test('a state dict from another scheduler, or for other groups, is refused', () => {
  const step = new L.StepLR(fresh(), { stepSize: 3 });
  const cos = new L.CosineAnnealingLR(fresh(), { tMax: 3 });
  assert.throws(() => cos.loadStateDict(step.stateDict()), /CosineAnnealingLR\.loadStateDict: the state was saved by a 'StepLR', not a CosineAnnealingLR/);
  const one = new L.StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: 3 });
  assert.throws(() => one.loadStateDict(step.stateDict()), /'baseLrs' must hold 1 numbers/);
  const plateau = new L.ReduceLROnPlateau(fresh());
  assert.throws(() => plateau.loadStateDict(step.stateDict() as never), /expected a ReduceLROnPlateau state/);
});

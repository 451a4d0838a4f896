/** Bad input to schedulers and schedules: clear errors that name the scheduler and the option. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

const L = nb.optim.lrScheduler;
const S = L.schedules;

const opt = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.01, momentum: 0.9 }] });
const noMomentum = () => ({ paramGroups: [{ lr: 0.1 }] });
// untyped constructor calls, for the inputs the types would reject
const make = (C: unknown, ...args: unknown[]) => new (C as new (...a: unknown[]) => unknown)(...args);

test('an unknown option names the scheduler, the key and the known ones', () => {
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 3, stepsize: 3 }), /^TypeError: StepLR: unknown option 'stepsize' \(expected one of: stepSize, gamma, lastEpoch\)/);
  assert.throws(() => make(L.CosineAnnealingLR, opt(), { T_max: 3 }), /CosineAnnealingLR: unknown option 'T_max'/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, totalSteps: 10, verbose: true }), /OneCycleLR: unknown option 'verbose'/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { min_lr: 0 }), /ReduceLROnPlateau: unknown option 'min_lr'/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 0.1, maxLr: 1, step_size_up: 3 }), /CyclicLR: unknown option 'step_size_up'/);
  assert.throws(() => S.step({ baseLr: 1, stepSize: 2, gama: 0.1 } as never), /schedules\.step: unknown option 'gama'/);
});

test('a missing required option is named', () => {
  assert.throws(() => make(L.StepLR, opt(), {}), /StepLR: missing required option 'stepSize'/);
  assert.throws(() => make(L.MultiStepLR, opt(), { gamma: 0.1 }), /MultiStepLR: missing required option 'milestones'/);
  assert.throws(() => make(L.ExponentialLR, opt(), {}), /ExponentialLR: missing required option 'gamma'/);
  assert.throws(() => make(L.InverseTimeLR, opt(), {}), /InverseTimeLR: missing required option 'decayRate'/);
  assert.throws(() => make(L.CosineAnnealingLR, opt(), {}), /CosineAnnealingLR: missing required option 'tMax'/);
  assert.throws(() => make(L.CosineAnnealingWarmRestarts, opt(), {}), /CosineAnnealingWarmRestarts: missing required option 't0'/);
  assert.throws(() => make(L.CyclicLR, opt(), { maxLr: 1 }), /CyclicLR: missing required option 'baseLr'/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 1 }), /CyclicLR: missing required option 'maxLr'/);
  assert.throws(() => make(L.OneCycleLR, opt(), { totalSteps: 5 }), /OneCycleLR: missing required option 'maxLr'/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1 }), /OneCycleLR: you must define either totalSteps OR \(epochs AND stepsPerEpoch\)/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, epochs: 3 }), /OneCycleLR: missing required option 'stepsPerEpoch'/);
  assert.throws(() => make(L.LambdaLR, opt(), {}), /LambdaLR: missing required option 'lrLambda'/);
  assert.throws(() => make(L.SequentialLR, opt(), { milestones: [] }), /SequentialLR: missing required option 'schedulers'/);
  assert.throws(() => make(L.StepLR, opt()), /StepLR: missing required option 'stepSize'/);
});

test('bad values say what the option must be and what it was', () => {
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 3, gamma: 0 }), /^RangeError: StepLR: option 'gamma' must be > 0, got 0/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 3, gamma: -0.5 }), /StepLR: option 'gamma' must be > 0, got -0.5/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: -2 }), /StepLR: option 'stepSize' must be an integer >= 1, got -2/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 2.5 }), /StepLR: option 'stepSize' must be an integer >= 1, got 2.5/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: '3' }), /^TypeError: StepLR: option 'stepSize' must be a finite number, got '3'/);
  assert.throws(() => make(L.ExponentialLR, opt(), { gamma: NaN }), /ExponentialLR: option 'gamma' must be a finite number, got NaN/);
  assert.throws(() => make(L.MultiStepLR, opt(), { milestones: [3, 1.5] }), /MultiStepLR: option 'milestones' must be an array of integers >= 0, got \[3, 1.5\]/);
  assert.throws(() => make(L.CosineAnnealingLR, opt(), { tMax: 0 }), /CosineAnnealingLR: option 'tMax' must be > 0, got 0/);
  assert.throws(() => make(L.CosineAnnealingLR, opt(), { tMax: -10 }), /CosineAnnealingLR: option 'tMax' must be > 0, got -10/);
  assert.throws(() => make(L.CosineAnnealingWarmRestarts, opt(), { t0: 2.5 }), /CosineAnnealingWarmRestarts: option 't0' must be an integer >= 1, got 2.5/);
  assert.throws(() => make(L.CosineAnnealingWarmRestarts, opt(), { t0: 5, tMult: 0 }), /option 'tMult' must be an integer >= 1, got 0/);
  assert.throws(() => make(L.LinearLR, opt(), { startFactor: 2 }), /LinearLR: option 'startFactor' must be in \[0, 1\], got 2/);
  assert.throws(() => make(L.LinearLR, opt(), { totalIters: 0 }), /LinearLR: option 'totalIters' must be an integer >= 1, got 0/);
  assert.throws(() => make(L.ConstantLR, opt(), { factor: 1.5 }), /ConstantLR: option 'factor' must be in \[0, 1\], got 1.5/);
  assert.throws(() => make(L.PolynomialLR, opt(), { power: -1 }), /PolynomialLR: option 'power' must be >= 0, got -1/);
  assert.throws(() => make(L.InverseTimeLR, opt(), { decayRate: -0.1 }), /InverseTimeLR: option 'decayRate' must be >= 0, got -0.1/);
  assert.throws(() => make(L.InverseTimeLR, opt(), { decayRate: 0.1, decaySteps: 0 }), /InverseTimeLR: option 'decaySteps' must be > 0, got 0/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 0.1, maxLr: 1, mode: 'triangle' }), /CyclicLR: option 'mode' must be one of 'triangular', 'triangular2', 'exp_range', got 'triangle'/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 0.1, maxLr: 1, stepSizeUp: 0 }), /CyclicLR: option 'stepSizeUp' must be > 0, got 0/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 0.1, maxLr: [1, 2, 3] }), /CyclicLR: expected 2 values for 'maxLr' \(one per param group\), got 3/);
  assert.throws(() => make(L.CyclicLR, opt(), { baseLr: 0.1, maxLr: 1, scaleFn: 2 }), /CyclicLR: option 'scaleFn' must be a function, got 2/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, totalSteps: 0 }), /OneCycleLR: option 'totalSteps' must be an integer >= 1, got 0/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, totalSteps: 100, pctStart: 1.5 }), /OneCycleLR: option 'pctStart' must be in \[0, 1\], got 1.5/);
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, totalSteps: 100, annealStrategy: 'cosine' }), /OneCycleLR: option 'annealStrategy' must be one of 'cos', 'linear', got 'cosine'/);
  // where PyTorch divides 0 by 0
  assert.throws(() => make(L.OneCycleLR, opt(), { maxLr: 1, totalSteps: 10, pctStart: 0.1 }), /OneCycleLR: pctStart=0.1 with totalSteps=10 leaves a phase of the cycle with no steps/);
  assert.throws(() => make(L.LambdaLR, opt(), { lrLambda: [(t: number) => t] }), /LambdaLR: expected 2 lrLambdas \(one per param group\), got 1/);
  assert.throws(() => make(L.LambdaLR, opt(), { lrLambda: 0.5 }), /LambdaLR: option 'lrLambda' must be a function or one per group/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 2, lastEpoch: -3 }), /StepLR: option 'lastEpoch' must be an integer >= -1, got -3/);
});

test('momentum cycling needs a momentum or betas in every group, as in PyTorch', () => {
  assert.throws(() => make(L.CyclicLR, noMomentum(), { baseLr: 0.01, maxLr: 0.1 }), /CyclicLR: optimizer must support momentum or beta1 with the 'cycleMomentum' option enabled \(paramGroups\[0\] has neither 'momentum' nor 'betas'\); pass cycleMomentum: false/);
  assert.throws(() => make(L.OneCycleLR, noMomentum(), { maxLr: 0.1, totalSteps: 10 }), /OneCycleLR: optimizer must support momentum or beta1/);
  assert.doesNotThrow(() => make(L.CyclicLR, noMomentum(), { baseLr: 0.01, maxLr: 0.1, cycleMomentum: false }));
});

test('something that is not an optimizer', () => {
  assert.throws(() => make(L.StepLR, {}, { stepSize: 2 }), /^TypeError: StepLR: expected an optimizer with a non-empty 'paramGroups' array, got an object/);
  assert.throws(() => make(L.StepLR, null, { stepSize: 2 }), /StepLR: expected an optimizer with a non-empty 'paramGroups' array, got null/);
  assert.throws(() => make(L.StepLR, { paramGroups: [{ lr: '0.1' }] }, { stepSize: 2 }), /StepLR: paramGroups\[0\]\.lr must be a finite number, got '0.1'/);
  assert.throws(() => make(L.ReduceLROnPlateau, { paramGroups: [] }), /ReduceLROnPlateau: expected an optimizer with a non-empty 'paramGroups' array/);
  assert.throws(() => make(L.StepLR, opt(), { stepSize: 2, lastEpoch: 4 }), /StepLR: option lastEpoch=4 resumes a run, but paramGroups\[0\] has no 'initialLr'/);
});

test('stepping OneCycleLR past totalSteps throws like PyTorch and leaves the scheduler as it was', () => {
  const o = opt();
  const s = new L.OneCycleLR(o, { maxLr: 0.1, totalSteps: 4 });
  for (let t = 0; t < 4; t++) s.step(); // step 4 == totalSteps is still allowed, as in PyTorch
  const before = { lr: o.paramGroups.map((g) => g.lr), lastEpoch: s.lastEpoch, last: s.getLastLr() };
  assert.throws(() => s.step(), /^RangeError: OneCycleLR: tried to step 6 times; the specified number of total steps is 4/);
  assert.deepEqual({ lr: o.paramGroups.map((g) => g.lr), lastEpoch: s.lastEpoch, last: s.getLastLr() }, before);
});

test('step(epoch) must be a non-negative integer (fractional only for warm restarts)', () => {
  const s = new L.StepLR(opt(), { stepSize: 2 });
  assert.throws(() => s.step(-1), /StepLR\.step: epoch must be an integer >= 0, got -1/);
  assert.throws(() => s.step(1.5), /StepLR\.step: epoch must be an integer >= 0, got 1.5/);
  const w = new L.CosineAnnealingWarmRestarts(opt(), { t0: 2 });
  assert.doesNotThrow(() => w.step(1.5));
  assert.throws(() => w.step(-0.5), /CosineAnnealingWarmRestarts\.step: expected a non-negative epoch, got -0.5/);
});

test('SequentialLR and ChainedScheduler check their schedulers and milestones', () => {
  const o = opt();
  const a = new L.LinearLR(o, { totalIters: 3 });
  const b = new L.ExponentialLR(o, { gamma: 0.9 });
  const other = new L.ExponentialLR(opt(), { gamma: 0.9 });
  assert.throws(() => new L.SequentialLR(o, { schedulers: [a, b], milestones: [] }), /SequentialLR: expects one milestone fewer than schedulers: got 2 schedulers and milestones \[\]/);
  assert.throws(() => new L.SequentialLR(o, { schedulers: [a, b, b], milestones: [5, 5] }), /SequentialLR: option 'milestones\[1\]' must be an integer >= 6, got 5/);
  assert.throws(() => new L.SequentialLR(o, { schedulers: [a, other], milestones: [3] }), /SequentialLR: expects all schedulers to belong to the same optimizer, but schedulers\[1\] has a different one/);
  assert.throws(() => make(L.SequentialLR, o, { schedulers: [a, new L.ReduceLROnPlateau(o)], milestones: [3] }), /SequentialLR: option 'schedulers' must be a non-empty array of learning-rate schedulers \(not ReduceLROnPlateau\)/);
  assert.throws(() => new L.ChainedScheduler([a, other]), /ChainedScheduler: expects all schedulers to belong to the same optimizer/);
  assert.throws(() => new L.ChainedScheduler([]), /ChainedScheduler: expected a non-empty array of learning-rate schedulers/);
  assert.throws(() => S.sequential([(t) => t], [2]), /schedules\.sequential: expected 0 milestones for 1 schedules, got \[2\]/);
  assert.throws(() => S.warmup((t) => t, { warmupSteps: 0 }), /schedules\.warmup: option 'warmupSteps' must be an integer >= 1, got 0/);
});

test('ReduceLROnPlateau: bad options and metrics', () => {
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { factor: 1 }), /ReduceLROnPlateau: option 'factor' must be < 1, got 1/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { factor: -0.1 }), /ReduceLROnPlateau: option 'factor' must be >= 0, got -0.1/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { mode: 'minimum' }), /ReduceLROnPlateau: option 'mode' must be one of 'min', 'max', got 'minimum'/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { thresholdMode: 'relative' }), /ReduceLROnPlateau: option 'thresholdMode' must be one of 'rel', 'abs'/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { patience: 1.5 }), /ReduceLROnPlateau: option 'patience' must be an integer >= 0, got 1.5/);
  assert.throws(() => make(L.ReduceLROnPlateau, opt(), { minLr: [0.1] }), /ReduceLROnPlateau: expected 2 values for 'minLr' \(one per param group\), got 1/);
  const p = new L.ReduceLROnPlateau(opt());
  assert.throws(() => p.step('0.5' as never), /ReduceLROnPlateau\.step: expected a number or a one-element tensor, got '0.5'/);
  // a tensor metric works, and a NaN one counts as no improvement (PyTorch's behaviour)
  p.step(nb.tensor([0.5]));
  assert.equal(p.best, 0.5);
  p.step(NaN);
  assert.equal(p.numBadEpochs, 1);
});

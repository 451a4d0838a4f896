/**
 * Schedulers driving the real optimizers (nb.optim.SGD, nb.optim.Adam): the scheduled rate is the one
 * the update uses, momentum / betas cycling lands in the groups, and the groups' extra keys
 * (initialLr, cycled momentum) survive the optimizer's own state dict.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';

const L = nb.optim.lrScheduler;

function param(value: number): nb.Tensor {
  return nb.tensor([value], { dtype: 'float64', requiresGrad: true });
}

/** One SGD step with gradient 1 on every parameter. */
function stepWithUnitGrad(opt: nb.optim.Optimizer, params: nb.Tensor[]): void {
  for (const p of params) p.grad = nb.ones([1], { dtype: 'float64' });
  opt.step();
}

test('the rate StepLR writes is the one SGD uses', () => {
  const p = param(0);
  const opt = new nb.optim.SGD([p], { lr: 1 });
  const sched = new L.StepLR(opt, { stepSize: 2, gamma: 0.5 });
  const seen: number[] = [];
  for (let t = 0; t < 6; t++) {
    const before = p.item();
    stepWithUnitGrad(opt, [p]);
    seen.push(before - p.item());
    sched.step();
  }
  assert.deepEqual(seen, [1, 1, 0.5, 0.5, 0.25, 0.25]);
  assert.equal((opt.paramGroups[0] as { initialLr?: number }).initialLr, 1);
});

test('CyclicLR cycles SGD momentum; OneCycleLR cycles Adam beta1 and keeps beta2', () => {
  const sgd = new nb.optim.SGD([param(0)], { lr: 0.1, momentum: 0.9 });
  const cyc = new L.CyclicLR(sgd, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4 });
  assert.equal(sgd.paramGroups[0]!.momentum, 0.9);
  for (let t = 0; t < 4; t++) cyc.step();
  assert.ok(Math.abs(sgd.paramGroups[0]!.lr - 0.1) < 1e-15);
  assert.ok(Math.abs(sgd.paramGroups[0]!.momentum - 0.8) < 1e-15);

  const adam = new nb.optim.Adam([param(0)], { lr: 0.001, betas: [0.9, 0.99] });
  const one = new L.OneCycleLR(adam, { maxLr: 0.01, totalSteps: 20 });
  assert.deepEqual(adam.paramGroups[0]!.betas, [0.95, 0.99]);
  for (let t = 0; t < 5; t++) one.step();
  const betas = adam.paramGroups[0]!.betas;
  assert.ok(Math.abs(betas[0] - 0.85) < 1e-15, `beta1 at the peak ${betas[0]}`);
  assert.equal(betas[1], 0.99);
  // the optimizer still steps with the cycled betas
  const p = adam.paramGroups[0]!.params[0]!;
  p.grad = nb.ones([1], { dtype: 'float64' });
  adam.step();
  assert.ok(Number.isFinite(p.item()));
});

test('a checkpoint of optimizer and scheduler resumes the schedule exactly', () => {
  const run = (steps: number, restoreFrom?: { opt: unknown; sched: unknown; p: number }) => {
    const p = param(restoreFrom?.p ?? 1); // the model's weights travel in their own state dict
    const opt = new nb.optim.SGD([p], { lr: 0.5, momentum: 0.9 });
    const sched = new L.OneCycleLR(opt, { maxLr: 0.5, totalSteps: 30 });
    if (restoreFrom) {
      opt.loadStateDict(restoreFrom.opt as never);
      sched.loadStateDict(restoreFrom.sched as never);
    }
    const lrs: number[] = [];
    for (let t = 0; t < steps; t++) {
      stepWithUnitGrad(opt, [p]);
      sched.step();
      lrs.push(opt.paramGroups[0]!.lr, opt.paramGroups[0]!.momentum);
    }
    return { lrs, checkpoint: JSON.parse(JSON.stringify({ opt: opt.stateDict(), sched: sched.stateDict(), p: p.item() })), p: p.item() };
  };
  const full = run(25);
  const first = run(10);
  const second = run(15, first.checkpoint);
  assert.deepEqual([...first.lrs, ...second.lrs], full.lrs);
  assert.equal(second.p, full.p);
});

test('ReduceLROnPlateau lowers the rate the optimizer uses', () => {
  const p = param(0);
  const opt = new nb.optim.SGD([p], { lr: 1 });
  const plateau = new L.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5 });
  for (const loss of [3, 2, 2, 2, 2, 2]) plateau.step(loss); // 2 bad steps > patience 1: halved at steps 4 and 6
  assert.equal(opt.paramGroups[0]!.lr, 0.25);
  const before = p.item();
  stepWithUnitGrad(opt, [p]);
  assert.equal(before - p.item(), 0.25);
});

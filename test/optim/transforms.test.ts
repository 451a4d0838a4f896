/**
 * nb.optim.transforms: chains reproduce the named optimizers bit for bit, the NaN guard skips,
 * weight noise is seeded, clipping/L1/max-norm/decay/schedules do what their equations say, and
 * transformations are pure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as nb from '../../src/index.js';
import { FIXTURES, flatValues, fromJSON, initialParams, lossAndGrad, trainStep } from './problem.js';

const T = nb.optim.transforms;
type Tensor = nb.Tensor;
type GT = nb.optim.transforms.GradientTransformation;

function assertBitEqual(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i}: ${a[i]} !== ${b[i]}`);
}

/** Runs `tx` Optax-style over the whole parameter list for `steps` steps; returns the trajectory. */
function runTransform(tx: GT, steps: number, sign = 1): number[][] {
  const params = initialParams();
  let state = tx.init(params);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    params.forEach((p) => (p.grad = null));
    lossAndGrad(params, sign);
    const r = tx.update(params.map((p) => p.grad!), state, params);
    state = r.state;
    T.applyUpdates(params, r.updates);
    out.push(flatValues(params));
  }
  return out;
}

function runOptimizer(make: (p: Tensor[]) => nb.optim.Optimizer, steps: number, sign = 1): number[][] {
  const params = initialParams();
  const opt = make(params);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    trainStep(opt, params, sign);
    out.push(flatValues(params));
  }
  return out;
}

const equivalences: [string, (p: Tensor[]) => nb.optim.Optimizer, () => GT, number?][] = [
  [
    'SGD nesterov + weight decay',
    (p) => new nb.optim.SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.05 }),
    () => T.chain(T.addWeightDecay(0.05), T.trace(0.9, { nesterov: true }), T.scaleByLearningRate(0.05)),
  ],
  [
    'SGD dampening',
    (p) => new nb.optim.SGD(p, { lr: 0.05, momentum: 0.9, dampening: 0.5 }),
    () => T.chain(T.trace(0.9, { dampening: 0.5 }), T.scaleByLearningRate(0.05)),
  ],
  [
    'Adagrad lrDecay + initialAccumulatorValue',
    (p) => new nb.optim.Adagrad(p, { lr: 0.1, lrDecay: 0.05, initialAccumulatorValue: 0.5 }),
    () => T.chain(T.scaleByAdagrad({ initialAccumulatorValue: 0.5 }), T.scaleByLearningRate((t) => 0.1 / (1 + t * 0.05))),
  ],
  ['Adadelta', (p) => new nb.optim.Adadelta(p, { rho: 0.5, eps: 1e-3 }), () => T.chain(T.scaleByAdadelta({ rho: 0.5, eps: 1e-3 }), T.scaleByLearningRate(1))],
  [
    'RMSprop centered + momentum',
    (p) => new nb.optim.RMSprop(p, { centered: true, momentum: 0.5 }),
    () => T.chain(T.scaleByRms({ centered: true }), T.trace(0.5), T.scaleByLearningRate(0.01)),
  ],
  [
    'Adam amsgrad + weight decay',
    (p) => new nb.optim.Adam(p, { lr: 0.02, amsgrad: true, weightDecay: 0.1 }),
    () => T.chain(T.addWeightDecay(0.1), T.scaleByAdam({ amsgrad: true }), T.scaleByLearningRate(0.02)),
  ],
  [
    'Adam maximize',
    (p) => new nb.optim.Adam(p, { lr: 0.02, maximize: true }),
    () => T.chain(T.scale(-1), T.scaleByAdam(), T.scaleByLearningRate(0.02)),
    -1,
  ],
  [
    'AdamW',
    (p) => new nb.optim.AdamW(p, { lr: 0.02, weightDecay: 0.5 }),
    () => T.chain(T.scaleByAdam(), T.scaleByLearningRate(0.02), T.decoupledWeightDecay(0.5, { lr: 0.02 })),
  ],
  ['Adamax', (p) => new nb.optim.Adamax(p, { lr: 0.05, betas: [0.8, 0.99] }), () => T.chain(T.scaleByAdamax({ betas: [0.8, 0.99] }), T.scaleByLearningRate(0.05))],
  [
    'NAdam + weight decay',
    (p) => new nb.optim.NAdam(p, { lr: 0.05, momentumDecay: 0.05, weightDecay: 0.1 }),
    () => T.chain(T.addWeightDecay(0.1), T.scaleByNadam({ momentumDecay: 0.05 }), T.scaleByLearningRate(0.05)),
  ],
];

for (const [name, makeOpt, makeTx, sign = 1] of equivalences) {
  test(`chain of transforms reproduces ${name} bit for bit over 30 steps`, () => {
    const a = runOptimizer(makeOpt, 30, sign);
    const b = runTransform(makeTx(), 30, sign);
    a.forEach((row, k) => assertBitEqual(b[k]!, row, `${name} step ${k + 1}`));
  });
}

test('a hand-written chain also matches the PyTorch fixture', () => {
  const c = FIXTURES.optimizers.find((x) => x.id === 'Adam/amsgrad')!;
  const traj = runTransform(T.chain(T.scaleByAdam({ amsgrad: true }), T.scaleByLearningRate(0.05)), 30);
  traj.forEach((row, k) => row.forEach((v, i) => assert.ok(Math.abs(v - c.trajectory[k]![i]!) <= 1e-10 * Math.abs(c.trajectory[k]![i]!) + 1e-13)));
});

// ---- the NaN guard ------------------------------------------------------------------------------

test('skipIfNotFinite skips a NaN/Inf step: zero updates, inner state untouched, then carries on as if it never happened', () => {
  const params = initialParams();
  const inner = T.chain(T.scaleByAdam(), T.scaleByLearningRate(0.01));
  const guarded = T.skipIfNotFinite(inner);
  const grads = (k: number): Tensor[] => params.map((p, i) => nb.fullLike(p, Math.sin(k + i) + 0.1));
  let s = guarded.init(params);
  let plain = inner.init(params);
  const outA: Tensor[][] = [];
  const outB: Tensor[][] = [];
  for (let k = 0; k < 5; k++) {
    if (k === 2 || k === 3) {
      const bad = grads(k);
      bad[1] = nb.tensor([1, k === 2 ? NaN : Infinity, 0], { dtype: 'float64' });
      const r = guarded.update(bad, s, params);
      for (const u of r.updates) assert.ok(Array.from(u.data()).every((v) => Object.is(v, 0)));
      assert.equal(r.state.inner, s.inner, 'inner state is the same object');
      assert.equal(r.state.notFiniteCount, k - 1);
      assert.equal(r.state.totalNotFinite, k - 1);
      s = r.state;
      continue;
    }
    const r = guarded.update(grads(k), s, params);
    s = r.state;
    outA.push(r.updates);
    const q = inner.update(grads(k), plain, params);
    plain = q.state;
    outB.push(q.updates);
  }
  assert.equal(s.notFiniteCount, 0);
  assert.equal(s.totalNotFinite, 2);
  outA.forEach((us, k) => us.forEach((u, i) => assertBitEqual(u.data(), outB[k]![i]!.data(), `step ${k} param ${i}`)));
});

test('skipIfNotFinite also skips when the inner transformation overflows, and guards the identity by default', () => {
  const p = [nb.tensor([1, 2], { dtype: 'float64' })];
  const huge = T.skipIfNotFinite(T.scaleByLearningRate(1e300));
  const r = huge.update([nb.tensor([1e10, 1], { dtype: 'float64' })], huge.init(p), p);
  assert.deepEqual(Array.from(r.updates[0]!.data()), [0, 0]);
  assert.equal(r.state.totalNotFinite, 1);
  const id = T.skipIfNotFinite();
  const ok = id.update([nb.tensor([3, 4], { dtype: 'float64' })], id.init(p), p);
  assert.deepEqual(Array.from(ok.updates[0]!.data()), [3, 4]);
  const bad = id.update([nb.tensor([NaN, 4], { dtype: 'float64' })], ok.state, p);
  assert.deepEqual(Array.from(bad.updates[0]!.data()), [0, 0]);
});

// ---- weight noise -------------------------------------------------------------------------------

test('weightNoise is seeded: same seed, same noise; other seed, other noise; the generator is not advanced', () => {
  const p = [nb.zeros([50, 40], { dtype: 'float64' }), nb.zeros([40], { dtype: 'float64' })];
  const g = p.map((t) => nb.zerosLike(t));
  const gen = new nb.Generator(11);
  const before = gen.getState();
  const a = T.weightNoise(0.1, { generator: gen });
  const b = T.weightNoise(0.1, { generator: new nb.Generator(11) });
  const c = T.weightNoise(0.1, { generator: new nb.Generator(12) });
  assert.deepEqual(gen.getState(), before);
  const ra = a.update(g, a.init(p), p);
  const rb = b.update(g, b.init(p), p);
  const rc = c.update(g, c.init(p), p);
  ra.updates.forEach((u, i) => assertBitEqual(u.data(), rb.updates[i]!.data(), 'same seed'));
  assert.notDeepEqual(Array.from(ra.updates[0]!.data()), Array.from(rc.updates[0]!.data()));
  // the next step draws fresh noise, and a serialized state continues the same stream
  const saved = JSON.parse(JSON.stringify(T.serializeState(ra.state))) as nb.optim.transforms.WeightNoiseState;
  const next = a.update(g, ra.state, p);
  const again = a.update(g, saved, p);
  assert.notDeepEqual(Array.from(next.updates[0]!.data()), Array.from(ra.updates[0]!.data()));
  next.updates.forEach((u, i) => assertBitEqual(u.data(), again.updates[i]!.data(), 'restored stream'));
  // roughly N(0, 0.1²)
  const v = Array.from(ra.updates[0]!.data());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  assert.ok(Math.abs(mean) < 0.01 && Math.abs(sd - 0.1) < 0.01, `mean ${mean}, std ${sd}`);
});

test('weightNoise is added on top of the other updates', () => {
  const p = [nb.zeros([3], { dtype: 'float64' })];
  const noise = T.weightNoise(0.5, { generator: new nb.Generator(1) });
  const plain = noise.update([nb.zerosLike(p[0]!)], noise.init(p), p).updates[0]!;
  const withStep = T.chain(T.scaleByLearningRate(0.1), noise);
  const u = withStep.update([nb.onesLike(p[0]!)], withStep.init(p), p).updates[0]!;
  Array.from(u.data()).forEach((x, i) => assert.ok(Math.abs(x - (plain.data()[i]! - 0.1)) < 1e-15));
});

// ---- clipping, L1, decay, max-norm --------------------------------------------------------------

test('clipByGlobalNorm matches torch.nn.utils.clip_grad_norm_ (norm types 1, 2, 3, inf)', () => {
  for (const c of FIXTURES.clipGradNorm) {
    const grads = c.grads.map(fromJSON);
    const normType = c.normType === 'inf' ? Infinity : c.normType!;
    const tx = T.clipByGlobalNorm(c.maxNorm!, { normType });
    const r = tx.update(grads, tx.init(grads));
    r.updates.forEach((u, i) => {
      const e = fromJSON(c.clipped[i]!).data();
      Array.from(u.data()).forEach((v, j) => assert.ok(Math.abs(v - e[j]!) <= 1e-12 * Math.abs(e[j]!) + 1e-15, `${c.id}: ${v} vs ${e[j]}`));
    });
    assert.ok(Math.abs(T.globalNorm(grads, normType).item() - c.totalNorm!) <= 1e-12 * c.totalNorm!, c.id);
  }
});

test('clipByValue matches torch.nn.utils.clip_grad_value_', () => {
  for (const c of FIXTURES.clipGradValue) {
    const grads = c.grads.map(fromJSON);
    const r = T.clipByValue(c.clipValue!).update(grads, {});
    r.updates.forEach((u, i) => assertBitEqual(u.data(), fromJSON(c.clipped[i]!).data(), c.id));
  }
});

test('clipByNorm clips each update on its own and leaves small ones exactly alone', () => {
  const big = nb.tensor([3, 4], { dtype: 'float64' }); // norm 5
  const small = nb.tensor([0.3, 0.4], { dtype: 'float64' }); // norm 0.5
  const r = T.clipByNorm(1).update([big, small], {});
  const b = Array.from(r.updates[0]!.data());
  assert.ok(Math.abs(b[0]! - 0.6) < 1e-6 && Math.abs(b[1]! - 0.8) < 1e-6);
  assertBitEqual(r.updates[1]!.data(), small.data(), 'small update untouched');
  const inf = T.clipByNorm(2, { normType: Infinity }).update([nb.tensor([-4, 1], { dtype: 'float64' })], {});
  assert.ok(Math.abs(inf.updates[0]!.data()[0]! + 2) < 1e-6);
});

test('addL1 adds λ·sign(w) (sign(0) = 0); addWeightDecay adds λ·w', () => {
  const w = [nb.tensor([-2, 0, 3], { dtype: 'float64' })];
  const g = [nb.tensor([1, 1, 1], { dtype: 'float64' })];
  assert.deepEqual(Array.from(T.addL1(0.5).update(g, {}, w).updates[0]!.data()), [0.5, 1, 1.5]);
  assert.deepEqual(Array.from(T.addWeightDecay(0.5).update(g, {}, w).updates[0]!.data()), [0, 1, 2.5]);
});

test('decoupledWeightDecay subtracts η_t·λ·w, with η a number or a schedule', () => {
  const w = [nb.tensor([2, -4], { dtype: 'float64' })];
  const u = [nb.tensor([0, 0], { dtype: 'float64' })];
  assert.deepEqual(Array.from(T.decoupledWeightDecay(0.5, { lr: 0.1 }).update(u, {}, w).updates[0]!.data()), [-0.1, 0.2]);
  const tx = T.decoupledWeightDecay(1, { lr: (t) => 1 / (t + 1) });
  const r1 = tx.update(u, tx.init(w), w);
  const r2 = tx.update(u, r1.state, w);
  assert.deepEqual(Array.from(r1.updates[0]!.data()), [-2, 4]);
  assert.deepEqual(Array.from(r2.updates[0]!.data()), [-1, 2]);
  assert.deepEqual(r2.state, { count: 2 });
});

test('scaleByLearningRate: −η·u, and a schedule is called with the number of updates done so far', () => {
  const seen: number[] = [];
  const tx = T.scaleByLearningRate((t) => {
    seen.push(t);
    return 0.5 ** t;
  });
  let s = tx.init([]);
  const outs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const r = tx.update([nb.tensor([2], { dtype: 'float64' })], s);
    s = r.state;
    outs.push(r.updates[0]!.item());
  }
  assert.deepEqual(seen, [0, 1, 2]);
  assert.deepEqual(outs, [-2, -1, -0.5]);
  assert.throws(() => T.scaleByLearningRate(() => NaN).update([], { count: 0 }), /scaleByLearningRate: lr\(0\) must be a number/);
});

test('trace follows PyTorch: the buffer starts as a copy of the first gradient (no dampening on step 1)', () => {
  const tx = T.trace(0.9, { dampening: 0.5 });
  const g = [nb.tensor([1], { dtype: 'float64' })];
  const r1 = tx.update(g, tx.init(g));
  const r2 = tx.update(g, r1.state);
  assert.equal(r1.updates[0]!.item(), 1);
  assert.equal(r2.updates[0]!.item(), 0.9 + 0.5);
  assert.equal(tx.init(g).buffer, null);
  const none = T.trace(0);
  assert.equal(none.update(g, none.init(g)).state.buffer, null);
});

test('projectMaxNorm keeps rows within the ball after the step and leaves 1-d parameters alone; renorm matches torch.renorm', () => {
  for (const c of FIXTURES.renorm) {
    const out = T.renorm(fromJSON(c.input), c.maxNorm, c.dim, c.normType).data();
    const e = fromJSON(c.output).data();
    Array.from(out).forEach((v, i) => assert.ok(Math.abs(v - e[i]!) <= 1e-12 * Math.abs(e[i]!) + 1e-15, `${c.id} ${i}: ${v} vs ${e[i]}`));
  }
  const w = nb.tensor([[3, 4], [0.3, 0.4]], { dtype: 'float64' });
  const b = nb.tensor([10, -10], { dtype: 'float64' });
  const tx = T.chain(T.scaleByLearningRate(1), T.projectMaxNorm(1));
  const r = tx.update([nb.zerosLike(w), nb.onesLike(b)], tx.init([w, b]), [w, b]);
  T.applyUpdates([w, b], r.updates);
  const rows = w.norm(2, 1).data();
  assert.ok(Math.abs(rows[0]! - 1) < 1e-6 && Math.abs(rows[1]! - 0.5) < 1e-12);
  assert.deepEqual(Array.from(b.data()), [9, -11]);
});

// ---- purity, state, grad mode --------------------------------------------------------------------

test('transformations are pure: inputs and old states are never modified', () => {
  const params = initialParams();
  const tx = T.chain(T.addWeightDecay(0.1), T.scaleByAdam({ amsgrad: true }), T.trace(0.9), T.scaleByLearningRate(0.1));
  const s0 = tx.init(params);
  lossAndGrad(params);
  const grads = params.map((p) => p.grad!);
  const r1 = tx.update(grads, s0, params);
  const snap = JSON.stringify(T.serializeState(r1.state));
  const gradSnap = grads.map((g) => Array.from(g.data()));
  const paramSnap = flatValues(params);
  tx.update(grads, r1.state, params);
  assert.equal(JSON.stringify(T.serializeState(r1.state)), snap);
  grads.forEach((g, i) => assert.deepEqual(Array.from(g.data()), gradSnap[i]));
  assert.deepEqual(flatValues(params), paramSnap);
});

test('serializeState / deserializeState round-trip a chain state exactly', () => {
  const params = initialParams();
  const tx = T.chain(T.scaleByRms({ centered: true }), T.trace(0.5), T.scaleByNadam(), T.weightNoise(0.01, { generator: new nb.Generator(5) }));
  lossAndGrad(params);
  const grads = params.map((p) => p.grad!);
  const s1 = tx.update(grads, tx.init(params), params).state;
  const back = T.deserializeState(JSON.parse(JSON.stringify(T.serializeState(s1))));
  const a = tx.update(grads, s1, params).updates;
  const b = tx.update(grads, back as unknown[], params).updates;
  a.forEach((u, i) => assertBitEqual(u.data(), b[i]!.data(), `param ${i}`));
});

test('updates are computed without recording a graph, even from grads that require grad', () => {
  const p = [nb.tensor([1, 2], { dtype: 'float64', requiresGrad: true })];
  const g = [p[0]!.mul(3)];
  assert.ok(g[0]!.requiresGrad);
  const tx = T.chain(T.addWeightDecay(0.1), T.scaleByAdam(), T.scaleByLearningRate(0.1));
  const r = tx.update(g, tx.init(p), p);
  assert.equal(r.updates[0]!.requiresGrad, false);
});

test('transforms reject bad arguments with messages that name them', () => {
  assert.throws(() => T.trace(0, { nesterov: true }), /trace: Nesterov momentum requires a momentum > 0 and zero dampening/);
  assert.throws(() => T.trace(0.9, { nesterov: true, dampening: 0.1 }), /trace: Nesterov/);
  assert.throws(() => T.trace(-1), /trace: momentum must be >= 0, got -1/);
  assert.throws(() => T.scaleByAdam({ betas: [1, 0.999] }), /scaleByAdam: betas\[0\] must be in \[0, 1\), got 1/);
  assert.throws(() => T.scaleByAdam({ eps: -1 }), /scaleByAdam: eps must be >= 0/);
  assert.throws(() => T.scaleByAdam({ beta1: 0.9 } as object), /scaleByAdam: unknown option 'beta1' \(known: betas, eps, amsgrad\)/);
  assert.throws(() => T.scaleByLearningRate(-0.1), /scaleByLearningRate: lr must be >= 0, got -0.1/);
  assert.throws(() => T.clipByGlobalNorm(1, { normType: 0 }), /clipByGlobalNorm: normType must be a number > 0 or Infinity/);
  assert.throws(() => T.weightNoise(0.1, {} as { generator: nb.Generator }), /weightNoise: options.generator must be an nb.Generator/);
  assert.throws(() => T.chain(T.scale(2), {} as GT), /chain: argument 1 is not a gradient transformation/);
  const w = [nb.tensor([1], { dtype: 'float64' })];
  assert.throws(() => T.addWeightDecay(0.1).update(w, {}), /addWeightDecay: update\(\) needs the parameters/);
  assert.throws(() => T.chain(T.scale(2)).update(w, []), /chain: expected a state array of length 1/);
  assert.throws(() => T.applyUpdates(w, [nb.tensor([1, 2], { dtype: 'float64' })]), /applyUpdates: update 0 has shape \[2\] but its parameter has shape \[1\]/);
});

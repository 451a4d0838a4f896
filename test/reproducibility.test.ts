/** Reproducibility: the same seed gives bit-identical random tensors and training runs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../src/index.js';
import { assertBitIdentical, makeMLP, sgdStep } from './helpers.js';

/** Every random constructor, in a fixed order, drawing from `generator` (or the default one). */
function drawAll(generator?: nb.Generator): nb.Tensor[] {
  const g = generator ? { generator } : {};
  return [
    nb.rand([5, 3], g),
    nb.rand([7], { dtype: 'float64', ...g }),
    nb.randn([4, 4], g),
    nb.randn([9], { dtype: 'float64', ...g }), // odd length: the Box–Muller pair is split
    nb.randint(-5, 17, [3, 5], g),
    nb.randperm(20, g),
    nb.bernoulli(nb.full([12], 0.3), g),
    nb.bernoulli(0.5, { shape: [6], dtype: 'float64', ...g }),
    nb.randLike(nb.zeros([2, 2], { dtype: 'float64' }), g),
    nb.randnLike(nb.zeros([3]), g),
  ];
}

function assertSameDraws(a: nb.Tensor[], b: nb.Tensor[], what: string): void {
  assert.equal(a.length, b.length);
  a.forEach((t, i) => {
    assert.equal(t.dtype, b[i]!.dtype, `${what}: draw ${i} dtype`);
    assert.deepEqual(t.shape, b[i]!.shape, `${what}: draw ${i} shape`);
    assertBitIdentical(t, b[i]!, `${what}: draw ${i} (${t.dtype} ${JSON.stringify(t.shape)})`);
  });
}

/** True when at least one element differs (used to show the comparisons can fail). */
function anyDifferent(a: nb.Tensor[], b: nb.Tensor[]): boolean {
  return a.some((t, i) => {
    const x = t.data();
    const y = b[i]!.data();
    return x.length !== y.length || x.some((v, j) => !Object.is(v, y[j]));
  });
}

describe('seeded random draws', () => {
  test('manualSeed(7) twice gives bit-identical rand/randn/randint/randperm/bernoulli sequences', () => {
    nb.manualSeed(7);
    const first = drawAll();
    nb.manualSeed(7);
    const second = drawAll();
    assertSameDraws(first, second, 'manualSeed(7)');
    // the draws are actually random-looking and dtype-correct
    assert.equal(first[1]!.data().constructor, Float64Array);
    assert.equal(first[4]!.dtype, 'int32');
    assert.deepEqual([...first[5]!.data()].sort((p, q) => p - q), Array.from({ length: 20 }, (_, i) => i));
    // a later sequence (without re-seeding) differs, and so does another seed
    assert.ok(anyDifferent(first, drawAll()), 'consecutive sequences should differ');
    nb.manualSeed(8);
    assert.ok(anyDifferent(first, drawAll()), 'seeds 7 and 8 should differ');
  });

  test('an explicit Generator(7) reproduces the default generator seeded with 7', () => {
    nb.manualSeed(7);
    const fromDefault = drawAll();
    const stateAfter = nb.getRngState();
    nb.manualSeed(7);
    const before = nb.getRngState();
    const explicit = drawAll(new nb.Generator(7));
    assertSameDraws(fromDefault, explicit, 'Generator(7) vs default');
    // drawing from an explicit generator leaves the default generator untouched
    assert.deepEqual(nb.getRngState(), before);
    assert.notDeepEqual(stateAfter, before);
  });

  test('manualSeed returns the default generator; passing it explicitly is the same stream', () => {
    const g = nb.manualSeed(7);
    assert.equal(g, nb.defaultGenerator());
    const a = nb.randn([10], { dtype: 'float64', generator: g });
    nb.manualSeed(7);
    const b = nb.randn([10], { dtype: 'float64' });
    assertBitIdentical(a, b, 'explicit default generator');
  });

  test('getRngState/setRngState round-trips and reproduces the following draws', () => {
    nb.manualSeed(123);
    nb.rand([3]); // leave the generator mid-block (3 uint32 of a 4-word Philox block used)
    const state = nb.getRngState();
    const snapshot = JSON.parse(JSON.stringify(state)) as nb.GeneratorState;
    const next = drawAll();
    nb.rand([1000]); // move far away
    nb.setRngState(snapshot);
    assert.deepEqual(nb.getRngState(), state);
    assertSameDraws(next, drawAll(), 'after setRngState');
    // a Generator's own getState/setState does the same
    const gen = new nb.Generator(99);
    nb.randn([5], { generator: gen });
    const s = gen.getState();
    const x = nb.randn([33], { dtype: 'float64', generator: gen });
    gen.setState(s);
    assertBitIdentical(x, nb.randn([33], { dtype: 'float64', generator: gen }), 'Generator.setState');
    const clone = gen.clone();
    assertBitIdentical(nb.rand([8], { generator: gen }), nb.rand([8], { generator: clone }), 'Generator.clone');
  });

  test('setRngState rejects a corrupted state and leaves the generator as it was', () => {
    nb.manualSeed(5);
    nb.rand([2]);
    const state = nb.getRngState();
    const expected = nb.rand([4]);
    nb.setRngState(state);
    const bad = { ...state, buffer: [1, 2, 3, 4] as [number, number, number, number] };
    assert.throws(() => nb.setRngState(bad), /invalid state/);
    assertBitIdentical(nb.rand([4]), expected, 'state after a rejected setRngState');
  });
});

describe('seeded training', () => {
  /** 50 SGD steps of the 8→32→32→1 MLP, everything drawn from the default generator after manualSeed. */
  function train(seed: number): { weights: nb.Tensor[]; losses: number[] } {
    nb.manualSeed(seed);
    const model = makeMLP(nb.defaultGenerator());
    const losses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const x = nb.randn([16, 8]);
      const y = nb.noGrad(() => x.sum(1, true).mul(0.5).sin());
      // a random dropout-like mask exercises bernoulli inside the loop too
      const mask = nb.bernoulli(nb.full([16, 1], 0.9));
      losses.push(sgdStep(model, x.mul(mask), y, 0.05));
    }
    return { weights: model.params.map((p) => p.detach()), losses };
  }

  test('the same seed twice gives bit-identical final weights and losses', () => {
    const a = train(7);
    const b = train(7);
    assert.equal(a.weights.length, 6);
    a.weights.forEach((w, i) => assertBitIdentical(w, b.weights[i]!, `parameter ${i}`));
    assert.deepEqual(a.losses, b.losses);
    assert.ok(a.losses.every(Number.isFinite));
    const avg = (l: number[]): number => l.reduce((s, v) => s + v, 0) / l.length;
    assert.ok(avg(a.losses.slice(-10)) < avg(a.losses.slice(0, 10)), 'the run should make progress');
  });

  test('a different seed gives different weights (the comparison above can fail)', () => {
    const a = train(7);
    const c = train(8);
    assert.ok(anyDifferent(a.weights, c.weights));
  });
});

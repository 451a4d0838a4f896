import { test } from 'node:test';
import assert from 'node:assert/strict';
import { philox4x32 } from '../../src/random/philox.js';
import {
  Generator,
  defaultGenerator,
  getRngState,
  manualSeed,
  setRngState,
} from '../../src/random/generator.js';
import {
  fillBernoulli,
  fillNormal,
  fillRandint,
  fillUniform,
  permutation,
} from '../../src/random/distributions.js';

const draws = (g: Generator, n: number): number[] => Array.from({ length: n }, () => g.nextUint32());

function meanVar(a: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i]! - mean) ** 2;
  return { mean, variance: v / a.length };
}

test('default generator starts at seed 0 (runs first, before anything draws from it)', () => {
  assert.equal(defaultGenerator().initialSeed(), 0);
  assert.deepEqual(getRngState(), new Generator(0).getState());
});

test('philox4x32-10 matches the Random123 known-answer vectors', () => {
  const kat: [number[], number[], number[]][] = [
    [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ],
  ];
  for (const [ctr, key, expected] of kat) assert.deepEqual(Array.from(philox4x32(ctr, key)), expected);
});

test('generator stream is the Philox blocks of counter 0, 1, ... under key [seed lo, seed hi]', () => {
  const seed = 2 ** 40 + 7;
  const g = new Generator(seed);
  const key = [7, 2 ** 8];
  const expected = [...philox4x32([0, 0, 0, 0], key), ...philox4x32([1, 0, 0, 0], key)];
  assert.deepEqual(draws(g, 8), expected);
  assert.equal(g.initialSeed(), seed);
});

test('same seed gives the same numbers; different seeds differ', () => {
  assert.deepEqual(draws(new Generator(42), 20), draws(new Generator(42), 20));
  assert.notDeepEqual(draws(new Generator(42), 20), draws(new Generator(43), 20));
  assert.notDeepEqual(draws(new Generator(0), 20), draws(new Generator(2 ** 32), 20));
  const g = new Generator(5);
  const first = draws(g, 10);
  g.manualSeed(5);
  assert.deepEqual(draws(g, 10), first);
});

test('getState/setState round-trips mid-block, through JSON', () => {
  const g = new Generator(123);
  g.nextUint32();
  g.nextUint32();
  g.nextUint32();
  const saved = JSON.parse(JSON.stringify(g.getState()));
  assert.equal(saved.position, 3);
  const expected = [...draws(g, 9), g.nextFloat64(), g.nextNormal(), g.nextFloat32()];
  const h = new Generator(999).setState(saved);
  assert.deepEqual([...draws(h, 9), h.nextFloat64(), h.nextNormal(), h.nextFloat32()], expected);
  // getState returns a copy: mutating it does not affect the generator.
  const s = g.getState();
  s.counter[0] = 77;
  assert.notEqual(g.getState().counter[0], 77);
  // clone continues identically and independently.
  const c = g.clone();
  assert.deepEqual(draws(c, 7), draws(g, 7));
});

test('setState rejects garbage with a clear error', () => {
  const g = new Generator(1);
  g.nextUint32();
  const good = g.getState();
  const bads: unknown[] = [
    null,
    42,
    {},
    { ...good, seed: -1 },
    { ...good, counter: [1, 2, 3] },
    { ...good, buffer: [1, 2, 3, 2 ** 32] },
    { ...good, position: 5 },
    { ...good, position: 1.5 },
    { ...good, splitCount: -1 },
    { ...good, buffer: [good.buffer[0] ^ 1, ...good.buffer.slice(1)] },
    { ...good, counter: [0, 0, 0, 0] },
  ];
  for (const b of bads) {
    assert.throws(() => g.setState(b as never), /Generator\.setState: invalid state/);
  }
  assert.deepEqual(g.getState(), good, 'failed setState leaves the generator untouched');
  assert.throws(() => setRngState({ nope: true } as never), /setState/);
});

test('split children are deterministic and differ from the parent and from each other', () => {
  const p1 = new Generator(7);
  const p2 = new Generator(7);
  const a1 = p1.split();
  const b1 = p1.split();
  const a2 = p2.split();
  const b2 = p2.split();
  const sa = draws(a1, 16);
  const sb = draws(b1, 16);
  assert.deepEqual(sa, draws(a2, 16));
  assert.deepEqual(sb, draws(b2, 16));
  assert.notDeepEqual(sa, sb);
  const sp = draws(p1, 16);
  assert.notDeepEqual(sa, sp);
  assert.notDeepEqual(sb, sp);
  assert.deepEqual(sp, draws(new Generator(7), 16), 'split does not consume parent draws');
  assert.equal(p1.getState().splitCount, 2);
  // Split count is part of the saved state: restoring replays the same next child.
  const saved = p1.getState();
  const c1 = draws(p1.split(), 8);
  p1.setState(saved);
  assert.deepEqual(draws(p1.split(), 8), c1);
  // Grandchildren differ from children.
  assert.notDeepEqual(draws(new Generator(7).split().split(), 16), sa);
});

test('uniform float64 and float32 have mean 1/2 and variance 1/12', () => {
  const n = 100_000;
  for (const out of [new Float64Array(n), new Float32Array(n)]) {
    fillUniform(new Generator(11), out);
    const { mean, variance } = meanVar(out);
    assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.005, `variance ${variance}`);
    assert.ok(out.every((v) => v >= 0 && v < 1));
  }
  const shifted = fillUniform(new Generator(3), new Float64Array(n), -2, 6);
  const { mean, variance } = meanVar(shifted);
  assert.ok(Math.abs(mean - 2) < 0.08 && Math.abs(variance - 64 / 12) < 0.3, `${mean} ${variance}`);
  assert.ok(shifted.every((v) => v >= -2 && v < 6));
});

test('float32 uniform is strictly below high even when rounding would reach it', () => {
  const g = new Generator(0);
  for (let i = 0; i < 100_000; i++) assert.ok(g.nextFloat32() < 1);
  // [1, 1 + 2^-23): half the draws round up to exactly `high` in float32 and must be re-drawn.
  const high = 1 + 2 ** -23;
  const out = fillUniform(g, new Float32Array(10_000), 1, high);
  assert.ok(out.every((v) => v === 1));
  const wide = fillUniform(g, new Float32Array(100_000), 0, 1);
  assert.ok(wide.every((v) => v < 1));
});

test('normal samples have mean 0 and std 1; nextNormal too', () => {
  const n = 100_000;
  for (const out of [new Float64Array(n), new Float32Array(n)]) {
    fillNormal(new Generator(5), out);
    const { mean, variance } = meanVar(out);
    assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
    assert.ok(Math.abs(Math.sqrt(variance) - 1) < 0.02, `std ${Math.sqrt(variance)}`);
    assert.ok(out.every(Number.isFinite));
  }
  const g = new Generator(6);
  const single = Float64Array.from({ length: n }, () => g.nextNormal());
  const s = meanVar(single);
  assert.ok(Math.abs(s.mean) < 0.02 && Math.abs(Math.sqrt(s.variance) - 1) < 0.02);
  const scaled = meanVar(fillNormal(new Generator(8), new Float64Array(n), 3, 0.5));
  assert.ok(Math.abs(scaled.mean - 3) < 0.01 && Math.abs(Math.sqrt(scaled.variance) - 0.5) < 0.01);
});

test('randint covers its range uniformly and never hits high', () => {
  const low = -3;
  const high = 7; // 10 buckets
  const n = 100_000;
  const out = fillRandint(new Generator(9), new Int32Array(n), low, high);
  const counts = new Array<number>(high - low).fill(0);
  for (const v of out) {
    assert.ok(v >= low && v < high, `out of range: ${v}`);
    counts[v - low]!++;
  }
  const e = n / counts.length;
  const chi2 = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
  // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
  assert.ok(chi2 < 27.88, `chi2 ${chi2}, counts ${counts}`);
  // Full int32 range works and reaches both signs.
  const full = fillRandint(new Generator(1), new Int32Array(1000), -(2 ** 31), 2 ** 31);
  assert.ok(full.some((v) => v < 0) && full.some((v) => v > 0));
  // Degenerate single-value range.
  assert.ok(fillRandint(new Generator(1), new Int32Array(10), 4, 5).every((v) => v === 4));
});

test('bernoulli matches its probabilities and respects 0 and 1', () => {
  const n = 100_000;
  const probs = new Float64Array(n).fill(0.3);
  const { mean } = meanVar(fillBernoulli(new Generator(2), new Float32Array(n), probs));
  assert.ok(Math.abs(mean - 0.3) < 0.01, `mean ${mean}`);
  const edge = fillBernoulli(new Generator(2), new Uint8Array(4), [0, 1, 0, 1]);
  assert.deepEqual(Array.from(edge), [0, 1, 0, 1]);
});

test('permutation is a permutation, deterministic per seed', () => {
  for (const n of [0, 1, 2, 10, 1000]) {
    const p = permutation(new Generator(n), n);
    assert.deepEqual(Array.from(p).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
  }
  assert.deepEqual(permutation(new Generator(4), 50), permutation(new Generator(4), 50));
  assert.notDeepEqual(permutation(new Generator(4), 50), permutation(new Generator(5), 50));
  // Each of the 6 permutations of 3 elements appears about equally often.
  const g = new Generator(10);
  const counts = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) {
    const k = permutation(g, 3).join('');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  for (const c of counts.values()) assert.ok(Math.abs(c - 10_000) < 500, `count ${c}`);
});

test('default generator: starts at seed 0, manualSeed and get/setRngState', () => {
  const g = manualSeed(1234);
  assert.equal(g, defaultGenerator());
  assert.equal(g.initialSeed(), 1234);
  const a = draws(defaultGenerator(), 5);
  const saved = getRngState();
  const b = draws(defaultGenerator(), 5);
  manualSeed(1234);
  assert.deepEqual(draws(defaultGenerator(), 5), a);
  setRngState(saved);
  assert.deepEqual(draws(defaultGenerator(), 5), b);
  assert.deepEqual(draws(manualSeed(0), 5), draws(new Generator(), 5));
});

test('bad inputs throw errors naming the function and the bad value', () => {
  assert.throws(() => new Generator(-1), /Generator.*-1/);
  assert.throws(() => new Generator(1.5), /Generator.*1\.5/);
  assert.throws(() => new Generator(NaN), /Generator.*NaN/);
  assert.throws(() => new Generator(2 ** 53), /Generator.*9007199254740992/);
  assert.throws(() => new Generator(0).manualSeed(-2), /manualSeed.*-2/);
  assert.throws(() => manualSeed(Infinity), /manualSeed.*Infinity/);
  const g = new Generator(0);
  assert.throws(() => fillUniform(g, new Float32Array(2), 1, 1), /fillUniform.*low=1, high=1/);
  assert.throws(() => fillUniform(g, new Float64Array(2), NaN, 1), /fillUniform.*NaN/);
  assert.throws(() => fillUniform(g, new Float64Array(2), -Infinity, 1), /fillUniform.*-Infinity/);
  assert.throws(() => fillNormal(g, new Float64Array(2), 0, -1), /fillNormal.*-1/);
  assert.throws(() => fillRandint(g, new Int32Array(2), 5, 5), /fillRandint.*low=5, high=5/);
  assert.throws(() => fillRandint(g, new Int32Array(2), 0, 2.5), /fillRandint.*2\.5/);
  assert.throws(() => fillRandint(g, new Int32Array(2), 0, 2 ** 31 + 1), /fillRandint.*2147483649/);
  assert.throws(() => fillBernoulli(g, new Float32Array(2), [0.5, 1.5]), /bernoulli.*1\.5/);
  assert.throws(() => fillBernoulli(g, new Float32Array(2), [0.5, NaN]), /bernoulli.*NaN/);
  assert.throws(() => fillBernoulli(g, new Float32Array(2), [-0.1, 0]), /bernoulli.*-0\.1/);
  assert.throws(() => permutation(g, -1), /permutation.*-1/);
  assert.throws(() => permutation(g, 2.5), /permutation.*2\.5/);
  // Validation failures do not consume randomness.
  assert.deepEqual(g.getState(), new Generator(0).getState());
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../src/index.js';
import {
  BootstrapSampler, RandomSampler, SequentialSampler, TensorDataset, bootstrapIndices, kFold, outOfBagIndices,
  randomSplit, splitSizes, stratifiedKFold, stratifiedSplit, trainValTestSplit,
} from '../../src/data/index.js';

const { Generator } = nb;
const range = (n: number): number[] => [...Array(n).keys()];
const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((x, y) => x - y);

describe('randomSplit', () => {
  it('gives disjoint subsets that cover the dataset, by lengths or fractions', () => {
    const ds = new TensorDataset(nb.arange(10));
    const parts = randomSplit(ds, [3, 7], { generator: new Generator(0) });
    assert.deepEqual(parts.map((p) => p.length), [3, 7]);
    assert.deepEqual(sorted([...parts[0]!.indices, ...parts[1]!.indices]), range(10));
    assert.equal(parts[0]!.get(0)[0]!.item(), parts[0]!.indices[0]);
    // PyTorch's rule: floor(n·f), remainder handed out from the first part
    assert.deepEqual(splitSizes('t', 10, [0.33, 0.33, 0.34]), [4, 3, 3]);
    assert.deepEqual(splitSizes('t', 5, [0.7, 0.2, 0.1]), [4, 1, 0]);
    assert.deepEqual(randomSplit(ds, [0.5, 0.5]).map((p) => p.length), [5, 5]);
  });
  it('is reproducible from the generator and checks its lengths', () => {
    const ds = new TensorDataset(nb.arange(50));
    const a = randomSplit(ds, [0.8, 0.2], { generator: new Generator(4) });
    const b = randomSplit(ds, [0.8, 0.2], { generator: new Generator(4) });
    assert.deepEqual(a[1]!.indices, b[1]!.indices);
    assert.notDeepEqual(randomSplit(ds, [0.8, 0.2], { generator: new Generator(5) })[1]!.indices, a[1]!.indices);
    assert.throws(() => randomSplit(ds, [10, 20]), /sum to 30, but the dataset has 50 items/);
    assert.throws(() => randomSplit(ds, [0.5, 0.2]), /fractions must sum to 1/);
    assert.throws(() => randomSplit(ds, [-1, 51]), /non-negative/);
  });
});

describe('trainValTestSplit', () => {
  it('splits by fractions (rest to training) or counts, disjointly', () => {
    const ds = new TensorDataset(nb.arange(100));
    const { train, val, test } = trainValTestSplit(ds, { val: 0.1, test: 0.2, generator: new Generator(1) });
    assert.deepEqual([train.length, val.length, test.length], [70, 10, 20]);
    assert.deepEqual(sorted([...train.indices, ...val.indices, ...test.indices]), range(100));
    const d = trainValTestSplit(ds);
    assert.deepEqual([d.train.length, d.val.length, d.test.length], [70, 15, 15]);
    const c = trainValTestSplit(ds, { val: 5, test: 0 });
    assert.deepEqual([c.train.length, c.val.length, c.test.length], [95, 5, 0]);
    assert.throws(() => trainValTestSplit(ds, { val: 60, test: 50 }), /exceed the dataset's 100 items/);
  });
  it('stratifies when given labels', () => {
    const labels = Int32Array.from(range(200), (i) => (i < 150 ? 0 : 1)); // 75% / 25%
    const ds = new TensorDataset(nb.arange(200));
    const { train, val, test } = trainValTestSplit(ds, { val: 0.2, test: 0.2, stratify: labels, generator: new Generator(2) });
    for (const [part, n] of [[train, 120], [val, 40], [test, 40]] as const) {
      assert.equal(part.length, n);
      const ones = Array.from(part.indices).filter((i) => labels[i] === 1).length;
      assert.equal(ones, n / 4);
    }
  });
});

describe('stratifiedSplit', () => {
  it('keeps class proportions within one item and exact total sizes', () => {
    const g = new Generator(3);
    const labels = Int32Array.from({ length: 1000 }, () => [0, 0, 0, 1, 1, 2, 3, 3, 3, 3][g.nextUint32() % 10]!);
    const parts = stratifiedSplit(nb.tensor(labels, { dtype: 'int32' }), [0.6, 0.25, 0.15], { generator: new Generator(9) });
    assert.deepEqual(parts.map((p) => p.length), splitSizes('t', 1000, [0.6, 0.25, 0.15]));
    assert.deepEqual(sorted(parts.flatMap((p) => Array.from(p))), range(1000));
    const counts = (idx: ArrayLike<number>): number[] => [0, 1, 2, 3].map((c) => Array.from(idx).filter((i) => labels[i] === c).length);
    const all = counts(range(1000));
    parts.forEach((p, s) => {
      const f = [0.6, 0.25, 0.15][s]!;
      counts(p).forEach((k, c) => assert.ok(Math.abs(k - f * all[c]!) <= 1, `part ${s} class ${c}: ${k} vs ${f * all[c]!}`));
    });
    assert.throws(() => stratifiedSplit([0, 1.5], [0.5, 0.5]), /label 1 is 1.5, expected an integer/);
  });
});

describe('kFold', () => {
  it('covers every index exactly once across validation folds', () => {
    const folds = kFold(10, 3);
    assert.deepEqual(folds.map((f) => f.val.length), [4, 3, 3]);
    assert.deepEqual(Array.from(folds[0]!.val), [0, 1, 2, 3]);
    assert.deepEqual(sorted(folds.flatMap((f) => Array.from(f.val))), range(10));
    for (const f of folds) {
      assert.equal(f.train.length + f.val.length, 10);
      assert.ok(Array.from(f.val).every((i) => !f.train.includes(i)));
    }
    const shuffled = kFold(10, 3, { shuffle: true, generator: new Generator(0) });
    assert.deepEqual(sorted(shuffled.flatMap((f) => Array.from(f.val))), range(10));
    assert.notDeepEqual(Array.from(shuffled[0]!.val), [0, 1, 2, 3]);
    assert.throws(() => kFold(3, 4), /cannot make 4 folds from 3 items/);
    assert.throws(() => kFold(3, 1), /k must be an integer >= 2/);
  });
  it('stratified folds balance the classes', () => {
    const labels = range(30).map((i) => (i < 20 ? 0 : 1));
    const folds = stratifiedKFold(labels, 5, { shuffle: true, generator: new Generator(1) });
    assert.deepEqual(sorted(folds.flatMap((f) => Array.from(f.val))), range(30));
    for (const f of folds) {
      assert.equal(f.val.length, 6);
      assert.equal(Array.from(f.val).filter((i) => labels[i] === 1).length, 2);
    }
  });
});

describe('samplers', () => {
  it('bootstrapIndices draws with replacement, about 63% unique', () => {
    const idx = bootstrapIndices(10000, { generator: new Generator(0) });
    assert.equal(idx.length, 10000);
    assert.ok(idx.every((i) => i >= 0 && i < 10000));
    const unique = new Set(idx).size / 10000;
    assert.ok(Math.abs(unique - (1 - Math.exp(-1))) < 0.015, `unique fraction ${unique}`);
    const oob = outOfBagIndices(10000, idx);
    assert.equal(oob.length + new Set(idx).size, 10000);
    assert.ok(Array.from(oob).every((i) => !idx.includes(i)));
    assert.deepEqual(bootstrapIndices(50, { generator: new Generator(3) }), bootstrapIndices(50, { generator: new Generator(3) }));
    assert.equal(bootstrapIndices(5, { numSamples: 12 }).length, 12);
    assert.throws(() => bootstrapIndices(0, { numSamples: 1 }), /empty set/);
  });
  it('sequential, random and bootstrap samplers', () => {
    assert.deepEqual([...new SequentialSampler(4)], [0, 1, 2, 3]);
    const r = new RandomSampler(6, { generator: new Generator(1) });
    assert.deepEqual(sorted([...r]), range(6));
    const long = new RandomSampler(4, { numSamples: 10, generator: new Generator(1) }).sample();
    assert.deepEqual(sorted(long.subarray(0, 4)), range(4));
    assert.equal(long.length, 10);
    const b = new BootstrapSampler(8, { generator: new Generator(2) });
    assert.equal(b.length, 8);
    assert.notDeepEqual(b.sample(), b.sample(), 'a fresh replicate each time');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as nb from '../../src/index.js';
import { BootstrapSampler, ConcatDataset, DataLoader, Subset, TensorDataset, defaultCollate, type Dataset } from '../../src/data/index.js';

const { Generator } = nb;

function toy(n = 10): { x: nb.Tensor; y: nb.Tensor; ds: TensorDataset } {
  const x = nb.arange(n * 2, undefined, 1, { dtype: 'float32' }).reshape(n, 2);
  const y = nb.arange(n); // int32
  return { x, y, ds: new TensorDataset(x, y) };
}

/** Row ids (x[:,0] / 2) of every batch, one array per batch. */
function rowIds(loader: Iterable<nb.Tensor[]>): number[][] {
  return [...loader].map(([xb]) => Array.from(xb!.data()).filter((_, i) => i % 2 === 0).map((v) => v / 2));
}

/** A dataset of plain objects that counts get() calls. */
class Counting implements Dataset<{ x: nb.Tensor; label: number }> {
  gets = 0;
  constructor(readonly length: number) {}
  get(i: number): { x: nb.Tensor; label: number } {
    this.gets++;
    return { x: nb.full([3], i), label: i % 3 };
  }
}

describe('TensorDataset / Subset / ConcatDataset', () => {
  it('indexes every tensor and checks dim 0', () => {
    const { ds } = toy(4);
    assert.equal(ds.length, 4);
    const [xi, yi] = ds.get(2);
    assert.deepEqual(xi!.toArray(), [4, 5]);
    assert.equal(yi!.item(), 2);
    assert.equal(yi!.dtype, 'int32');
    assert.deepEqual(ds.get(-1)[1]!.item(), 3);
    assert.throws(() => ds.get(4), /index 4 is out of range for a dataset of length 4/);
    assert.throws(() => new TensorDataset(nb.zeros(3, 2), nb.zeros(4)), /same size in dim 0, got shapes \[3,2\], \[4\]/);
    assert.throws(() => new TensorDataset(), /at least one tensor/);
  });
  it('Subset and ConcatDataset map indices', () => {
    const { ds } = toy(5);
    const s = new Subset(ds, [4, 0]);
    assert.equal(s.length, 2);
    assert.equal(s.get(0)[1]!.item(), 4);
    assert.throws(() => new Subset(ds, [5]), /index 0 is 5, expected an integer in \[0, 5\)/);
    const c = new ConcatDataset([s, ds]);
    assert.equal(c.length, 7);
    assert.equal(c.get(1)[1]!.item(), 0);
    assert.equal(c.get(2)[1]!.item(), 0);
    assert.equal(c.get(6)[1]!.item(), 4);
  });
});

describe('DataLoader', () => {
  it('batches in order with a short last batch, or drops it', () => {
    const { ds } = toy(10);
    const loader = new DataLoader(ds, { batchSize: 4 });
    assert.equal(loader.length, 3);
    const batches = [...loader];
    assert.deepEqual(batches.map(([xb, yb]) => [xb!.shape, yb!.shape]), [[[4, 2], [4]], [[4, 2], [4]], [[2, 2], [2]]]);
    assert.equal(batches[0]![1]!.dtype, 'int32');
    assert.deepEqual(batches[2]![0]!.toArray(), [[16, 17], [18, 19]]);
    const dropping = new DataLoader(ds, { batchSize: 4, dropLast: true });
    assert.equal(dropping.length, 2);
    assert.deepEqual(rowIds(dropping), [[0, 1, 2, 3], [4, 5, 6, 7]]);
    assert.equal(new DataLoader(ds).length, 10);
  });

  it('shuffles with a fresh permutation each epoch, reproducibly from the seed', () => {
    const { ds } = toy(12);
    const loader = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator(7) });
    const e1 = rowIds(loader);
    const e2 = rowIds(loader);
    assert.notDeepEqual(e1, e2, 'each epoch reshuffles');
    for (const e of [e1, e2]) assert.deepEqual(e.flat().sort((a, b) => a - b), [...Array(12).keys()]);
    const again = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator(7) });
    assert.deepEqual([rowIds(again), rowIds(again)], [e1, e2], 'same seed, same batch order');
    const other = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator(8) });
    assert.notDeepEqual(rowIds(other), e1);
  });

  it('uses a split of the default generator when none is given, and leaves it alone when not shuffling', () => {
    const { ds } = toy(8);
    nb.manualSeed(3);
    const a = rowIds(new DataLoader(ds, { batchSize: 8, shuffle: true }));
    nb.manualSeed(3);
    const before = nb.getRngState();
    const b = rowIds(new DataLoader(ds, { batchSize: 8, shuffle: true }));
    assert.deepEqual(a, b);
    nb.manualSeed(3);
    new DataLoader(ds, { batchSize: 8 });
    assert.deepEqual(nb.getRngState(), before);
  });

  it('the fast path (indexSelect) equals item-by-item stacking, for Subsets too', () => {
    const { ds } = toy(9);
    const sub = new Subset(new Subset(ds, [8, 7, 6, 5, 4, 3, 2, 1, 0]), [0, 2, 4, 6, 8, 1]);
    for (const d of [ds, sub]) {
      const fast = [...new DataLoader(d, { batchSize: 4, shuffle: true, generator: new Generator(1) })];
      const slow = [...new DataLoader(d, { batchSize: 4, shuffle: true, generator: new Generator(1), collate: defaultCollate })];
      assert.equal(fast.length, slow.length);
      fast.forEach((batch, i) => batch.forEach((t, j) => {
        assert.deepEqual(t.shape, slow[i]![j]!.shape);
        assert.equal(t.dtype, slow[i]![j]!.dtype);
        assert.deepEqual(t.toArray(), slow[i]![j]!.toArray());
      }));
    }
    assert.deepEqual(rowIds(new DataLoader(sub, { batchSize: 6 })), [[8, 6, 4, 2, 0, 7]]);
  });

  it('batches are copies: changing one does not touch the dataset', () => {
    const { x, ds } = toy(4);
    const [xb] = [...new DataLoader(ds, { batchSize: 4 })][0]!;
    nb.noGrad(() => xb!.mul_(0));
    assert.equal(x.sum().item(), 28);
  });

  it('default collate handles objects, numbers and custom collate functions', () => {
    const ds = new Counting(5);
    const batches = [...new DataLoader(ds, { batchSize: 2 })];
    assert.equal(batches.length, 3);
    assert.deepEqual(batches[0]!.x.shape, [2, 3]);
    assert.equal(batches[0]!.label.dtype, 'int32');
    assert.deepEqual(batches[2]!.label.toArray(), [1]);
    const sums = [...new DataLoader(ds, { batchSize: 2, collate: (items) => items.reduce((s, it) => s + it.label, 0) })];
    assert.deepEqual(sums, [1, 2, 1]);
    assert.equal(defaultCollate([0.5, 1]).dtype, 'float32');
  });

  it('takes a sampler, e.g. bootstrap resampling, driven by the loader generator', () => {
    const { ds } = toy(20);
    const sampler = new BootstrapSampler(ds, { generator: new Generator(5) });
    const loader = new DataLoader(ds, { batchSize: 20, sampler });
    assert.equal(loader.generator, sampler.generator);
    const ids = rowIds(loader)[0]!;
    assert.equal(ids.length, 20);
    assert.ok(new Set(ids).size < 20, 'with replacement, some rows repeat');
    assert.throws(() => new DataLoader(ds, { sampler, shuffle: true }), /mutually exclusive/);
  });

  it('validates its options', () => {
    const { ds } = toy(3);
    assert.throws(() => new DataLoader(ds, { batchSize: 0 }), /batchSize must be an integer >= 1, got 0/);
    assert.throws(() => new DataLoader(ds, { prefetch: -1 }), /prefetch must be an integer >= 0/);
    assert.throws(() => new DataLoader(ds, { batchsize: 2 } as never), /unknown option 'batchsize'/);
    assert.deepEqual([...new DataLoader(new TensorDataset(nb.zeros(0, 2)), { batchSize: 2 })], []);
  });

  it('async iteration gives the same batches as sync iteration', async () => {
    const { ds } = toy(11);
    const sync = rowIds(new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new Generator(2) }));
    for (const prefetch of [0, 1, 3]) {
      const loader = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new Generator(2), prefetch });
      const got: number[][] = [];
      for await (const [xb] of loader) got.push(Array.from(xb!.data()).filter((_, i) => i % 2 === 0).map((v) => v / 2));
      assert.deepEqual(got, sync, `prefetch ${prefetch}`);
    }
  });

  it('prefetch builds the next batches in the background while the consumer awaits', async () => {
    const ds = new Counting(20);
    const loader = new DataLoader(ds, { batchSize: 2, prefetch: 2 });
    const seen: number[] = [];
    let b = 0;
    for await (const batch of loader) {
      assert.equal(batch.x.shape[0], 2);
      const before = ds.gets;
      await new Promise((r) => setTimeout(r, 2));
      // while we awaited, up to 2 batches after this one were built
      seen.push(ds.gets - before);
      if (++b === 3) break;
    }
    assert.ok(seen.some((g) => g > 0), `some items were fetched during the await (${seen})`);
    assert.ok(ds.gets <= (3 + 2) * 2, `no more than prefetch batches ahead (${ds.gets} gets)`);
    const settled = ds.gets;
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(ds.gets, settled, 'breaking out cancels pending prefetches');
  });

  it('prefetch reports a failing batch when it is reached', async () => {
    const bad: Dataset<nb.Tensor> = { length: 6, get: (i) => { if (i === 4) throw new Error('bad item 4'); return nb.zeros(1); } };
    const loader = new DataLoader(bad, { batchSize: 2, prefetch: 3 });
    let n = 0;
    await assert.rejects(async () => { for await (const _ of loader) n++; }, /bad item 4/);
    assert.equal(n, 2);
  });

  it('stateDict / loadStateDict resume mid-epoch with the same batches', () => {
    const { ds } = toy(10);
    const full = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new Generator(11) });
    const expected = [rowIds(full), rowIds(full)];

    const a = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new Generator(11) });
    let saved = a.stateDict();
    const firstEpoch: number[][] = [];
    for (const [xb] of a) {
      firstEpoch.push(Array.from(xb!.data()).filter((_, i) => i % 2 === 0).map((v) => v / 2));
      if (firstEpoch.length === 2) {
        saved = JSON.parse(JSON.stringify(a.stateDict()));
        break; // "crash" after two batches
      }
    }
    assert.equal(saved.batchesServed, 2);
    const b = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: new Generator(999) });
    b.loadStateDict(saved);
    const rest = rowIds(b);
    assert.deepEqual([...firstEpoch, ...rest], expected[0]);
    assert.deepEqual(rowIds(b), expected[1], 'the following epoch matches too');
    assert.equal(b.stateDict().batchesServed, 0);
    assert.throws(() => b.loadStateDict({ generator: saved.generator, batchesServed: 99 }), /batchesServed must be an integer in \[0, 4\]/);
  });
});

/** A tiny classification problem and loaders for the training-loop tests. */
import * as nb from '../../src/index.js';
import { DataLoader } from '../../src/data/loader.js';
import { TensorDataset } from '../../src/data/dataset.js';

/** Three Gaussian blobs in 2-D, 96 points, labels int32. */
export function blobs(seed = 0): { x: nb.Tensor; y: nb.Tensor } {
  const g = new nb.Generator(seed);
  const centers = nb.tensor([[2, 0], [-1, 1.7], [-1, -1.7]]);
  const y = nb.tensor(Int32Array.from({ length: 96 }, (_, i) => i % 3), { dtype: 'int32' });
  const x = centers.indexSelect(0, y).add(nb.randn([96, 2], { generator: g }).mul(0.6));
  return { x, y };
}

export function mlp(seed = 1, dropout = 0.2): nb.nn.Module {
  nb.manualSeed(seed);
  return new nb.nn.Sequential(new nb.nn.Linear(2, 16), new nb.nn.ReLU(), new nb.nn.Dropout(dropout), new nb.nn.Linear(16, 3));
}

export function loader(x: nb.Tensor, y: nb.Tensor, seed = 5, batchSize = 16): DataLoader<nb.Tensor[], nb.Tensor[]> {
  return new DataLoader<nb.Tensor[], nb.Tensor[]>(new TensorDataset(x, y), { batchSize, shuffle: true, generator: new nb.Generator(seed) });
}

/** A plain iterable (no stateDict): shuffles from its generator each epoch, like a hand-written loader. */
export function plainLoader(x: nb.Tensor, y: nb.Tensor, seed = 5, batchSize = 16): Iterable<nb.Tensor[]> & { length: number; generator: nb.Generator } {
  const generator = new nb.Generator(seed);
  const n = x.shape[0]!;
  return {
    length: Math.ceil(n / batchSize),
    generator,
    *[Symbol.iterator]() {
      const p = nb.randperm(n, { generator });
      for (let i = 0; i < n; i += batchSize) {
        const idx = p.narrow(0, i, Math.min(batchSize, n - i));
        yield [x.indexSelect(0, idx), y.indexSelect(0, idx)];
      }
    },
  };
}

export function weights(m: nb.nn.Module): number[] {
  return Object.values(m.stateDict()).flatMap((t) => Array.from(t.data()));
}

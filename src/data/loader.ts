/**
 * DataLoader: batches of a dataset, in order or freshly shuffled each epoch
 * (torch.utils.data.DataLoader).
 *
 *   const loader = new DataLoader(new TensorDataset(x, y), {batchSize: 64, shuffle: true, generator: new Generator(0)});
 *   for (const [xb, yb] of loader) { … }              // synchronous
 *   for await (const [xb, yb] of loader) { … }        // asynchronous; with {prefetch: k} the next k
 *                                                     // batches are built while the loop awaits
 *
 * Shuffling draws one permutation per epoch from `loader.generator`, so the same seed gives the
 * same batch order, epoch after epoch. `stateDict()` / `loadStateDict()` capture that generator at
 * the start of the current epoch plus the number of batches already served, so a checkpointed run
 * resumes mid-epoch with exactly the batches it would have seen.
 *
 * A TensorDataset (or a Subset of one) with the default collate is batched with one `indexSelect`
 * per tensor (a contiguous copy for runs of consecutive rows) instead of stacking items one by one.
 */
import { indexSelect } from '../ops/indexing.js';
import { defaultGenerator, Generator, type GeneratorState } from '../random/generator.js';
import type { Tensor } from '../tensor/tensor.js';
import { defaultCollate, type Collate, type Collated } from './collate.js';
import { tensorBacking, type Dataset } from './dataset.js';
import { RandomSampler, SequentialSampler, type Sampler } from './samplers.js';
import { fromTyped } from './tensor-util.js';

export interface DataLoaderOptions<T, B> {
  /** Items per batch (default 1). */
  batchSize?: number;
  /** Draw a fresh random order each epoch (default false). Exclusive with `sampler`. */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Drives shuffling and samplers. Default: the sampler's generator, else a split of the default generator. */
  generator?: Generator;
  /** Makes one batch from a list of items (default: {@link defaultCollate}). */
  collate?: Collate<T, B>;
  /** Async iteration builds up to this many batches ahead, between the consumer's awaits (default 0; sync iteration ignores it). */
  prefetch?: number;
  /** Which indices an epoch visits (e.g. a BootstrapSampler). Default: sequential, or random with shuffle. */
  sampler?: Sampler;
}

/** A DataLoader's resumable position: the generator at the start of the epoch and the batches served. */
export interface DataLoaderState {
  generator: GeneratorState;
  batchesServed: number;
}

const KNOWN = new Set(['batchSize', 'shuffle', 'dropLast', 'generator', 'collate', 'prefetch', 'sampler']);

function checkInt(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`DataLoader: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/** One epoch's plan: the indices to visit and the first batch to serve. */
interface Epoch {
  order: Int32Array;
  first: number;
}

export class DataLoader<T = Tensor[], B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly prefetch: number;
  readonly sampler: Sampler;
  /** The generator behind shuffling/sampling; save `generator.getState()` (or use stateDict) to resume. */
  readonly generator: Generator;
  readonly collate: Collate<T, B>;
  /** The tensors behind a TensorDataset (or Subsets of one) when the fast path applies, else null. */
  private readonly backing: ReturnType<typeof tensorBacking>;
  private epochStart: GeneratorState | null = null;
  private served = 0;
  private inEpoch = false;
  private resumeSkip = 0;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    if (typeof dataset !== 'object' || dataset === null || typeof dataset.length !== 'number' || typeof dataset.get !== 'function') {
      throw new Error('DataLoader: dataset must have a numeric length and a get(index) method');
    }
    for (const k of Object.keys(options)) {
      if (!KNOWN.has(k)) throw new Error(`DataLoader: unknown option '${k}' (known: ${[...KNOWN].join(', ')})`);
    }
    this.dataset = dataset;
    this.batchSize = checkInt('batchSize', options.batchSize ?? 1, 1);
    this.prefetch = checkInt('prefetch', options.prefetch ?? 0, 0);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    if (options.generator !== undefined && !(options.generator instanceof Generator)) {
      throw new Error('DataLoader: generator must be a nabla Generator');
    }
    if (options.sampler !== undefined && this.shuffle) {
      throw new Error('DataLoader: sampler is mutually exclusive with shuffle (the sampler decides the order)');
    }
    this.sampler = options.sampler ?? (this.shuffle ? new RandomSampler(dataset.length) : new SequentialSampler(dataset.length));
    const randomised = this.shuffle || options.sampler !== undefined;
    // A loader that never draws does not touch the default generator.
    this.generator = options.generator ?? options.sampler?.generator ?? (randomised ? defaultGenerator().split() : new Generator(0));
    this.backing = options.collate === undefined ? tensorBacking(dataset) : null;
    this.collate = options.collate ?? (defaultCollate as unknown as Collate<T, B>);
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Where the loader stands: the generator at the start of the current epoch and the batches already served. */
  stateDict(): DataLoaderState {
    if (this.inEpoch && this.epochStart !== null) return { generator: { ...this.epochStart }, batchesServed: this.served };
    return { generator: this.generator.getState(), batchesServed: this.resumeSkip };
  }

  /** Restores a stateDict(): the next epoch replays the saved one from batch `batchesServed`. */
  loadStateDict(state: DataLoaderState): void {
    if (typeof state !== 'object' || state === null) throw new Error('DataLoader.loadStateDict: expected {generator, batchesServed}');
    const skip = state.batchesServed;
    if (!Number.isInteger(skip) || skip < 0 || skip > this.length) {
      throw new Error(`DataLoader.loadStateDict: batchesServed must be an integer in [0, ${this.length}], got ${String(skip)}`);
    }
    this.generator.setState(state.generator);
    this.resumeSkip = skip;
    this.inEpoch = false;
    this.epochStart = null;
  }

  [Symbol.iterator](): Iterator<B> {
    return this.syncEpoch();
  }

  [Symbol.asyncIterator](): AsyncIterator<B> {
    return this.prefetch > 0 ? this.prefetchingEpoch() : this.asyncEpoch();
  }

  /** Builds batch `b` of the epoch whose visiting order is `order`. */
  private buildBatch(order: Int32Array, b: number): B {
    const start = b * this.batchSize;
    const idx = order.subarray(start, Math.min(start + this.batchSize, order.length));
    const backing = this.backing;
    if (backing !== null) {
      const rows = backing.rows === null ? idx : idx.map((i) => backing.rows![i]!);
      return backing.tensors.map((t) => selectRows(t, rows)) as unknown as B;
    }
    const items: T[] = [];
    for (const i of idx) items.push(this.dataset.get(i));
    return this.collate(items);
  }

  private beginEpoch(): Epoch {
    this.epochStart = this.generator.getState();
    const order = this.sampler.sample(this.generator);
    const first = this.resumeSkip;
    this.resumeSkip = 0;
    this.served = first;
    this.inEpoch = true;
    return { order, first };
  }

  private *syncEpoch(): IterableIterator<B> {
    const { order, first } = this.beginEpoch();
    const count = this.length;
    for (let b = first; b < count; b++) {
      const batch = this.buildBatch(order, b);
      this.served = b + 1;
      yield batch;
    }
    this.inEpoch = false;
  }

  private async *asyncEpoch(): AsyncGenerator<B, void, undefined> {
    yield* this.syncEpoch();
  }

  /**
   * Keeps up to `prefetch` batches in flight. Each is built in its own setImmediate task, so the
   * work runs whenever the consumer awaits (I/O, timers, a yielding training loop) and batches still
   * arrive in order. Errors surface at the batch that failed; leaving the loop early cancels the rest.
   */
  private async *prefetchingEpoch(): AsyncGenerator<B, void, undefined> {
    const { order, first } = this.beginEpoch();
    const count = this.length;
    const queue: Promise<B>[] = [];
    const timers = new Set<NodeJS.Immediate>();
    let next = first;
    const fill = (): void => {
      while (queue.length < this.prefetch && next < count) {
        const b = next++;
        const p = new Promise<B>((resolve, reject) => {
          const h = setImmediate(() => {
            timers.delete(h);
            try {
              resolve(this.buildBatch(order, b));
            } catch (e) {
              reject(e);
            }
          });
          timers.add(h);
        });
        p.catch(() => {}); // a prefetched failure is reported when (and if) its batch is reached
        queue.push(p);
      }
    };
    try {
      fill();
      for (let b = first; b < count; b++) {
        const batch = await queue.shift()!;
        fill();
        this.served = b + 1;
        yield batch;
      }
      this.inEpoch = false;
    } finally {
      for (const h of timers) clearImmediate(h);
    }
  }
}

/** Rows of t (dim 0) as a fresh tensor: one contiguous copy for consecutive rows, else indexSelect. */
function selectRows(t: Tensor, rows: Int32Array): Tensor {
  const k = rows.length;
  let consecutive = k > 0;
  for (let i = 1; i < k && consecutive; i++) consecutive = rows[i] === rows[0]! + i;
  if (consecutive) return t.narrow(0, rows[0]!, k).clone();
  return indexSelect(t, 0, fromTyped(Int32Array.from(rows), [k], t));
}

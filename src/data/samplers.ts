/**
 * Samplers decide which dataset indices an epoch visits, and in what order
 * (torch.utils.data.Sampler). A sampler draws from the generator it is handed, so the DataLoader
 * can drive it with `loader.generator` and checkpoint that one generator.
 *
 *   new DataLoader(ds, {batchSize: 32, sampler: new BootstrapSampler(ds.length, {generator})})
 *   // one bootstrap replicate per epoch: n draws with replacement, for bagging (deck 000/001)
 */
import { permutation } from '../random/distributions.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import type { Dataset } from './dataset.js';

export interface Sampler {
  /** How many indices one epoch yields. */
  readonly length: number;
  /** The sampler's own generator, if it was given one; the DataLoader adopts it when it has none. */
  readonly generator?: Generator | undefined;
  /** The indices of one epoch, drawn from `generator` (or the sampler's own, or the default). */
  sample(generator?: Generator): Int32Array;
}

function sizeOf(op: string, source: number | Dataset<unknown>): number {
  const n = typeof source === 'number' ? source : source?.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new Error(`${op}: expected a dataset or a non-negative integer size, got ${String(n)}`);
  }
  return n;
}

function checkCount(op: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new Error(`${op}: ${name} must be a non-negative integer, got ${v}`);
  return v;
}

/** 0, 1, …, n−1 in order (torch's SequentialSampler). */
export class SequentialSampler implements Sampler {
  readonly length: number;
  readonly generator = undefined;
  constructor(source: number | Dataset<unknown>) {
    this.length = sizeOf('SequentialSampler', source);
  }
  sample(): Int32Array {
    const out = new Int32Array(this.length);
    for (let i = 0; i < out.length; i++) out[i] = i;
    return out;
  }
  [Symbol.iterator](): Iterator<number> {
    return this.sample()[Symbol.iterator]();
  }
}

export interface RandomSamplerOptions {
  /** Draw with replacement (then numSamples may exceed n). Default false: a permutation. */
  replacement?: boolean;
  /** Indices per epoch; default n. Without replacement, more than n repeats whole permutations. */
  numSamples?: number;
  generator?: Generator;
}

/**
 * A fresh random order each epoch (torch's RandomSampler). Without replacement it is a uniform
 * permutation (Fisher–Yates); numSamples > n concatenates permutations, as PyTorch does.
 */
export class RandomSampler implements Sampler {
  readonly n: number;
  readonly length: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(source: number | Dataset<unknown>, options: RandomSamplerOptions = {}) {
    this.n = sizeOf('RandomSampler', source);
    this.replacement = options.replacement ?? false;
    this.length = checkCount('RandomSampler', 'numSamples', options.numSamples ?? this.n);
    if (this.length > 0 && this.n === 0) throw new Error('RandomSampler: cannot draw samples from an empty dataset');
    this.generator = options.generator;
  }

  sample(generator?: Generator): Int32Array {
    const gen = generator ?? this.generator ?? defaultGenerator();
    if (this.replacement) return bootstrapIndices(this.n, { numSamples: this.length, generator: gen });
    if (this.length === this.n) return permutation(gen, this.n);
    const out = new Int32Array(this.length);
    for (let filled = 0; filled < out.length; ) {
      const p = permutation(gen, this.n);
      const take = Math.min(p.length, out.length - filled);
      out.set(p.subarray(0, take), filled);
      filled += take;
    }
    return out;
  }

  [Symbol.iterator](): Iterator<number> {
    return this.sample()[Symbol.iterator]();
  }
}

export interface BootstrapOptions {
  /** Draws per replicate; default n (the classic bootstrap). */
  numSamples?: number;
  generator?: Generator;
}

/**
 * A bootstrap replicate: numSamples (default n) indices drawn uniformly from 0..n−1 *with
 * replacement*, so about 1 − 1/e ≈ 63.2% of the items appear at least once (bagging, deck 000/001).
 */
export function bootstrapIndices(n: number, options: BootstrapOptions = {}): Int32Array {
  checkCount('bootstrapIndices', 'n', n);
  const m = checkCount('bootstrapIndices', 'numSamples', options.numSamples ?? n);
  if (m > 0 && n === 0) throw new Error('bootstrapIndices: cannot draw samples from an empty set (n = 0)');
  const gen = options.generator ?? defaultGenerator();
  const out = new Int32Array(m);
  // unbiased: rejection on uint32, as in distributions.ts
  const limit = 4294967296 - (4294967296 % Math.max(n, 1));
  for (let i = 0; i < m; i++) {
    let x = gen.nextUint32();
    while (x >= limit) x = gen.nextUint32();
    out[i] = x % n;
  }
  return out;
}

/** The indices in 0..n−1 that a bootstrap replicate did not draw (the out-of-bag set), ascending. */
export function outOfBagIndices(n: number, drawn: ArrayLike<number>): Int32Array {
  checkCount('outOfBagIndices', 'n', n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < drawn.length; i++) {
    const v = drawn[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new Error(`outOfBagIndices: drawn index ${i} is ${v}, expected an integer in [0, ${n})`);
    seen[v] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!seen[i]) out.push(i);
  return Int32Array.from(out);
}

/** One bootstrap replicate per epoch: sampling with replacement, for bagging. */
export class BootstrapSampler implements Sampler {
  readonly n: number;
  readonly length: number;
  readonly generator: Generator | undefined;

  constructor(source: number | Dataset<unknown>, options: BootstrapOptions = {}) {
    this.n = sizeOf('BootstrapSampler', source);
    this.length = checkCount('BootstrapSampler', 'numSamples', options.numSamples ?? this.n);
    if (this.length > 0 && this.n === 0) throw new Error('BootstrapSampler: cannot draw samples from an empty dataset');
    this.generator = options.generator;
  }

  sample(generator?: Generator): Int32Array {
    return bootstrapIndices(this.n, { numSamples: this.length, generator: generator ?? this.generator ?? defaultGenerator() });
  }

  [Symbol.iterator](): Iterator<number> {
    return this.sample()[Symbol.iterator]();
  }
}

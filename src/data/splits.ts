/**
 * Splitting a dataset: random (torch.utils.data.random_split), train/validation/test, stratified
 * (class proportions kept in every part), and k-fold cross-validation (deck 002: fit on train,
 * choose hyper-parameters on validation, report once on test).
 *
 * Every function draws from `generator` (default: the process-wide default generator), so the same
 * seed always gives the same split.
 */
import { permutation } from '../random/distributions.js';
import { defaultGenerator, type Generator } from '../random/generator.js';
import type { Tensor } from '../tensor/tensor.js';
import { Subset, type Dataset } from './dataset.js';
import { toLabelArray } from './tensor-util.js';

export interface SplitOptions {
  generator?: Generator;
}

/**
 * Turns lengths (integers summing to n) or fractions (summing to 1) into lengths, as PyTorch's
 * random_split does: floor(n·f) each, then the remainder handed out one by one from the first part.
 */
export function splitSizes(op: string, n: number, lengths: readonly number[]): number[] {
  if (!Array.isArray(lengths) || lengths.length === 0) throw new Error(`${op}: expected a non-empty array of lengths or fractions`);
  if (lengths.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
    throw new Error(`${op}: lengths and fractions must be non-negative numbers, got [${lengths.join(', ')}]`);
  }
  const total = lengths.reduce((a, b) => a + b, 0);
  const allInts = lengths.every(Number.isInteger);
  if (Math.abs(total - 1) < 1e-9 && lengths.every((v) => v <= 1)) {
    const sizes = lengths.map((f) => Math.floor(n * f));
    const rest = n - sizes.reduce((a, b) => a + b, 0);
    if (rest >= 0) {
      for (let i = 0; i < rest; i++) sizes[i % sizes.length]! += 1;
      return sizes;
    }
  }
  if (!allInts) throw new Error(`${op}: fractions must sum to 1, got [${lengths.join(', ')}] (sum ${total})`);
  if (total !== n) throw new Error(`${op}: lengths [${lengths.join(', ')}] sum to ${total}, but the dataset has ${n} items`);
  return [...lengths];
}

/**
 * Randomly splits a dataset into non-overlapping Subsets of the given lengths, or fractions of its
 * length (torch.utils.data.random_split): one permutation, cut into consecutive pieces.
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], options: SplitOptions = {}): Subset<T>[] {
  const sizes = splitSizes('randomSplit', dataset.length, lengths);
  const perm = permutation(options.generator ?? defaultGenerator(), dataset.length);
  const out: Subset<T>[] = [];
  let offset = 0;
  for (const s of sizes) {
    out.push(new Subset(dataset, perm.subarray(offset, offset + s)));
    offset += s;
  }
  return out;
}

export interface TrainValTestOptions extends SplitOptions {
  /** Validation size: a fraction in (0, 1) or a count (an integer). Default 0.15. */
  val?: number;
  /** Test size: a fraction in (0, 1) or a count (an integer). Default 0.15. The rest is training data. */
  test?: number;
  /** Class labels, one per item: split so that every part keeps the class proportions. */
  stratify?: Tensor | ArrayLike<number>;
}

/**
 * Train / validation / test Subsets (deck 002): fractions are rounded to counts (round(f·n)) and
 * training gets the rest. With `stratify`, each part keeps the class proportions of the labels.
 */
export function trainValTestSplit<T>(dataset: Dataset<T>, options: TrainValTestOptions = {}): { train: Subset<T>; val: Subset<T>; test: Subset<T> } {
  const n = dataset.length;
  const count = (name: string, v: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`trainValTestSplit: ${name} must be a fraction in [0, 1) or a count, got ${String(v)}`);
    if (Number.isInteger(v)) return v;
    if (v >= 1) throw new Error(`trainValTestSplit: ${name} must be a fraction below 1 or an integer count, got ${v}`);
    return Math.round(v * n);
  };
  const nVal = count('val', options.val ?? 0.15);
  const nTest = count('test', options.test ?? 0.15);
  if (nVal + nTest > n) throw new Error(`trainValTestSplit: val (${nVal}) + test (${nTest}) exceed the dataset's ${n} items`);
  const sizes = [n - nVal - nTest, nVal, nTest];
  let parts: Subset<T>[];
  if (options.stratify !== undefined) {
    const idx = stratifiedSplit(options.stratify, sizes, { generator: options.generator });
    parts = idx.map((i) => new Subset(dataset, i));
  } else {
    parts = randomSplit(dataset, sizes, { generator: options.generator });
  }
  return { train: parts[0]!, val: parts[1]!, test: parts[2]! };
}

/**
 * Index sets for a split that keeps class proportions: each part gets about fraction·(class count)
 * items of every class, and exactly the total sizes `splitSizes` gives (PyTorch's rule for
 * fractions). Within a class the items are shuffled; each part is returned in random order.
 *
 * Per class, part s first gets floor(f_s·n_c); the leftover items go to the (class, part) pairs
 * with the largest fractional parts whose part still has room, so no class is off by more than
 * one item in any part when the totals allow it.
 */
export function stratifiedSplit(labels: Tensor | ArrayLike<number>, fractions: readonly number[], options: SplitOptions = {}): Int32Array[] {
  const y = toLabelArray('stratifiedSplit', labels);
  const n = y.length;
  const sizes = splitSizes('stratifiedSplit', n, fractions);
  const frac = sizes.map((s) => (n === 0 ? 0 : s / n));
  const gen = options.generator ?? defaultGenerator();
  const classes = groupByClass(y);
  // allocation[c][s]: how many items of class c go to part s
  const room = [...sizes];
  const allocation = classes.map((members) => frac.map((f, s) => {
    const k = Math.floor(f * members.length);
    room[s]! -= k;
    return k;
  }));
  const left = classes.map((members, c) => members.length - allocation[c]!.reduce((a, b) => a + b, 0));
  const pairs: { c: number; s: number; r: number }[] = [];
  classes.forEach((members, c) => frac.forEach((f, s) => pairs.push({ c, s, r: f * members.length - Math.floor(f * members.length) })));
  pairs.sort((a, b) => b.r - a.r || a.c - b.c || a.s - b.s);
  for (const { c, s } of pairs) {
    if (left[c]! > 0 && room[s]! > 0) {
      allocation[c]![s]! += 1;
      left[c]! -= 1;
      room[s]! -= 1;
    }
  }
  // anything still unplaced (only when the totals force it) goes wherever there is room
  classes.forEach((_, c) => {
    for (let s = 0; left[c]! > 0 && s < sizes.length; s++) {
      const k = Math.min(left[c]!, room[s]!);
      allocation[c]![s]! += k;
      left[c]! -= k;
      room[s]! -= k;
    }
  });
  const parts: number[][] = sizes.map(() => []);
  classes.forEach((members, c) => {
    const order = permutation(gen, members.length);
    let offset = 0;
    allocation[c]!.forEach((k, s) => {
      for (let j = 0; j < k; j++) parts[s]!.push(members[order[offset + j]!]!);
      offset += k;
    });
  });
  return parts.map((p) => {
    const order = permutation(gen, p.length);
    return Int32Array.from(order, (i) => p[i]!);
  });
}

/** Item indices grouped by label, classes in ascending label order, members ascending. */
function groupByClass(y: Int32Array): number[][] {
  const byLabel = new Map<number, number[]>();
  y.forEach((label, i) => {
    let list = byLabel.get(label);
    if (!list) byLabel.set(label, (list = []));
    list.push(i);
  });
  return [...byLabel.keys()].sort((a, b) => a - b).map((k) => byLabel.get(k)!);
}

export interface Fold {
  /** Indices to train on (ascending). */
  train: Int32Array;
  /** Indices held out in this fold (ascending). */
  val: Int32Array;
}

export interface KFoldOptions extends SplitOptions {
  /** Shuffle before cutting folds (default false: consecutive blocks, like scikit-learn's KFold). */
  shuffle?: boolean;
}

function checkFolds(op: string, n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new Error(`${op}: k must be an integer >= 2, got ${k}`);
  if (k > n) throw new Error(`${op}: cannot make ${k} folds from ${n} items`);
}

function foldsFromAssignment(foldOf: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const val: number[] = [];
    foldOf.forEach((g, i) => (g === f ? val : train).push(i));
    folds.push({ train: Int32Array.from(train), val: Int32Array.from(val) });
  }
  return folds;
}

/**
 * k-fold cross-validation (scikit-learn's KFold): every index is in exactly one validation fold;
 * the first n mod k folds have floor(n/k)+1 items, the others floor(n/k).
 */
export function kFold(n: number, k: number, options: KFoldOptions = {}): Fold[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`kFold: n must be a non-negative integer, got ${n}`);
  checkFolds('kFold', n, k);
  const order = options.shuffle ? permutation(options.generator ?? defaultGenerator(), n) : Int32Array.from({ length: n }, (_, i) => i);
  const foldOf = new Int32Array(n);
  const base = Math.floor(n / k);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < n % k ? 1 : 0);
    for (let j = 0; j < size; j++) foldOf[order[pos++]!] = f;
  }
  return foldsFromAssignment(foldOf, k);
}

/**
 * k folds that each keep the class proportions: the items of each class (shuffled when asked)
 * are dealt to the folds in turn, continuing across classes, so fold sizes differ by at most one
 * and each class is spread as evenly as its count allows.
 */
export function stratifiedKFold(labels: Tensor | ArrayLike<number>, k: number, options: KFoldOptions = {}): Fold[] {
  const y = toLabelArray('stratifiedKFold', labels);
  checkFolds('stratifiedKFold', y.length, k);
  const gen = options.generator ?? defaultGenerator();
  const foldOf = new Int32Array(y.length);
  let dealt = 0;
  for (const members of groupByClass(y)) {
    const order = options.shuffle ? permutation(gen, members.length) : null;
    for (let j = 0; j < members.length; j++) foldOf[members[order ? order[j]! : j]!] = dealt++ % k;
  }
  return foldsFromAssignment(foldOf, k);
}

/**
 * Datasets: anything with a length and random access by index (PyTorch's map-style dataset,
 * `__len__` / `__getitem__`).
 *
 *   const ds = new TensorDataset(x, y);      // x [N, ...], y [N]
 *   const [xi, yi] = ds.get(0);              // x[0], y[0]
 *   const part = new Subset(ds, [0, 5, 7]);  // a view through an index list
 */
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { toIndexArray } from './tensor-util.js';

/** A map-style dataset: `length` items, item i is `get(i)` for 0 <= i < length. */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): T;
}

/** True for any object with a numeric `length` and a `get` method. */
export function isDataset(x: unknown): x is Dataset<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as Dataset<unknown>).length === 'number' && typeof (x as Dataset<unknown>).get === 'function';
}

/** Checks that i is an integer index into a dataset of the given length (negative counts from the end). */
export function checkIndex(op: string, index: number, length: number): number {
  if (!Number.isInteger(index)) throw new Error(`${op}: index must be an integer, got ${index}`);
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) throw new Error(`${op}: index ${index} is out of range for a dataset of length ${length}`);
  return i;
}

/**
 * Tensors that share their first dimension; item i is `[t0[i], t1[i], …]` (torch.utils.data.TensorDataset).
 * The DataLoader batches a TensorDataset (and Subsets of one) with one `indexSelect` per tensor.
 */
export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new Error('TensorDataset: expected at least one tensor');
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new Error(`TensorDataset: argument ${i} is not a Tensor`);
      if (t.ndim === 0) throw new Error(`TensorDataset: tensor ${i} is 0-d; every tensor needs a first (sample) dimension`);
    });
    const n = tensors[0]!.shape[0]!;
    if (tensors.some((t) => t.shape[0] !== n)) {
      throw new Error(`TensorDataset: all tensors must have the same size in dim 0, got shapes ${tensors.map((t) => shapeStr(t.shape)).join(', ')}`);
    }
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  get(index: number): Tensor[] {
    const i = checkIndex('TensorDataset.get', index, this.length);
    return this.tensors.map((t) => t.narrow(0, i, 1).squeeze(0));
  }
}

/** The items of `dataset` at `indices`, in that order (torch.utils.data.Subset). */
export class Subset<T> implements Dataset<T> {
  readonly indices: Int32Array;

  constructor(
    readonly dataset: Dataset<T>,
    indices: ArrayLike<number> | Tensor,
  ) {
    this.indices = toIndexArray('Subset', indices, dataset.length);
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    return this.dataset.get(this.indices[checkIndex('Subset.get', index, this.length)]!);
  }
}

/** Several datasets one after the other (torch.utils.data.ConcatDataset). */
export class ConcatDataset<T> implements Dataset<T> {
  readonly datasets: readonly Dataset<T>[];
  /** cumulativeSizes[k] = total length of datasets 0..k. */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: readonly Dataset<T>[]) {
    if (datasets.length === 0) throw new Error('ConcatDataset: expected at least one dataset');
    this.datasets = [...datasets];
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  get(index: number): T {
    const i = checkIndex('ConcatDataset.get', index, this.length);
    let k = 0;
    while (i >= this.cumulativeSizes[k]!) k++;
    return this.datasets[k]!.get(k === 0 ? i : i - this.cumulativeSizes[k - 1]!);
  }
}

/**
 * If `dataset` is a TensorDataset, or a chain of Subsets over one, returns its tensors and a map
 * from this dataset's indices to rows of those tensors (null when the map is the identity).
 * @internal used by the DataLoader's indexSelect fast path.
 */
export function tensorBacking(dataset: Dataset<unknown>): { tensors: readonly Tensor[]; rows: Int32Array | null } | null {
  let rows: Int32Array | null = null;
  let d: Dataset<unknown> = dataset;
  while (d instanceof Subset) {
    const idx = d.indices;
    rows = rows === null ? idx : rows.map((r) => idx[r]!);
    d = d.dataset;
  }
  return d instanceof TensorDataset ? { tensors: d.tensors, rows } : null;
}

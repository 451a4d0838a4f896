/**
 * Turning a list of dataset items into one batch (torch.utils.data.default_collate).
 *
 * - tensors are stacked along a new dim 0, keeping their dtype (int32 labels stay int32);
 * - numbers become a 1-D tensor: int32 when all are integers, else float32 (PyTorch: int64 / float64);
 * - booleans become a bool tensor;
 * - arrays (tuples) and plain objects are collated field by field, recursively;
 * - anything else (strings, …) is returned as the list of values.
 */
import { stack } from '../ops/movement.js';
import { Tensor } from '../tensor/tensor.js';
import { fromTyped } from './tensor-util.js';

export type Collate<T, B> = (items: T[]) => B;

/** The batch type defaultCollate makes from items of type T. */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends readonly unknown[]
      ? { [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { [K in keyof T]: Collated<T[K]> }
        : T[];

export function defaultCollate<T>(items: T[]): Collated<T> {
  return collate(items as unknown[], 'batch') as Collated<T>;
}

function collate(items: unknown[], path: string): unknown {
  if (items.length === 0) throw new Error('defaultCollate: cannot collate an empty batch');
  const first = items[0];
  if (first instanceof Tensor) {
    items.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new Error(`defaultCollate: ${path} item ${i} is not a Tensor, but item 0 is`);
    });
    return stack(items as Tensor[], 0);
  }
  if (typeof first === 'number') {
    const nums = items as number[];
    if (nums.some((v) => typeof v !== 'number')) throw new Error(`defaultCollate: ${path} mixes numbers and other values`);
    const ints = nums.every(Number.isInteger) && nums.every((v) => v >= -2147483648 && v <= 2147483647);
    return fromTyped(ints ? Int32Array.from(nums) : Float32Array.from(nums), [nums.length]);
  }
  if (typeof first === 'boolean') {
    return fromTyped(Uint8Array.from(items as boolean[], (b) => (b ? 1 : 0)), [items.length]);
  }
  if (Array.isArray(first)) {
    const len = first.length;
    items.forEach((it, i) => {
      if (!Array.isArray(it) || it.length !== len) {
        throw new Error(`defaultCollate: ${path} item ${i} has ${Array.isArray(it) ? it.length : 'no'} fields, item 0 has ${len}`);
      }
    });
    return first.map((_, k) => collate(items.map((it) => (it as unknown[])[k]), `${path}[${k}]`));
  }
  if (typeof first === 'object' && first !== null && Object.getPrototypeOf(first) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) out[key] = collate(items.map((it) => (it as Record<string, unknown>)[key]), `${path}.${key}`);
    return out;
  }
  return [...items];
}

/** Shape arithmetic shared by every op: sizes, strides, broadcasting, dim normalisation. */

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i]!;
  }
  return strides;
}

export function shapeStr(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function isContiguous(shape: Shape, strides: Shape): boolean {
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== acc) return false;
    acc *= shape[i]!;
  }
  return true;
}

/** NumPy broadcasting: align trailing dims; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = ndim - s.length + i;
      const d = s[i]!;
      if (d === 1) continue;
      if (out[o] === 1) out[o] = d;
      else if (out[o] !== d) {
        throw new Error(
          `${op}: shapes ${shapes.map(shapeStr).join(' and ')} cannot be broadcast together ` +
            `(dim ${o - ndim}: ${out[o]} vs ${d})`,
        );
      }
    }
  }
  return out;
}

/** Turns a possibly negative dim into 0..ndim-1, or throws naming the op. */
export function normalizeDim(op: string, dim: number, ndim: number, arg = 'dim'): number {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new Error(`${op}: ${arg} ${dim} is out of range for a tensor with ${ndim} dims (expected ${lo}..${hi})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalises one dim, a list of dims, or undefined (= all dims) into a sorted unique list. */
export function normalizeDims(op: string, dims: number | readonly number[] | undefined, ndim: number): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : [...dims];
  const out = list.map((d) => normalizeDim(op, d, ndim));
  // a 0-d tensor has no dim to reduce: dim 0 (or -1) names the tensor itself
  if (ndim === 0) return [];
  const set = new Set(out);
  if (set.size !== out.length) throw new Error(`${op}: dims ${JSON.stringify(list)} name a dim more than once`);
  return [...set].sort((a, b) => a - b);
}

export function checkShape(op: string, shape: unknown, arg = 'shape'): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`${op}: ${arg} must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return [...(shape as number[])];
}

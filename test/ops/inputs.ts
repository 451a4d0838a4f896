/**
 * Seeded input builders for the op table's gradcheck and sample inputs. Every builder draws from
 * a fresh nb.Generator, so `inputs()` returns the same tensors each time it is called (and on
 * whichever backend is current when it is called).
 */
import * as nb from '../../src/index.js';
import type { DType, Tensor } from '../../src/index.js';

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A leaf tensor of `shape` holding `data` (row-major); float leaves require grad unless told. */
export function leaf(data: ArrayLike<number>, shape: readonly number[], dtype: DType = 'float64', requiresGrad?: boolean): Tensor {
  const arr =
    dtype === 'float64' ? Float64Array.from(data)
    : dtype === 'float32' ? Float32Array.from(data)
    : dtype === 'int32' ? Int32Array.from(data)
    : Uint8Array.from(data, (v) => (v ? 1 : 0));
  const t = nb.tensor(arr, { dtype }).reshape([...shape]);
  const grad = requiresGrad ?? (dtype === 'float64' || dtype === 'float32');
  return grad ? t.requiresGrad_(true) : t;
}

export interface NormalOptions {
  scale?: number;
  shift?: number;
  /** Pushes values away from 0 by this much (|v| + away), to stay off kinks at 0. */
  away?: number;
  /** Pushes values at least this far from every one of `points` (kinks of clamp, hardtanh, …). */
  avoid?: readonly number[];
  margin?: number;
  dtype?: DType;
  grad?: boolean;
}

/** Draws from one seeded generator; build a new Rand inside each `inputs()` call. */
export class Rand {
  private readonly g: nb.Generator;
  constructor(seed = 1234) {
    this.g = new nb.Generator(seed);
  }

  private draw(n: number, f: () => number): number[] {
    return Array.from({ length: n }, f);
  }

  uniform01(): number {
    return this.g.nextFloat64();
  }

  normal(shape: readonly number[], o: NormalOptions = {}): Tensor {
    const { scale = 1, shift = 0, away = 0, avoid = [], margin = 0.05, dtype = 'float64', grad } = o;
    const data = this.draw(numel(shape), () => {
      let v = this.g.nextNormal() * scale;
      if (away > 0) v = v >= 0 ? v + away : v - away;
      v += shift;
      for (const p of avoid) {
        if (Math.abs(v - p) < margin) v = v >= p ? p + margin : p - margin;
      }
      return v;
    });
    return leaf(data, shape, dtype, grad);
  }

  uniform(shape: readonly number[], lo: number, hi: number, grad?: boolean): Tensor {
    return leaf(this.draw(numel(shape), () => lo + (hi - lo) * this.g.nextFloat64()), shape, 'float64', grad);
  }

  /** Positive values in [0.5, 3]: the domain of log, sqrt, rsqrt, pow bases. */
  positive(shape: readonly number[], grad?: boolean): Tensor {
    return this.uniform(shape, 0.5, 3, grad);
  }

  /** Distinct values (a shuffled ladder with step `gap`, jittered by < gap/4): no ties for max/pool. */
  distinct(shape: readonly number[], gap = 0.25, grad?: boolean): Tensor {
    const n = numel(shape);
    const order = this.draw(n, () => this.g.nextFloat64())
      .map((u, i) => [u, i] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => i);
    const data = order.map((rank) => (rank - n / 2) * gap + this.g.nextFloat64() * (gap / 4));
    return leaf(data, shape, 'float64', grad);
  }

  /** Integer-valued floats in [lo, hi] (ties for the comparison ops). */
  integral(shape: readonly number[], lo: number, hi: number, dtype: DType = 'float64'): Tensor {
    return leaf(this.draw(numel(shape), () => lo + Math.floor(this.g.nextFloat64() * (hi - lo + 1))), shape, dtype, false);
  }

  /** Values whose fractional part stays in [0.1, 0.4] or [0.6, 0.9]: off floor/ceil/round jumps. */
  offInteger(shape: readonly number[]): Tensor {
    const data = this.draw(numel(shape), () => {
      const k = Math.floor(this.g.nextFloat64() * 7) - 3;
      const f = 0.1 + 0.3 * this.g.nextFloat64();
      return k + (this.g.nextFloat64() < 0.5 ? f : f + 0.5);
    });
    return leaf(data, shape);
  }

  ints(shape: readonly number[], lo: number, hi: number): Tensor {
    return leaf(this.draw(numel(shape), () => lo + Math.floor(this.g.nextFloat64() * (hi - lo))), shape, 'int32');
  }

  bools(shape: readonly number[]): Tensor {
    return leaf(this.draw(numel(shape), () => (this.g.nextFloat64() < 0.5 ? 1 : 0)), shape, 'bool');
  }
}

/** Shared test helpers: numeric comparisons, bit-exact comparisons and a tiny MLP trainer. */
import assert from 'node:assert/strict';
import * as nb from '../src/index.js';

type Tensor = nb.Tensor;

/** The tensor's elements, row-major, as plain numbers. */
export function values(t: Tensor): number[] {
  return Array.from(t.data());
}

/** Elementwise |a − b| <= atol + rtol·|b|, NaN only matching NaN. */
export function assertClose(
  actual: Tensor | ArrayLike<number> | number,
  expected: Tensor | ArrayLike<number> | number,
  { atol = 1e-6, rtol = 1e-5, message = '' }: { atol?: number; rtol?: number; message?: string } = {},
): void {
  const toList = (x: Tensor | ArrayLike<number> | number): number[] =>
    typeof x === 'number' ? [x] : x instanceof nb.Tensor ? values(x) : Array.from(x);
  const a = toList(actual);
  const e = toList(expected);
  assert.equal(a.length, e.length, `${message} length ${a.length} != ${e.length}`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y)) {
      assert.ok(Number.isNaN(x), `${message} element ${i}: expected NaN, got ${x}`);
      continue;
    }
    if (x === y) continue; // covers ±Infinity
    assert.ok(Math.abs(x - y) <= atol + rtol * Math.abs(y), `${message} element ${i}: ${x} vs expected ${y} (actual ${JSON.stringify(a)})`);
  }
}

/** The raw bytes of a typed array (so float comparisons are bit for bit, NaN payloads and -0 included). */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Asserts two typed arrays (or tensors) have the same type, length and identical bits. */
export function assertBitIdentical(a: ArrayBufferView | Tensor, b: ArrayBufferView | Tensor, message = ''): void {
  const x = a instanceof nb.Tensor ? a.data() : a;
  const y = b instanceof nb.Tensor ? b.data() : b;
  assert.equal(x.constructor, y.constructor, `${message}: array types differ (${x.constructor.name} vs ${y.constructor.name})`);
  assert.equal(x.byteLength, y.byteLength, `${message}: byte lengths differ`);
  const bx = bytesOf(x);
  const by = bytesOf(y);
  for (let i = 0; i < bx.length; i++) {
    if (bx[i] !== by[i]) assert.fail(`${message}: first differing byte at ${i} (${bx[i]} vs ${by[i]})`);
  }
}

/** assert.throws with a regex on the message; returns the error for further checks. */
export function throwsMatching(fn: () => unknown, ...patterns: RegExp[]): Error {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an Error to be thrown, got ${String(caught)}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

// ---- a small MLP, trained by hand with SGD --------------------------------------------------------

export interface MLP {
  params: Tensor[];
  forward(x: Tensor): Tensor;
}

/** 8 → 32 → 32 → 1 with ReLU, He-style init drawn from `gen`. */
export function makeMLP(gen: nb.Generator, sizes: readonly number[] = [8, 32, 32, 1]): MLP {
  const params: Tensor[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i]!;
    const w = nb.noGrad(() => nb.randn([fanIn, sizes[i + 1]!], { generator: gen }).mul(Math.sqrt(2 / fanIn)));
    params.push(w.requiresGrad_(), nb.zeros([sizes[i + 1]!], { requiresGrad: true }));
  }
  return {
    params,
    forward(x: Tensor): Tensor {
      let h = x;
      for (let i = 0; i < params.length; i += 2) {
        h = h.matmul(params[i]!).add(params[i + 1]!);
        if (i + 2 < params.length) h = h.relu();
      }
      return h;
    },
  };
}

/** One SGD step on mean-squared error; returns the loss value. */
export function sgdStep(model: MLP, x: Tensor, y: Tensor, lr: number): number {
  const loss = model.forward(x).sub(y).square().mean();
  loss.backward();
  nb.noGrad(() => {
    for (const p of model.params) {
      p.sub_(p.grad!.mul(lr));
      p.grad = null;
    }
  });
  return loss.item();
}

/** A regression batch: 16 inputs of 8 features, target sin(sum of features). */
export function makeBatch(gen: nb.Generator, batch = 16, features = 8): { x: Tensor; y: Tensor } {
  const x = nb.randn([batch, features], { generator: gen });
  const y = nb.noGrad(() => x.sum(1, true).mul(0.5).sin());
  return { x, y };
}

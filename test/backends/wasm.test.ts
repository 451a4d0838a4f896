// The wasm backend against the reference backend: every fast path on awkward shapes (1, 3, 17,
// 129), non-contiguous and broadcast inputs; spilling under a tiny cache; bounded memory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { wasmBackend } from '../../src/backends/wasm/index.js';

const available = nb.listBackends().includes('wasm');
const gen = new nb.Generator(2024);
const randn = (...shape: number[]): nb.Tensor => nb.randn(shape, { generator: gen });

/** Runs f on reference inputs and on wasm copies; float32 results must agree closely. */
function agree(name: string, f: (...xs: nb.Tensor[]) => nb.Tensor, inputs: nb.Tensor[], tol = 1e-5): void {
  const want = f(...inputs);
  const got = f(...inputs.map((t) => t.to('wasm')));
  assert.equal(got.backend, 'wasm', `${name}: result not on wasm`);
  assert.deepEqual(got.shape, want.shape, `${name}: shape`);
  assert.equal(got.dtype, want.dtype, `${name}: dtype`);
  const a = want.data();
  const b = got.data();
  let scale = 1;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let i = 0; i < a.length; i++) {
    const ok = a[i] === b[i] || (Number.isNaN(a[i]!) ? Number.isNaN(b[i]!) : Math.abs(a[i]! - b[i]!) <= tol * scale);
    assert.ok(ok, `${name}: element ${i}: reference ${a[i]}, wasm ${b[i]}`);
  }
}

const SIZES = [1, 3, 17, 129];

describe('wasm backend', { skip: !available && 'WebAssembly SIMD is not available' }, () => {
  test('matmul: every transpose variant, batched and broadcast', () => {
    for (const m of SIZES) {
      for (const n of [1, 3, 17, 129]) {
        const k = (m * 7 + n) % 40 + 1;
        agree(`mm ${m}x${k}x${n}`, (a, b) => a.matmul(b), [randn(m, k), randn(k, n)], 1e-5);
        agree(`mm aT ${m}x${k}x${n}`, (a, b) => a.mT.matmul(b), [randn(k, m), randn(k, n)], 1e-5);
        agree(`mm bT ${m}x${k}x${n}`, (a, b) => a.matmul(b.mT), [randn(m, k), randn(n, k)], 1e-5);
      }
    }
    agree('bmm broadcast', (a, b) => a.matmul(b), [randn(2, 1, 5, 7), randn(3, 7, 4)]);
    agree('bmm sliced', (a, b) => a.slice(1, 0, 6, 2).matmul(b), [randn(2, 12, 5), randn(2, 5, 3)]);
    agree('matmul K=0', (a, b) => a.matmul(b), [randn(3, 0), randn(0, 4)]);
  });

  test('binary ops with every broadcast pattern', () => {
    const ops: [string, (a: nb.Tensor, b: nb.Tensor) => nb.Tensor][] = [
      ['add', (a, b) => a.add(b)], ['sub', (a, b) => a.sub(b)], ['mul', (a, b) => a.mul(b)],
      ['div', (a, b) => a.div(b)], ['maximum', (a, b) => a.maximum(b)], ['minimum', (a, b) => a.minimum(b)],
      ['lt', (a, b) => a.lt(b)], ['ge', (a, b) => a.ge(b)], ['eq', (a, b) => a.eq(b.round())],
    ];
    for (const n of SIZES) {
      const shapes: [number[], number[]][] = [
        [[n, 5], [n, 5]], [[n, 5], [5]], [[n, 5], [n, 1]], [[2, 3, n, 4], [1, 3, 1, 1]], [[n, 3], []], [[5], [n, 5]], [[n, 1], [1, 6]],
      ];
      for (const [op, f] of ops) {
        for (const [sa, sb] of shapes) agree(`${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`, f, [randn(...sa), randn(...sb).add(op === 'div' ? 3 : 0)]);
      }
      agree(`add transposed ${n}`, (a, b) => a.mT.add(b), [randn(4, n), randn(n, 4)]);
    }
  });

  test('unary ops, casts, where and reductions', () => {
    const unary: [string, (x: nb.Tensor) => nb.Tensor][] = [
      ['neg', (x) => x.neg()], ['abs', (x) => x.abs()], ['sqrt', (x) => x.abs().sqrt()], ['relu', (x) => x.relu()],
      ['square', (x) => x.square()], ['exp', (x) => x.exp()], ['log', (x) => x.abs().add(0.1).log()],
      ['tanh', (x) => x.tanh()], ['sigmoid', (x) => x.sigmoid()], ['reciprocal', (x) => x.add(5).reciprocal()],
      ['bool→float', (x) => x.gt(0).float()], ['int→float', (x) => x.mul(3).int().float()],
      ['where', (x) => nb.where(x.gt(0), x, x.mul(0.1))], ['where scalar', (x) => nb.where(x.gt(0), x, 0)],
    ];
    for (const n of SIZES) {
      for (const [op, f] of unary) agree(`${op} ${n}`, f, [randn(n, 3)]);
      agree(`relu nan ${n}`, (x) => x.div(x.mul(0)).relu(), [randn(n)]);
      for (const dims of [[-1], [0], [1], [0, 2], [1, 2], [0, 1]]) {
        agree(`sum ${n} ${dims}`, (x) => x.sum(dims), [randn(2, n, 5)], 1e-5);
      }
      agree(`max ${n}`, (x) => x.max(-1), [randn(3, n)]);
      agree(`mean of transposed ${n}`, (x) => x.mT.mean(-1), [randn(n, 6)]);
    }
  });

  test('convolution, unfold/fold and max pooling, forward and backward', () => {
    const grads = (opts: nb.Conv2dOptions) => (x: nb.Tensor, w: nb.Tensor): nb.Tensor => {
      const xx = x.detach().requiresGrad_();
      const ww = w.detach().requiresGrad_();
      const y = nb.conv2d(xx, ww, null, opts);
      y.square().sum().backward();
      return nb.cat([y.flatten(), xx.grad!.flatten(), ww.grad!.flatten()]);
    };
    agree('conv pad 1', grads({ padding: 1 }), [randn(2, 3, 9, 7), randn(4, 3, 3, 3)], 1e-4);
    agree('conv stride 2 dilation 2', grads({ stride: 2, dilation: 2 }), [randn(2, 3, 17, 11), randn(5, 3, 3, 3)], 1e-4);
    agree('conv groups', grads({ groups: 2, padding: [1, 0] }), [randn(1, 4, 6, 6), randn(6, 2, 3, 2)], 1e-4);
    agree('conv transposed input', (x, w) => nb.conv2d(x.transpose(-1, -2), w), [randn(1, 2, 7, 5), randn(3, 2, 2, 2)]);
    agree('maxpool', (x) => nb.maxPool2d(x, 2), [randn(2, 3, 8, 8)]);
    agree('maxpool pad/stride/ceil', (x) => nb.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [randn(1, 2, 17, 9)]);
    agree('maxpool backward', (x) => {
      const xx = x.detach().requiresGrad_();
      nb.maxPool2d(xx, 2).sum().backward();
      return xx.grad!;
    }, [randn(2, 3, 6, 6)]);
    agree('fold', (c) => nb.fold(c, [5, 5], 3, { padding: 1 }), [randn(2, 18, 25)]);
  });

  test('scatterAdd along the last dim (max-pool backward) and its bounds check', () => {
    const idx = nb.tensor([[0, 2, 2, 4], [1, 1, 0, 3]], { dtype: 'int32' });
    agree('scatterAdd last dim', (base, src) => base.scatterAdd(1, idx.to(base.backend), src), [randn(2, 5), randn(2, 4)]);
    const bad = nb.tensor([[0, 5]], { dtype: 'int32' }).to('wasm');
    assert.throws(() => nb.zeros([1, 5]).to('wasm').scatterAdd(1, bad, nb.ones([1, 2]).to('wasm')), /scatterAdd: index 5 is out of bounds for dim 1 with size 5/);
  });

  test('a tiny cache forces spills and the results stay identical', () => {
    const heap = wasmBackend().heap;
    const [limit, blocks] = [heap.limitBytes, heap.maxBlocks];
    const spills = heap.stats.spills;
    heap.limitBytes = 4096;
    heap.maxBlocks = 3;
    try {
      agree('conv train step under spills', (x, w) => {
        const xx = x.detach().requiresGrad_();
        const ww = w.detach().requiresGrad_();
        const y = nb.maxPool2d(nb.conv2d(xx, ww, null, { padding: 1 }).relu(), 2);
        y.logSoftmax(1).sum().backward();
        return nb.cat([y.flatten(), xx.grad!.flatten(), ww.grad!.flatten()]);
      }, [randn(2, 3, 8, 8), randn(4, 3, 3, 3)], 1e-4);
      agree('float64 and int32 under spills', (x) => nb.fold(nb.unfold(x.double(), 2), [4, 4], 2).add(x.int().double()), [randn(1, 2, 4, 4)]);
    } finally {
      heap.limitBytes = limit;
      heap.maxBlocks = blocks;
    }
    assert.ok(heap.stats.spills > spills + 10, 'expected the tiny cache to spill');
  });

  test('memory stays bounded in a synchronous training loop', () => {
    const heap = wasmBackend().heap;
    const limit = heap.limitBytes;
    heap.limitBytes = 8 * 2 ** 20;
    try {
      const w = nb.randn([64, 64], { generator: gen }).to('wasm').requiresGrad_();
      const x = nb.randn([128, 64], { generator: gen }).to('wasm');
      const step = (): void => {
        const loss = x.matmul(w).tanh().matmul(w).square().mean();
        w.grad = null;
        loss.backward();
        nb.noGrad(() => w.sub_(w.grad!.mul(1e-3)));
      };
      for (let i = 0; i < 200; i++) step();
      const before = heap.memoryBytes;
      for (let i = 0; i < 1000; i++) step();
      assert.ok(heap.memoryBytes <= before + 4 * 2 ** 20, `wasm memory grew from ${before} to ${heap.memoryBytes} bytes`);
      assert.ok(heap.residentBytes <= heap.limitBytes * 1.5, `resident ${heap.residentBytes} over the limit ${heap.limitBytes}`);
    } finally {
      heap.limitBytes = limit;
    }
  });
});

describe('wasm threads', { skip: !available && 'WebAssembly SIMD is not available' }, () => {
  test('results are bit-identical for 1, 2 and 3 threads', () => {
    const before = nb.getNumThreads();
    const g = new nb.Generator(5);
    const inputs = [nb.randn([70, 130], { generator: g }), nb.randn([130, 90], { generator: g }), nb.randn([6, 3, 19, 13], { generator: g }), nb.randn([8, 3, 3, 3], { generator: g })]
      .map((t) => t.to('wasm'));
    const run = (): number[][] => {
      const [a, b, x, w] = inputs.map((t) => t.detach().requiresGrad_());
      const y = nb.maxPool2d(nb.conv2d(x!, w!, null, { padding: 1 }), 2);
      const c = a!.matmul(b!);
      y.sum().add(c.square().sum()).backward();
      return [c, y, a!.grad!, b!.grad!, x!.grad!, w!.grad!].map((t) => Array.from(t.data()));
    };
    try {
      nb.setNumThreads(1);
      const one = run();
      for (const n of [2, 3]) {
        nb.setNumThreads(n);
        assert.equal(nb.getNumThreads(), n);
        assert.deepEqual(run(), one, `${n} threads differ from 1`);
      }
    } finally {
      nb.setNumThreads(before);
    }
  });

  test('setNumThreads rejects nonsense', () => {
    assert.throws(() => nb.setNumThreads(0), /setNumThreads: the number of threads must be an integer from 1 to 256, got 0/);
    assert.throws(() => nb.setNumThreads(1.5), /got 1.5/);
  });
});

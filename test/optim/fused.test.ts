// Fused optimizer kernels must be bit-identical to the composites they replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';

const hasWasm = nb.listBackends().includes('wasm');

test('adamMoments: the wasm kernel equals the composite bit for bit', { skip: !hasWasm && 'no wasm backend' }, () => {
  const g = new nb.Generator(9);
  for (const n of [1, 3, 17, 129, 1000]) {
    const [grad, mu, nu] = [nb.randn([n], { generator: g }), nb.randn([n], { generator: g }), nb.randn([n], { generator: g }).abs()];
    const s = { beta1: 0.9, beta2: 0.999, bc1: 1 - 0.9 ** 3, bc2Sqrt: Math.sqrt(1 - 0.999 ** 3), eps: 1e-8 };
    const ref = nb.adamMoments(grad.to('reference'), mu.to('reference'), nu.to('reference'), s);
    const fast = nb.adamMoments(grad.to('wasm'), mu.to('wasm'), nu.to('wasm'), s);
    for (const k of ['mu', 'nu', 'update'] as const) {
      assert.deepEqual(Array.from(fast[k].data()), Array.from(ref[k].data()), `${k} differs for n=${n}`);
    }
  }
});

test('Adam steps identically on the wasm (fused) and reference (composite) backends', { skip: !hasWasm && 'no wasm backend' }, () => {
  const run = (backend: string): number[] => {
    const g = new nb.Generator(3);
    const w = nb.randn([5, 40], { generator: g }).to(backend).requiresGrad_();
    const opt = new nb.optim.Adam([w], { lr: 0.01, weightDecay: 0.1 });
    for (let i = 0; i < 20; i++) {
      w.grad = nb.randn([5, 40], { generator: g }).to(backend);
      opt.step();
    }
    return Array.from(w.data());
  };
  assert.deepEqual(run('wasm'), run('reference'));
});

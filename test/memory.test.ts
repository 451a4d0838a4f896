/**
 * Memory: users never call dispose() or tidy(). Intermediates are garbage-collected and a graph
 * is released after backward(). Run under `node --expose-gc` (npm test does); without it these
 * tests are skipped with a message.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import * as nb from '../src/index.js';
import { makeMLP, type MLP } from './helpers.js';

const gc = (globalThis as { gc?: () => void }).gc;
const skip = gc ? false : 'globalThis.gc is not available: run node with --expose-gc (as `npm test` does)';

const MB = 1024 * 1024;

interface Mem {
  heap: number;
  /** C++-side memory, including every ArrayBuffer (tensor storage lives there). */
  external: number;
  arrayBuffers: number;
}

/** Memory after full collections (WeakRefs need a turn of the event loop to clear). */
async function settledMemory(): Promise<Mem> {
  for (let i = 0; i < 3; i++) {
    await tick();
    gc!();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 3; i++) {
    await tick();
    gc!();
  }
  return ref.deref() === undefined;
}

const fmt = (bytes: number): string => `${(bytes / MB).toFixed(2)} MB`;

/** A fresh regression batch per step: 16 inputs of 8 features, target sin(0.5 · Σ features). */
function batch(gen: nb.Generator): { x: nb.Tensor; y: nb.Tensor } {
  const x = nb.randn([16, 8], { generator: gen });
  return { x, y: nb.noGrad(() => x.sum(1, true).mul(0.5).sin()) };
}

/** One SGD step. With `keep`, the step's graph is deliberately retained (a simulated leak). */
function step(model: MLP, gen: nb.Generator, lr: number, keep?: nb.Tensor[]): number {
  const { x, y } = batch(gen);
  const loss = model.forward(x).sub(y).square().mean();
  loss.backward(undefined, { retainGraph: keep !== undefined });
  keep?.push(loss);
  nb.noGrad(() => {
    for (const p of model.params) {
      p.sub_(p.grad!.mul(lr));
      p.grad = null;
    }
  });
  return loss.item();
}

const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;

describe('memory', { skip }, () => {
  test('training an MLP 8→32→32→1 for 6,000 steps keeps heap and external memory flat', async (t) => {
    const WARMUP = 500;
    const STEPS = 6000;
    const LR = 0.05;
    const gen = new nb.Generator(2024);
    const model = makeMLP(gen);
    const losses: number[] = [];
    for (let i = 0; i < WARMUP; i++) losses.push(step(model, gen, LR));
    const before = await settledMemory();
    for (let i = WARMUP; i < STEPS; i++) losses.push(step(model, gen, LR));
    const after = await settledMemory();

    const heapGrowth = after.heap - before.heap;
    const externalGrowth = after.external - before.external;
    const bufferGrowth = after.arrayBuffers - before.arrayBuffers;

    // What leaking one step's graph per step would cost, measured on the same model: keep the
    // graphs of LEAK_STEPS steps alive (retainGraph + holding the loss) and see what they weigh.
    const LEAK_STEPS = 100;
    const kept: nb.Tensor[] = [];
    const base = await settledMemory();
    for (let i = 0; i < LEAK_STEPS; i++) step(model, gen, LR, kept);
    const leaked = await settledMemory();
    assert.equal(kept.length, LEAK_STEPS);
    const leakPerStep = (leaked.heap - base.heap + (leaked.external - base.external)) / LEAK_STEPS;
    const projectedLeak = leakPerStep * (STEPS - WARMUP);

    const HEAP_BOUND = 2 * MB;
    const EXTERNAL_BOUND = 2 * MB;
    const report =
      `heap ${fmt(before.heap)} → ${fmt(after.heap)} (+${fmt(heapGrowth)}), ` +
      `external ${fmt(before.external)} → ${fmt(after.external)} (+${fmt(externalGrowth)}), ` +
      `arrayBuffers +${fmt(bufferGrowth)}; a leaked graph costs ${(leakPerStep / 1024).toFixed(1)} KB/step, ` +
      `i.e. ${fmt(projectedLeak)} over ${STEPS - WARMUP} steps`;
    // The bounds must be far below what leaking the graph would cost, or the test proves nothing.
    assert.ok(leakPerStep > 8 * 1024, `calibration: a retained graph should weigh > 8 KB, ${report}`);
    assert.ok(HEAP_BOUND + EXTERNAL_BOUND < projectedLeak / 5, `calibration: bounds too loose, ${report}`);

    t.diagnostic(report);
    assert.ok(heapGrowth < HEAP_BOUND, `heap grew: ${report}`);
    assert.ok(externalGrowth < EXTERNAL_BOUND, `external memory grew: ${report}`);
    assert.ok(bufferGrowth < EXTERNAL_BOUND, `ArrayBuffer memory grew: ${report}`);

    // and it learned something
    const first = mean(losses.slice(0, 50));
    const last = mean(losses.slice(-50));
    assert.ok(losses.every(Number.isFinite), 'loss went non-finite');
    assert.ok(last < first / 3, `loss did not fall: first 50 steps ${first}, last 50 steps ${last}`);
    kept.length = 0;
  });

  test('backward() releases the graph even while the loss stays reachable', async () => {
    const build = (): { loss: nb.Tensor; hidden: WeakRef<nb.Tensor>; storage: WeakRef<object> } => {
      const w = nb.randn([64, 64], { generator: new nb.Generator(1), requiresGrad: true });
      const h = nb.randn([32, 64], { generator: new nb.Generator(2) }).matmul(w).tanh();
      const loss = h.square().mean();
      return { loss, hidden: new WeakRef(h), storage: new WeakRef(h.storage) };
    };
    // control: with retainGraph the intermediate stays alive through the loss's graph
    const retained = build();
    retained.loss.backward(undefined, { retainGraph: true });
    assert.equal(await isCollected(retained.hidden), false, 'retainGraph must keep the graph alive');
    assert.ok(retained.loss.gradFn !== null);

    const released = build();
    released.loss.backward();
    assert.equal(await isCollected(released.hidden), true, 'an intermediate outlived backward()');
    assert.equal(await isCollected(released.storage), true, 'an intermediate\'s storage outlived backward()');
    assert.ok(Number.isFinite(released.loss.item()), 'the loss itself is still usable');
  });

  test('an unused graph (forward only, never backward) is collected once dropped', async () => {
    const w = nb.randn([16, 16], { generator: new nb.Generator(3), requiresGrad: true });
    const refs = ((): WeakRef<nb.Tensor>[] => {
      const h = w.matmul(w).relu();
      const out = h.sum();
      return [new WeakRef(h), new WeakRef(out)];
    })();
    for (const r of refs) assert.equal(await isCollected(r), true);
    // and the leaf itself holds no reference to graphs built from it
    assert.equal(w.gradFn, null);
    assert.equal(w.grad, null);
  });

  test('.grad of a leaf is not kept alive by the graph it came from', async () => {
    const w = nb.ones([8], { requiresGrad: true });
    w.mul(2).sum().backward();
    const g = new WeakRef(w.grad!);
    w.grad = null;
    assert.equal(await isCollected(g), true);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nb from '../../src/index.js';
import { fit, type Logs } from '../../src/train/index.js';
import {
  Callback, EarlyStopping, ExplosionDetector, JsonLinesLogger, LambdaCallback, LRSchedulerCallback, ModelCheckpoint, ProgressBar,
  ReduceLROnPlateau, TerminateOnNaN,
} from '../../src/train/callbacks/index.js';
import { loadSafetensors } from '../../src/io/safetensors.js';
import { loadCheckpoint } from '../../src/io/checkpoint.js';
import { blobs, mlp, plainLoader, weights } from './helpers.js';

const { nn, optim } = nb;
const dir = mkdtempSync(join(tmpdir(), 'nabla-cb-'));

/** A callback that rewrites the epoch's val_loss from a script, to drive the monitors. */
class Script extends Callback {
  constructor(private readonly values: number[], private readonly key = 'val_loss') {
    super();
  }
  override onEpochEnd(epoch: number, logs: Logs): void {
    logs[this.key] = this.values[epoch]!;
  }
}

function setup(lr = 0.05): { m: nb.nn.Module; base: Parameters<typeof fit>[1] } {
  const { x, y } = blobs();
  const m = mlp(1, 0);
  return { m, base: { loss: new nn.CrossEntropyLoss(), optimizer: new optim.SGD(m.parameters(), { lr }), epochs: 10, trainLoader: plainLoader(x, y), valLoader: [[x, y]] } };
}

test('EarlyStopping stops after patience epochs without improvement and restores the best weights', async () => {
  const { m, base } = setup();
  let bestWeights: number[] = [];
  const snap = new LambdaCallback({ onEpochEnd: (e) => { if (e === 2) bestWeights = weights(m); } });
  const es = new EarlyStopping({ patience: 2, restoreBestWeights: true, minDelta: 0.01 });
  // best at epoch 3 (index 2); 0.995 is within minDelta of 1.0 → not an improvement
  const h = await fit(m, { ...base, callbacks: [new Script([3, 2, 1, 0.995, 1.5, 9]), snap, es] });
  assert.equal(h.epochs.length, 5);
  assert.equal(h.stopReason, 'early-stopping');
  assert.match(h.stopMessage, /val_loss has not improved for 2 epochs; best 1\.0000 at epoch 3/);
  assert.equal(es.bestEpoch, 3);
  assert.deepEqual(weights(m), bestWeights);
  await assert.rejects(fit(mlp(), { ...setup().base, valLoader: undefined, callbacks: [new EarlyStopping()] }), /'val_loss' is not in the epoch logs \(available: epoch, loss/);
});

test('EarlyStopping in max mode (auto for accuracy)', async () => {
  const { m, base } = setup();
  const es = new EarlyStopping({ monitor: 'val_accuracy', patience: 0 });
  assert.equal(es.mode, 'max');
  const h = await fit(m, { ...base, metrics: ['accuracy'], callbacks: [new Script([0.5, 0.7, 0.6], 'val_accuracy'), es] });
  assert.equal(h.epochs.length, 3);
});

test('ModelCheckpoint saves every N epochs, or the best only, full or weights only', async () => {
  const { m, base } = setup();
  const every = new ModelCheckpoint(join(dir, 'every', 'e{epoch}.safetensors'), { everyEpochs: 2 });
  const best = new ModelCheckpoint(join(dir, 'best', 'b{epoch}.safetensors'), { saveBestOnly: true, weightsOnly: true });
  await fit(m, { ...base, epochs: 5, callbacks: [new Script([5, 4, 6, 3, 7]), every, best] });
  assert.deepEqual(every.saved.map((p) => p.split('/').pop()), ['e2.safetensors', 'e4.safetensors']);
  assert.deepEqual(best.saved.map((p) => p.split('/').pop()), ['b1.safetensors', 'b2.safetensors', 'b4.safetensors']);
  const ck = await loadCheckpoint(every.saved[1]!);
  assert.equal(ck['epoch'], 4);
  assert.equal((ck['history'] as { epochs: unknown[] }).epochs.length, 4);
  const w = await loadSafetensors(best.saved[2]!);
  assert.deepEqual(Object.keys(w.tensors), Object.keys(m.stateDict()));
});

test('LRSchedulerCallback steps per epoch or per batch; fit({scheduler}) adds it', async () => {
  const { m, base } = setup(0.1);
  const opt = base.optimizer;
  const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });
  const h = await fit(m, { ...base, epochs: 3, scheduler: sched });
  assert.deepEqual(h.history['lr'], [0.1, 0.05, 0.025]);
  const { m: m2, base: b2 } = setup(0.1);
  const perBatch = new optim.lrScheduler.LinearLR(b2.optimizer, { startFactor: 1, endFactor: 0.5, totalIters: 6 });
  await fit(m2, { ...b2, epochs: 1, callbacks: [new LRSchedulerCallback(perBatch, { interval: 'batch' })] });
  assert.ok(Math.abs(b2.optimizer.paramGroups[0]!.lr - 0.05) < 1e-12);
});

test('ReduceLROnPlateau lowers the rate when the monitored value stalls', async () => {
  const { m, base } = setup(0.1);
  const h = await fit(m, { ...base, epochs: 5, callbacks: [new Script([1, 1, 1, 1, 1]), new ReduceLROnPlateau({ patience: 1, factor: 0.5 })] });
  // the lr logged for an epoch is the one it trained with; reductions after epochs 3 and 5
  assert.deepEqual(h.history['lr'], [0.1, 0.1, 0.1, 0.05, 0.05]);
  assert.equal(base.optimizer.paramGroups[0]!.lr, 0.025);
});

test('TerminateOnNaN stops at the first non-finite loss, naming epoch and batch', async () => {
  const { m, base } = setup();
  let n = 0; // loss calls: 6 training batches + 1 validation batch per epoch
  const loss = (o: nb.Tensor, t: nb.Tensor): nb.Tensor => (++n === 9 ? o.sum().mul(NaN) : new nn.CrossEntropyLoss().call(o, t));
  const h = await fit(m, { ...base, loss, callbacks: [new TerminateOnNaN()] });
  assert.equal(h.stopReason, 'non-finite-loss');
  assert.match(h.stopMessage, /the loss is NaN at epoch 2, batch 2 \(step 8\)/);
  assert.equal(h.epochs.length, 1);
});

test('ExplosionDetector stops when the loss exceeds 3× its initial value (deck 004)', async () => {
  const { m, base } = setup(30); // a learning rate that makes SGD explode
  const h = await fit(m, { ...base, callbacks: [new ExplosionDetector()] });
  assert.equal(h.stopReason, 'explosion');
  assert.match(h.stopMessage, /exceeds 3× the initial loss .*learning rate is probably too high/);
  const { m: ok, base: b2 } = setup(0.05);
  assert.equal((await fit(ok, { ...b2, epochs: 2, callbacks: [new ExplosionDetector()] })).stopReason, 'completed');
});

test('ProgressBar: plain lines when not a TTY, one redrawn line on a TTY', async () => {
  let plain = '';
  const { m, base } = setup();
  await fit(m, { ...base, epochs: 2, callbacks: [new ProgressBar({ stream: { write: (s: string) => (plain += s), isTTY: false }, intervalSeconds: 0 })] });
  assert.ok(!plain.includes('\r'));
  assert.match(plain, /^epoch 1\/2 batch 1\/6 {2}loss \d\.\d{4}/m);
  assert.match(plain, /^epoch 2\/2 {2}loss \d\.\d{4} {2}val_loss \d\.\d{4} {2}lr 0\.0500/m);
  let tty = '';
  await fit(m, { ...base, epochs: 1, callbacks: [new ProgressBar({ stream: { write: (s: string) => (tty += s), isTTY: true, columns: 200 }, refreshSeconds: 0 })] });
  assert.ok(tty.includes('\r\u001b[Kepoch 1/1 ['), tty);
  assert.match(tty, /epoch 1\/1 \[=+>?\.*\] 3\/6 {2}loss/);
  assert.match(tty, /epoch 1\/1 {2}loss .*\n$/);
});

test('JsonLinesLogger writes one JSON line per epoch (and per N batches) and an end line', async () => {
  const { m, base } = setup();
  const path = join(dir, 'log', 'metrics.jsonl');
  await fit(m, { ...base, epochs: 2, metrics: ['accuracy'], callbacks: [new JsonLinesLogger(path, { everyBatches: 3 })] });
  const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l['event']), ['batch', 'batch', 'epoch', 'batch', 'batch', 'epoch', 'end']);
  const e2 = lines[5]!;
  assert.equal(e2['epoch'], 2);
  assert.equal(e2['step'], 12);
  for (const k of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr', 'seconds', 'time']) assert.ok(k in e2, k);
  assert.equal(lines[6]!['stopReason'], 'completed');
  assert.ok(existsSync(path));
});

test('callbacks see the loop: hook order, trainer fields, stop()', async () => {
  const { m, base } = setup();
  const seen: string[] = [];
  class Spy extends Callback {
    override onTrainBegin(): void { seen.push(`train-begin epochs=${this.trainer.epochs} steps=${this.trainer.stepsPerEpoch}`); }
    override onEpochBegin(e: number): void { seen.push(`epoch-begin ${e}`); }
    override onBatchEnd(b: number, logs: Logs): void {
      if (b === 0) seen.push(`batch-end ${b} step=${logs['step']} size=${logs['size']}`);
      if (this.trainer.step === 8) this.trainer.stop('custom', 'enough');
    }
    override onEpochEnd(e: number): void { seen.push(`epoch-end ${e}`); }
    override async onTrainEnd(): Promise<void> { seen.push(`train-end ${this.trainer.history.stopReason}`); }
  }
  const h = await fit(m, { ...base, callbacks: [new Spy()] });
  assert.deepEqual(seen, [
    'train-begin epochs=10 steps=6', 'epoch-begin 0', 'batch-end 0 step=1 size=16', 'epoch-end 0', 'epoch-begin 1', 'batch-end 0 step=7 size=16', 'train-end custom',
  ]);
  assert.equal(h.stopMessage, 'enough');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { evaluate, fit, predict, trainStep, nextTick, History } from '../../src/train/index.js';
import { blobs, loader, mlp, plainLoader } from './helpers.js';

const { nn, optim } = nb;

test('trainStep: one zeroGrad/forward/backward/step; returns the loss, detached output and batch size', () => {
  const { x, y } = blobs();
  const m = mlp(1, 0);
  const opt = new optim.SGD(m.parameters(), { lr: 0.5 });
  const loss = new nn.CrossEntropyLoss();
  const before = loss.call(m.call(x), y).item();
  const r = trainStep(m, [x, y], { loss, optimizer: opt });
  assert.equal(r.batchSize, 96);
  assert.equal(r.output.requiresGrad, false);
  assert.ok(Math.abs(r.loss - before) < 1e-6);
  assert.ok(loss.call(m.call(x), y).item() < before);
  const fnLoss = (o: nb.Tensor, t: nb.Tensor): nb.Tensor => o.sub(nb.oneHot(t, 3).float()).square().mean();
  assert.ok(Number.isFinite(trainStep(m, [x, y], { loss: fnLoss, optimizer: opt }).loss));
  assert.throws(() => trainStep(m, [x] as never, { loss, optimizer: opt }), /expected a batch \[input, target\]/);
  assert.throws(() => trainStep(m, [x, y], { loss: (o) => o, optimizer: opt }), /expected a scalar loss, got shape \[96,3\]/);
});

test('fit learns a tiny problem: the loss falls, accuracy rises, history has every key', async () => {
  const { x, y } = blobs();
  const m = mlp();
  const h = await fit(m, {
    loss: new nn.CrossEntropyLoss(), optimizer: new optim.Adam(m.parameters(), { lr: 0.02 }), epochs: 8,
    trainLoader: loader(x, y), valLoader: [[x, y]], metrics: ['accuracy'],
  });
  assert.ok(h instanceof History);
  assert.equal(h.epochs.length, 8);
  assert.equal(h.stopReason, 'completed');
  const loss = h.history['loss']!;
  assert.ok(loss[7]! < loss[0]! * 0.5, `loss ${loss[0]} → ${loss[7]}`);
  assert.ok(h.last()!['val_accuracy']! > 0.9);
  assert.deepEqual(Object.keys(h.last()!), ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr', 'seconds']);
  assert.deepEqual(h.history['epoch'], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(h.best('val_loss')!.value, Math.min(...h.history['val_loss']!));
  assert.equal(m.training, true);
});

test('fit yields to the event loop between steps', async () => {
  const { x, y } = blobs();
  const m = mlp();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await fit(m, { loss: new nn.CrossEntropyLoss(), optimizer: new optim.SGD(m.parameters(), { lr: 0.1 }), epochs: 2, trainLoader: plainLoader(x, y) });
  clearInterval(timer);
  assert.ok(ticks >= 2, `timer ran ${ticks} times`);
});

test('evaluate and predict run in eval mode under noGrad, batched, and restore the mode', async () => {
  const { x, y } = blobs();
  const m = mlp(1, 0.9); // heavy dropout: eval mode must switch it off
  m.train();
  const full = nb.noGrad(() => { m.eval(); const o = m.call(x); m.train(); return o; });
  const p = await predict(m, x, { batchSize: 10 });
  assert.deepEqual(p.shape, [96, 3]);
  assert.deepEqual(Array.from(p.data()), Array.from(full.data()));
  assert.equal(p.requiresGrad, false);
  assert.equal(m.training, true);
  const fromLoader = await predict(m, [[x.narrow(0, 0, 50), y], [x.narrow(0, 50, 46), y]]);
  assert.deepEqual(Array.from(fromLoader.data()), Array.from(full.data()));
  const r = await evaluate(m, [[x.narrow(0, 0, 40), y.narrow(0, 0, 40)], [x.narrow(0, 40, 56), y.narrow(0, 40, 56)]], {
    loss: new nn.CrossEntropyLoss(), metrics: ['accuracy', 'nll'], prefix: 'test_',
  });
  const want = new nn.CrossEntropyLoss().call(full, y).item();
  assert.ok(Math.abs(r['test_loss']! - want) < 1e-5);
  assert.ok(Math.abs(r['test_nll']! - want) < 1e-5);
  assert.deepEqual(Object.keys(r), ['test_loss', 'test_accuracy', 'test_nll']);
  await nextTick();
});

test('fit validates its options with clear messages', async () => {
  const m = mlp();
  const { x, y } = blobs();
  const base = { loss: new nn.CrossEntropyLoss(), optimizer: new optim.SGD(m.parameters(), { lr: 0.1 }), epochs: 1, trainLoader: plainLoader(x, y) };
  await assert.rejects(fit(m, { ...base, epochs: -1 }), /fit: epochs must be an integer >= 0, got -1/);
  await assert.rejects(fit(m, { ...base, trainLoader: 5 as never }), /fit: trainLoader must be an iterable/);
  await assert.rejects(fit(m, { ...base, lr: 1 } as never), /fit: unknown option 'lr'/);
  await assert.rejects(fit(m, { ...base, metrics: ['f1'] }), /unknown metric "f1"/);
  await assert.rejects(fit(m, { ...base, trainLoader: [] }), /yielded no batches/);
});

test('diagnose (deck 003): explosion, slow training, underfitting, overfitting', async () => {
  const { diagnose } = await import('../../src/train/diagnose.js');
  const h = (epochs: Record<string, number>[], stopReason = 'completed'): History => History.fromJSON({ epochs, stopReason, stopMessage: '' });
  assert.match(diagnose(h([], 'explosion'))[0]!, /decrease the learning rate/);
  const flat = [1, 0.99, 0.985, 0.984, 0.984].map((loss, i) => ({ epoch: i + 1, loss }));
  assert.match(diagnose(h(flat)).join(), /fell only 1\.6% in 5 epochs: increase the learning rate/);
  assert.match(diagnose(h([{ epoch: 1, loss: 2, accuracy: 0.3 }])).join(), /underfitting/);
  assert.match(diagnose(h([{ epoch: 1, loss: 0.1, val_loss: 0.5 }])).join(), /overfitting/);
  assert.match(diagnose(h([{ epoch: 1, loss: 0.9, val_loss: 0.2 }])).join(), /division into training and validation/);
  assert.deepEqual(diagnose(h([{ epoch: 1, loss: 0.2, val_loss: 0.22, accuracy: 0.95 }])), []);
});

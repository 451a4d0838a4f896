import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nb from '../../src/index.js';
import { fit, type History } from '../../src/train/index.js';
import { type Callback, EarlyStopping, ExplosionDetector, LambdaCallback, ModelCheckpoint } from '../../src/train/callbacks/index.js';
import { blobs, loader, plainLoader, weights } from './helpers.js';

const { nn, optim } = nb;
const dir = mkdtempSync(join(tmpdir(), 'nabla-resume-'));
const EPOCHS = 4;

/** A model with dropout from the default generator and dropout with its own generator. */
function model(): nb.nn.Module {
  return new nn.Sequential(
    new nn.Linear(2, 16), new nn.ReLU(), new nn.Dropout(0.3),
    new nn.Linear(16, 16), new nn.Tanh(), new nn.Dropout({ p: 0.2, generator: new nb.Generator(11) }),
    new nn.Linear(16, 3),
  );
}

interface Run {
  m: nb.nn.Module;
  h: History;
}

/**
 * One run; `stopAt` aborts after that optimizer step (the run then resolves 'aborted' with its
 * checkpoint written); `resume` continues from a checkpoint in a "fresh process": new objects and
 * a re-seeded default generator.
 */
async function run(kind: 'loader' | 'plain', opts: { stopAt?: number; resume?: string; ckpt?: string; extra?: Callback[] } = {}): Promise<Run> {
  nb.manualSeed(opts.resume ? 12345 : 0); // the resumed run must not depend on the process's generator
  const { x, y } = blobs();
  const m = model();
  const optimizer = new optim.Adam(m.parameters(), { lr: 0.02 });
  const scheduler = new optim.lrScheduler.StepLR(optimizer, { stepSize: 1, gamma: 0.7 });
  const controller = new AbortController();
  const callbacks = [
    new EarlyStopping({ patience: 100 }),
    new ExplosionDetector({ factor: 100 }),
    new LambdaCallback({ onBatchEnd: () => { if (opts.stopAt !== undefined && stepCount() === opts.stopAt) controller.abort(); } }),
    ...(opts.extra ?? []),
  ];
  let steps = 0;
  const stepCount = (): number => ++steps + (resumedFrom ?? 0);
  let resumedFrom: number | undefined;
  const h = await fit(m, {
    loss: new nn.CrossEntropyLoss(), optimizer, scheduler, epochs: EPOCHS, metrics: ['accuracy'],
    trainLoader: kind === 'loader' ? loader(x, y, 5, 20) : plainLoader(x, y, 5, 20),
    valLoader: [[x, y]], callbacks, signal: controller.signal, checkpointPath: opts.ckpt, resume: opts.resume,
  });
  return { m, h };
}

function strip(h: History): Record<string, number>[] {
  return h.epochs.map(({ seconds: _s, ...rest }) => rest);
}

for (const kind of ['loader', 'plain'] as const) {
  test(`${kind}: stopping mid-epoch (AbortSignal) and resuming gives bit-identical weights and history`, async () => {
    const straight = await run(kind);
    assert.equal(straight.h.stopReason, 'completed');
    const ckpt = join(dir, `${kind}-mid.safetensors`);
    // 5 batches per epoch: step 8 is the 3rd batch of epoch 2
    const first = await run(kind, { stopAt: 8, ckpt });
    assert.equal(first.h.stopReason, 'aborted');
    assert.match(first.h.stopMessage, /interrupted at epoch 2, batch 3 \(step 8\); checkpoint saved to/);
    assert.equal(first.h.epochs.length, 1);
    const second = await run(kind, { resume: ckpt });
    assert.equal(second.h.stopReason, 'completed');
    assert.deepEqual(weights(second.m), weights(straight.m));
    assert.deepEqual(strip(second.h), strip(straight.h));
  });
}

test('resuming from an end-of-epoch checkpoint (ModelCheckpoint) and twice in a row is exact too', async () => {
  const straight = await run('loader');
  const every = join(dir, 'ep{epoch}.safetensors');
  await run('loader', { extra: [new ModelCheckpoint(every, { everyEpochs: 1 })] });
  const fromEpoch2 = await run('loader', { resume: join(dir, 'ep2.safetensors'), extra: [new ModelCheckpoint(join(dir, 'again{epoch}.safetensors'))] });
  assert.deepEqual(weights(fromEpoch2.m), weights(straight.m));
  // interrupt, resume and interrupt again, resume again
  const ck = join(dir, 'twice.safetensors');
  await run('plain', { stopAt: 3, ckpt: ck });
  const mid = await run('plain', { stopAt: 13, ckpt: ck, resume: ck });
  assert.equal(mid.h.stopReason, 'aborted');
  const last = await run('plain', { resume: ck });
  assert.deepEqual(weights(last.m), weights((await run('plain')).m));
});

test('resume refuses a checkpoint that does not fit the model, optimizer or callbacks', async () => {
  const ck = join(dir, 'fit.safetensors');
  await run('loader', { stopAt: 2, ckpt: ck });
  const { x, y } = blobs();
  const other = new nn.Sequential(new nn.Linear(2, 3));
  await assert.rejects(
    fit(other, { loss: new nn.CrossEntropyLoss(), optimizer: new optim.Adam(other.parameters()), epochs: 2, trainLoader: loader(x, y), resume: ck }),
    /fit: resume from .*fit\.safetensors: the model does not match the checkpoint: .*size mismatch for '0\.weight'/,
  );
  const m = model();
  await assert.rejects(
    fit(m, { loss: new nn.CrossEntropyLoss(), optimizer: new optim.Adam(m.parameters()), epochs: 2, trainLoader: loader(x, y), resume: ck }),
    /holds the state of a LRSchedulerCallback callback, but this fit has none/,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nb from '../../src/index.js';
import { buildLayer, describeLayer, registerLayer } from '../../src/io/layers.js';
import { loadModel, saveModel } from '../../src/io/model.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/io/checkpoint.js';

const { nn } = nb;
const dir = mkdtempSync(join(tmpdir(), 'nabla-model-'));

function sample(): nb.nn.Module {
  return new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 'same' }),
    new nn.BatchNorm2d(4),
    new nn.LeakyReLU({ negativeSlope: 0.2 }),
    new nn.Residual(new nn.Sequential(new nn.Conv2d(4, 4, 3, { padding: 1, bias: false }), new nn.GELU({ approximate: 'tanh' }))),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Dropout(0.3),
    new nn.Linear(4 * 3 * 3, 5),
    new nn.PReLU(),
  );
}

test('saveModel / loadModel rebuild the same network with the same weights and outputs', async () => {
  nb.manualSeed(3);
  const m = sample();
  m.train();
  m.call(nb.randn([4, 1, 6, 6])); // move the batch-norm statistics away from their init
  m.eval();
  const x = nb.randn([2, 1, 6, 6]);
  const y = m.call(x);
  await saveModel(m, join(dir, 'm1'), { metadata: { classes: 5 } });
  nb.manualSeed(99);
  const back = await loadModel(join(dir, 'm1'));
  back.eval();
  assert.deepEqual(Array.from(back.call(x).data()), Array.from(y.data()));
  assert.equal(String(back), String(m));
  assert.deepEqual(describeLayer(back), describeLayer(m));
});

test('layer specs: defaults fill in, unknown keys and types are errors naming the path', () => {
  const m = buildLayer([{ type: 'Linear', inFeatures: 3, outFeatures: 2 }, { type: 'Tanh' }]);
  assert.deepEqual(describeLayer(m), {
    type: 'Sequential',
    layers: [{ type: 'Linear', inFeatures: 3, outFeatures: 2, bias: true, dtype: 'float32' }, { type: 'Tanh' }],
  });
  assert.throws(() => buildLayer([{ type: 'Linear', inFeatures: 3, outFeatures: 2, biass: false }]), /model\.layers\[0\] \(Linear\): Linear: unknown option 'biass'/);
  assert.throws(() => buildLayer([{ type: 'Lineer' }]), /model\.layers\[0\]: unknown layer type 'Lineer' \(known: .*Linear/);
  assert.throws(() => buildLayer({ type: 'Conv2d', inChannels: 1, outChannels: 2 }), /model \(Conv2d\): Conv2d: kernelSize must be/);
  assert.throws(() => buildLayer({ type: 'ReLU', inplace: true }), /ReLU: unknown option 'inplace'/);
});

test('an unregistered layer class cannot be saved; registerLayer makes it work', async () => {
  class Scale extends nn.Module {
    readonly config: { factor: number };
    constructor(factor: number) {
      super();
      this.config = { factor };
    }
    static fromConfig(c: { factor: number }): Scale {
      return new Scale(c.factor);
    }
    forward(x: nb.Tensor): nb.Tensor {
      return x.mul(this.config.factor);
    }
  }
  const m = new nn.Sequential(new Scale(2));
  await assert.rejects(saveModel(m, join(dir, 'm2')), /model\.0: cannot describe a Scale — register its class/);
  registerLayer(Scale);
  await saveModel(m, join(dir, 'm2'));
  const back = await loadModel(join(dir, 'm2'));
  assert.equal(back.call(nb.tensor([1.5])).item(), 3);
});

test('loadModel errors name the file: bad JSON, wrong weights', async () => {
  const d = join(dir, 'm3');
  await saveModel(new nn.Sequential(new nn.Linear(2, 2)), d);
  writeFileSync(join(d, 'model.json'), '{"format": "nabla.model", "version": 1, "model": {"type": "Sequential", "layers": [{"type": "Linear", "inFeatures": 2, "outFeatures": 3}]}}');
  await assert.rejects(loadModel(d), /model\.safetensors does not match model\.json: .*size mismatch for '0\.weight'/);
  writeFileSync(join(d, 'model.json'), '{"format": ');
  await assert.rejects(loadModel(d), /model\.json is not valid JSON/);
});

test('checkpoints keep tensors, plain data, NaN/Infinity and optimizer state exactly', async () => {
  const p = nb.randn([3, 2]);
  const opt = new nb.optim.Adam([p], { lr: 0.1 });
  p.grad = nb.randn([3, 2]);
  opt.step();
  const path = join(dir, 'ck.safetensors');
  await saveCheckpoint(path, { a: 1, nan: NaN, inf: -Infinity, list: [nb.tensor([1, 2]), 'x'], opt: opt.stateDict(), nested: { t: nb.tensor([true]) } });
  const back = await loadCheckpoint(path);
  assert.equal(back['a'], 1);
  assert.ok(Number.isNaN(back['nan']));
  assert.equal(back['inf'], -Infinity);
  const list = back['list'] as [nb.Tensor, string];
  assert.deepEqual(Array.from(list[0].data()), [1, 2]);
  assert.equal(list[1], 'x');
  const opt2 = new nb.optim.Adam([nb.zeros([3, 2])], { lr: 0.5 });
  opt2.loadStateDict(back['opt'] as never);
  assert.deepEqual(JSON.stringify(opt2.stateDict()), JSON.stringify(opt.stateDict()));
  await assert.rejects(loadCheckpoint(join(dir, 'm3', 'model.safetensors')), /is a safetensors file but not a nabla checkpoint/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/cli/config.js';
import { applySet } from '../../src/cli/schema.js';
import { parseArgs } from '../../src/cli/main.js';
import { buildModel } from '../../src/cli/model.js';
import { describeLayer } from '../../src/io/layers.js';

const base = (): Record<string, unknown> => ({
  model: { preset: 'mlp' },
  data: { source: 'digits' },
  train: { epochs: 2 },
});

function rejects(change: (c: Record<string, unknown>) => void, message: RegExp): void {
  const c = base();
  change(c);
  assert.throws(() => resolveConfig(c), message);
}

test('defaults are filled in', () => {
  const c = resolveConfig(base(), 'x');
  assert.equal(c.name, 'x');
  assert.equal(c.seed, 0);
  assert.equal(c.train.batchSize, 64);
  assert.equal(c.data.validation, 0.1);
  assert.equal(c.data.task, 'classification');
  assert.deepEqual(c.optimizer, { type: 'Adam', lr: 0.001 });
  assert.equal(c.callbacks.terminateOnNaN, true);
  assert.equal(c.callbacks.explosion, true);
});

test('unknown keys, wrong types and impossible values name the key path and what was expected', () => {
  rejects((c) => (c['trian'] = {}), /trian: unknown key \(known: name, seed, out, model, data/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['sourc'] = 'x'), /data\.sourc: unknown key \(known: source, task/);
  rejects((c) => ((c['train'] as Record<string, unknown>)['epochs'] = 0), /train\.epochs: expected an integer >= 1, got 0$/);
  rejects((c) => ((c['train'] as Record<string, unknown>)['epochs'] = '3'), /train\.epochs: expected an integer >= 1, got "3"$/);
  rejects((c) => ((c['train'] as Record<string, unknown>)['batchSize'] = 2.5), /train\.batchSize: expected an integer >= 1, got 2\.5$/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['validation'] = 1), /data\.validation: expected a number >= 0 and < 1, got 1$/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['source'] = 'imagenet'), /data\.source: expected one of "digits", "mnist", "uci", "csv", got "imagenet"$/);
  rejects((c) => delete c['train'], /train: required/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['source'] = 'mnist'), /data\.dir: required when source is 'mnist'/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['dir'] = 'x'), /data\.dir: not used by source 'digits'/);
  rejects((c) => (c['model'] = { preset: 'vgg' }), /model\.preset: expected one of "mlp", "lenet", "small-resnet", got "vgg"$/);
  rejects((c) => (c['model'] = []), /model: expected a list of layer specs or \{preset/);
  rejects((c) => (c['optimizer'] = { lr: 1 }), /optimizer: expected an optimizer spec with a "type"/);
  rejects((c) => ((c['callbacks'] = { earlyStopping: { patience: -1 } })), /callbacks\.earlyStopping\.patience: expected an integer >= 0, got -1$/);
  rejects((c) => ((c['callbacks'] = { reduceLROnPlateau: true }), (c['schedule'] = { type: 'StepLR', stepSize: 1 })), /callbacks\.reduceLROnPlateau: cannot be combined with a schedule/);
  rejects((c) => ((c['data'] as Record<string, unknown>)['preprocessing'] = { target: 'standardize' }), /data\.preprocessing\.target: only regression targets/);
  rejects((c) => (c['schedule'] = { type: 'StepLR', interval: 'step' }), /schedule\.interval: expected "epoch" or "batch"/);
});

test('--set overrides nested keys, parses JSON values, indexes lists, and is validated like the file', () => {
  const c = base();
  applySet(c, 'train.epochs=7');
  applySet(c, 'data.preprocessing.inputs=standardize');
  applySet(c, 'optimizer={"type": "SGD", "lr": 0.1, "momentum": 0.9}');
  applySet(c, 'optimizer.lr=0.05');
  applySet(c, 'seed=3');
  const r = resolveConfig(c);
  assert.equal(r.train.epochs, 7);
  assert.equal(r.data.preprocessing.inputs, 'standardize');
  assert.deepEqual(r.optimizer, { type: 'SGD', lr: 0.05, momentum: 0.9 });
  const l = { model: [{ type: 'Linear', outFeatures: 3 }] };
  applySet(l, 'model.0.outFeatures=5');
  applySet(l, 'model[0].bias=false');
  assert.deepEqual(l.model[0], { type: 'Linear', outFeatures: 5, bias: false });
  assert.throws(() => applySet(l, 'model.3.x=1'), /index 3 is out of range for a list of 1/);
  assert.throws(() => applySet(l, 'nokey'), /expected key\.path=value/);
  const bad = base();
  applySet(bad, 'train.epochz=3');
  assert.throws(() => resolveConfig(bad), /train\.epochz: unknown key/);
});

test('argument parsing', () => {
  const p = parseArgs(['train', 'c.json', '--out', 'd', '--set', 'a=1', '--set=b=2']);
  assert.equal(p.command, 'train');
  assert.deepEqual(p.positional, ['c.json']);
  assert.deepEqual(p.flags.get('--set'), ['a=1', 'b=2']);
  assert.throws(() => parseArgs(['train', '--outt', 'x']), /unknown option --outt/);
  assert.throws(() => parseArgs(['train', '--out']), /--out needs a value/);
});

test('model specs: sizes are inferred from the data, presets build, bad layers name their path', () => {
  const { model, outputShape } = buildModel([
    { type: 'Conv2d', outChannels: 4, kernelSize: 3, padding: 1 }, { type: 'BatchNorm2d' }, { type: 'ReLU' },
    { type: 'Flatten' }, { type: 'Linear', outFeatures: 'outputs' },
  ], [1, 8, 8], 10);
  assert.deepEqual(outputShape, [10]);
  const spec = describeLayer(model) as unknown as { layers: Record<string, unknown>[] };
  assert.equal(spec.layers[0]!['inChannels'], 1);
  assert.equal(spec.layers[1]!['numFeatures'], 4);
  assert.equal(spec.layers[4]!['inFeatures'], 256);
  for (const preset of ['mlp', 'lenet', 'small-resnet'] as const) {
    assert.deepEqual(buildModel({ preset }, [1, 8, 8], 10).outputShape, [10], preset);
  }
  assert.deepEqual(buildModel({ preset: 'mlp', hidden: [8, 8], dropout: 0.1, batchNorm: true }, [13], 1).outputShape, [1]);
  assert.throws(() => buildModel({ preset: 'lenet' }, [13], 1), /model\.preset: 'lenet' needs images/);
  assert.throws(() => buildModel({ preset: 'mlp', channels: [3] } as never, [13], 1), /model\.channels: not an option of preset 'mlp'/);
  assert.throws(() => buildModel([{ type: 'Conv2d', outChannels: 4, kernelSize: 3, padding: 1, stide: 2 }], [1, 8, 8], 10), /model\[0\] \(Conv2d\): Conv2d: unknown option 'stide'/);
  assert.throws(() => buildModel([{ type: 'Flatten' }, { type: 'Linear', inFeatures: 3, outFeatures: 2 }], [1, 8, 8], 10), /model\[1\]: does not accept inputs of shape \[64\]: Linear: expected input with last dim 3/);
});

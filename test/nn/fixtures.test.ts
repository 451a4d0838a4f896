/**
 * Every case of test/fixtures/torch/nn.json (made by tools/gen_nn_fixtures.py with PyTorch):
 * the layer is built from its spec, loads PyTorch's state dict (keys in camelCase) strictly, and
 * must reproduce the outputs, input gradients, parameter gradients and buffers in train and eval
 * mode, and the running statistics after five training batches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import {
  assertTensorClose, buildLayer, loadNnFixtures, stateFromJson, tensorFromJson, tolFor,
  type ForwardCase, type ModeJson, type StepsCase,
} from './helpers.js';

const fixtures = loadNnFixtures();

test('nn fixtures: ids are unique and every kind is known', () => {
  const ids = fixtures.cases.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of fixtures.cases) assert.ok(c.kind === 'forward' || c.kind === 'steps', c.id);
});

function runMode(c: ForwardCase, mode: 'train' | 'eval'): void {
  const expected: ModeJson = c[mode];
  const layer = buildLayer(c.layer);
  const res = layer.loadStateDict(stateFromJson(c.state));
  assert.deepEqual(res, { missingKeys: [], unexpectedKeys: [] });
  if (mode === 'train') layer.train();
  else layer.eval();
  const x = tensorFromJson(c.input).requiresGrad_(true);
  const tol = tolFor(c.input.dtype);
  const out = layer.call(x);
  assertTensorClose(out, expected.output, tol, `${c.id} ${mode} output`);
  out.backward(tensorFromJson(c.gradOutput));
  assertTensorClose(x.grad, expected.gradInput, tol, `${c.id} ${mode} gradInput`);
  const params = Object.fromEntries(layer.namedParameters());
  assert.deepEqual(Object.keys(params).sort(), Object.keys(expected.grads).sort(), `${c.id}: parameter names`);
  for (const [name, g] of Object.entries(expected.grads)) assertTensorClose(params[name]!.grad, g, tol, `${c.id} ${mode} grad ${name}`);
  const bufs = Object.fromEntries(layer.namedBuffers());
  assert.deepEqual(Object.keys(bufs).sort(), Object.keys(expected.state).sort(), `${c.id}: buffer names`);
  for (const [name, b] of Object.entries(expected.state)) assertTensorClose(bufs[name], b, tol, `${c.id} ${mode} buffer ${name}`);
}

function runSteps(c: StepsCase): void {
  const layer = buildLayer(c.layer);
  layer.loadStateDict(stateFromJson(c.state));
  layer.train();
  const tol = tolFor('float64');
  nb.noGrad(() => {
    for (const b of c.batches) layer.call(tensorFromJson(b));
  });
  const bufs = Object.fromEntries(layer.namedBuffers());
  assert.deepEqual(Object.keys(bufs).sort(), Object.keys(c.stateAfter).sort());
  for (const [name, b] of Object.entries(c.stateAfter)) assertTensorClose(bufs[name], b, tol, `${c.id} ${name} after ${c.batches.length} steps`);
  layer.eval();
  assertTensorClose(layer.call(tensorFromJson(c.evalInput)), c.evalOutput, tol, `${c.id} eval output after training`);
}

for (const c of fixtures.cases) {
  if (c.kind === 'forward') {
    test(`nn fixture ${c.id}: train mode`, () => runMode(c, 'train'));
    test(`nn fixture ${c.id}: eval mode`, () => runMode(c, 'eval'));
  } else {
    test(`nn fixture ${c.id}: running statistics`, () => runSteps(c));
  }
}

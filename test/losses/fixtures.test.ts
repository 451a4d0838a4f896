/** Every loss case of test/fixtures/torch/losses.json: forward values and input gradients vs PyTorch. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCases, runCase } from './fixtures.js';

const cases = loadCases().filter((c) => c.kind === 'loss');

describe('loss fixtures (PyTorch 1.13)', () => {
  test('cover every loss module', () => {
    const modules = new Set(cases.map((c) => c.module));
    const expected = [
      'MSELoss', 'L1Loss', 'HuberLoss', 'BCELoss', 'BCEWithLogitsLoss', 'CrossEntropyLoss', 'NLLLoss', 'SoftMarginLoss',
      'GaussianNLLLoss', 'LaplaceNLLLoss', 'MixtureDensityNLLLoss',
    ];
    assert.deepEqual([...modules].sort(), [...expected].sort());
  });
  for (const c of cases) test(c.id, () => runCase(c));
});

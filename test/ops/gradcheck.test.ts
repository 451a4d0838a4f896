/** nb.gradcheck (float64 central differences vs backward) for every differentiable table entry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { OPS } from './op-table.js';

test('gradcheck: every differentiable entry has gradcheck inputs; others have sample inputs', () => {
  const noGradcheck = Object.entries(OPS).filter(([, e]) => e.differentiable && !e.gradcheck).map(([n]) => n);
  const noSample = Object.entries(OPS).filter(([, e]) => !e.differentiable && !e.sample).map(([n]) => n);
  assert.deepEqual(noGradcheck, [], `differentiable entries without gradcheck: ${noGradcheck.join(', ')}`);
  assert.deepEqual(noSample, [], `non-differentiable entries without sample: ${noSample.join(', ')}`);
});

for (const [name, entry] of Object.entries(OPS)) {
  const spec = entry.gradcheck;
  if (!entry.differentiable || !spec) continue;
  test(`gradcheck ${name}`, () => {
    const inputs = spec.inputs();
    for (const [i, t] of inputs.entries()) {
      assert.ok(t.numel() <= 30, `${name}: gradcheck input ${i} has ${t.numel()} elements; keep it <= 30`);
      if (t.requiresGrad) assert.equal(t.dtype, 'float64', `${name}: gradcheck input ${i} must be float64`);
    }
    assert.ok(inputs.some((t) => t.requiresGrad), `${name}: no gradcheck input requires grad`);
    const args = spec.args ?? {};
    const fn = (...xs: Tensor[]): Tensor | Tensor[] => entry.run(spec.view ? spec.view(xs) : xs, args);
    const options: nb.GradcheckOptions = {};
    if (spec.eps !== undefined) options.eps = spec.eps;
    if (spec.atol !== undefined) options.atol = spec.atol;
    if (spec.rtol !== undefined) options.rtol = spec.rtol;
    assert.equal(nb.gradcheck(fn, inputs, options), true);
  });
}

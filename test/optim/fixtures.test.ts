/**
 * Every optimizer case of test/fixtures/torch/optim.json: nabla's parameter trajectory over 30
 * steps on the fixed MLP problem matches PyTorch's (float64) to 1e-10 relative.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXTURES, flatValues, initialParams, makeOptimizer, trainStep } from './problem.js';

const RTOL = 1e-10;
const ATOL = 1e-13;

function assertTrajectoryClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const err = Math.abs(a - e);
    if (!(err <= ATOL + RTOL * Math.abs(e))) assert.fail(`${what}: element ${i} is ${a}, PyTorch has ${e} (relative error ${(err / Math.abs(e)).toExponential(2)})`);
  }
}

test('the fixture covers every optimizer with 30 steps', () => {
  assert.equal(FIXTURES.steps, 30);
  const names = new Set(FIXTURES.optimizers.map((c) => c.optimizer));
  assert.deepEqual([...names].sort(), ['Adadelta', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'NAdam', 'RMSprop', 'SGD']);
});

for (const c of FIXTURES.optimizers) {
  test(`${c.id} matches PyTorch's trajectory (${JSON.stringify(c.options)}${c.groups ? `, groups ${JSON.stringify(c.groups)}` : ''})`, () => {
    const params = initialParams();
    const opt = makeOptimizer(c, params);
    c.trajectory.forEach((expected, k) => {
      const loss = trainStep(opt, params, c.sign);
      assert.ok(Math.abs(loss - c.losses[k]!) <= 1e-10 * Math.abs(c.losses[k]!), `${c.id} step ${k + 1}: loss ${loss} vs ${c.losses[k]}`);
      assertTrajectoryClose(flatValues(params), expected, `${c.id} after step ${k + 1}`);
    });
  });
}

/**
 * Every case of test/fixtures/torch/ops.json (PyTorch reference values) through the op table:
 * forward outputs, then gradients of each leaf for the fixture's gradOutput(s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPS } from './op-table.js';
import { loadFixtures, runCase } from './compare.js';

const fixtures = loadFixtures();

test('fixtures: every fixture op has a table entry', () => {
  const missing = [...new Set(fixtures.cases.map((c) => c.op))].filter((op) => !(op in OPS));
  assert.deepEqual(missing, [], `fixture ops without an entry in test/ops/op-table.ts: ${missing.join(', ')}`);
});

test('fixtures: every table entry has at least one fixture case', () => {
  const covered = new Set(fixtures.cases.map((c) => c.op));
  const missing = Object.keys(OPS).filter((op) => !covered.has(op));
  assert.deepEqual(missing, [], `table entries without a case in test/fixtures/torch/ops.json: ${missing.join(', ')}`);
});

test('fixtures: case ids are unique', () => {
  const seen = new Set<string>();
  const dup = fixtures.cases.map((c) => c.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  assert.deepEqual(dup, []);
});

for (const c of fixtures.cases) {
  test(c.id, () => runCase(c));
}

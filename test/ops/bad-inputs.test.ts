/** Every badInputs case of the op table throws an Error whose message names the op and the problem. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPS } from './op-table.js';

test('bad inputs: every entry has at least one case', () => {
  const none = Object.entries(OPS).filter(([, e]) => e.badInputs.length === 0).map(([n]) => n);
  assert.deepEqual(none, [], `entries without badInputs: ${none.join(', ')}`);
});

for (const [name, entry] of Object.entries(OPS)) {
  for (const b of entry.badInputs) {
    test(`bad input ${name}: ${b.name}`, () => {
      let error: unknown = undefined;
      let threw = false;
      try {
        b.call();
      } catch (e) {
        threw = true;
        error = e;
      }
      assert.ok(threw, `${name} (${b.name}) did not throw`);
      assert.ok(error instanceof Error, `${name} (${b.name}) threw a non-Error: ${String(error)}`);
      assert.match(error.message, b.message, `${name} (${b.name}): message does not name the op and the problem`);
    });
  }
}

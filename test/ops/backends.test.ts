/**
 * Every table entry's gradcheck (or sample) inputs, run forward and backward on every registered
 * backend, must match the reference backend. With only the reference backend registered this
 * still runs and checks determinism: two runs give bit-identical outputs and gradients.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { OPS, inputSpec, tolFor, type OpEntry } from './op-table.js';
import { assertArraysClose, valuesOf } from './compare.js';

interface Run {
  /** Output values, then each grad-requiring leaf's gradient, as plain numbers. */
  parts: { what: string; dtype: string; values: number[]; backend: string }[];
}

/** Builds the inputs on `backend` and runs forward (and backward for differentiable entries). */
function runOn(backend: string, entry: OpEntry): Run {
  const previous = nb.getBackend().name;
  nb.setBackend(backend);
  try {
    const spec = inputSpec(entry)!;
    const leaves = spec.inputs();
    const xs = spec.view ? spec.view(leaves) : leaves;
    const result = entry.run(xs, spec.args ?? {});
    const outs = Array.isArray(result) ? result : [result];
    const parts: Run['parts'] = outs.map((o, k) => ({ what: `output ${k}`, dtype: o.dtype, values: valuesOf(o), backend: o.backend }));
    if (entry.differentiable) {
      // a fixed pseudo-random gradOutput per output, identical on every backend
      const gen = new nb.Generator(7);
      const terms = outs.map((o) => o.mul(nb.randn(o.shape, { dtype: 'float64', generator: gen }).to(o.dtype)).sum());
      const loss = terms.reduce((a: Tensor, b: Tensor) => a.add(b));
      loss.backward();
      leaves.forEach((l, i) => {
        if (!l.requiresGrad) return;
        const g = l.grad ?? nb.zerosLike(l);
        parts.push({ what: `grad of input ${i}`, dtype: g.dtype, values: valuesOf(g), backend: g.backend });
      });
    }
    return { parts };
  } finally {
    nb.setBackend(previous);
  }
}

const backends = nb.listBackends();

test('backends: the reference backend is registered', () => {
  assert.ok(backends.includes('reference'), `registered backends: ${backends.join(', ')}`);
});

for (const [name, entry] of Object.entries(OPS)) {
  if (!inputSpec(entry)) continue;
  test(`backends ${name}`, () => {
    const ref = runOn('reference', entry);
    const again = runOn('reference', entry);
    ref.parts.forEach((p, k) => assertArraysClose(again.parts[k]!.values, p.values, null, `${name} ${p.what} (reference, run twice)`));
    for (const b of backends) {
      if (b === 'reference') continue;
      const got = runOn(b, entry);
      assert.equal(got.parts.length, ref.parts.length, `${name} on '${b}': number of results`);
      got.parts.forEach((p, k) => {
        const want = ref.parts[k]!;
        assert.equal(p.backend, b, `${name} ${p.what}: computed on '${p.backend}', expected '${b}'`);
        assert.equal(p.dtype, want.dtype, `${name} ${p.what} on '${b}': dtype`);
        const exact = p.dtype === 'int32' || p.dtype === 'bool';
        assertArraysClose(p.values, want.values, exact ? null : tolFor(entry, p.dtype), `${name} ${p.what} on '${b}' vs reference`);
      });
    }
  });
}

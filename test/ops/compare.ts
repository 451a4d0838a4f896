/** Reading the PyTorch fixtures and comparing tensors with tolerances and NaN/Inf equality. */
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { OPS, tolFor, type Tol } from './op-table.js';

import { parseNumber, readFixture, tensorFromJson, type JsonNumber, type TensorJson } from '../torch-json.js';

export { parseNumber, tensorFromJson, type JsonNumber, type TensorJson };
export type Step =
  | { op: 'mT' }
  | { op: 'expand'; shape: number[] }
  | { op: 'slice'; dim: number; start?: number | null; end?: number | null; step?: number | null };
export interface InputJson extends TensorJson {
  requiresGrad: boolean;
  transform?: Step[];
}
export interface FixtureCase {
  id: string;
  op: string;
  inputs: InputJson[];
  args: Record<string, unknown>;
  output?: TensorJson;
  outputs?: TensorJson[];
  gradOutput?: TensorJson;
  gradOutputs?: TensorJson[];
  grads?: (TensorJson | null)[];
}
export interface FixtureFile {
  torch_version?: string;
  cases: FixtureCase[];
}

export function loadFixtures(): FixtureFile {
  return readFixture<FixtureFile>('ops.json');
}

export function applySteps(x: Tensor, steps: readonly Step[] = []): Tensor {
  let v = x;
  for (const s of steps) {
    switch (s.op) {
      case 'mT': v = v.mT; break;
      case 'expand': v = v.expand(s.shape); break;
      case 'slice': v = v.slice(s.dim, s.start ?? undefined, s.end ?? undefined, s.step ?? undefined); break;
      default: throw new Error(`unknown transform step ${JSON.stringify(s)}`);
    }
  }
  return v;
}

function sameValue(a: number, b: number, tol: Tol | null): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (tol === null) return a === b;
  return Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b);
}

/** Asserts shape, dtype and values (exact for int32/bool, within tol for floats). */
export function assertTensorClose(actual: Tensor, expected: TensorJson, tol: Tol, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape [${actual.shape}] != expected [${expected.shape}]`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype ${actual.dtype} != expected ${expected.dtype}`);
  const got = actual.data();
  const exact = expected.dtype === 'int32' || expected.dtype === 'bool';
  const bad: string[] = [];
  let worst = 0;
  expected.data.forEach((e, i) => {
    const want = parseNumber(e);
    const have = got[i]!;
    if (!sameValue(have, want, exact ? null : tol)) {
      if (bad.length < 5) bad.push(`[${i}] got ${have}, expected ${want}`);
      if (Number.isFinite(have - want)) worst = Math.max(worst, Math.abs(have - want));
      else worst = Infinity;
    }
  });
  if (bad.length > 0) {
    const n = expected.data.filter((e, i) => !sameValue(got[i]!, parseNumber(e), exact ? null : tol)).length;
    assert.fail(
      `${what}: ${n} of ${expected.data.length} values differ (atol ${tol.atol}, rtol ${tol.rtol}; max |diff| ${worst}): ${bad.join('; ')}`,
    );
  }
}

/** Values as plain numbers (for bitwise comparisons across runs/backends). */
export function valuesOf(t: Tensor): number[] {
  return Array.from(t.data(), Number);
}

/** Equal as floats with NaN == NaN, and exactly (Object.is, so ±0 differ) when tol is null. */
export function assertArraysClose(actual: readonly number[], expected: readonly number[], tol: Tol | null, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    const ok = tol === null ? Object.is(a, b) : sameValue(a, b, tol);
    if (!ok) assert.fail(`${what}: element ${i} is ${a}, expected ${b}`);
  }
}

/**
 * Runs one fixture case through its op-table entry: builds the leaves (then the transform views),
 * compares the outputs, and, when the case has gradients, backpropagates gradOutput(s) (several
 * outputs: backward of Σ (o · go).sum()) and compares each leaf's .grad (null counts as zeros).
 */
export function runCase(c: FixtureCase): void {
  const entry = OPS[c.op];
  assert.ok(entry, `no table entry for op '${c.op}'`);
  const leaves = c.inputs.map((inp) => {
    const t = tensorFromJson(inp);
    return inp.requiresGrad ? t.requiresGrad_(true) : t;
  });
  const views = leaves.map((t, i) => applySteps(t, c.inputs[i]!.transform));
  const result = entry.run(views, c.args);
  const outs = Array.isArray(result) ? result : [result];

  // forward
  const expected: TensorJson[] = c.outputs ?? (c.output ? [c.output] : []);
  assert.equal(Array.isArray(result), c.outputs !== undefined, `${c.id}: expected ${c.outputs ? 'a list of outputs' : 'one output'}`);
  assert.equal(outs.length, expected.length, `${c.id}: got ${outs.length} outputs, expected ${expected.length}`);
  outs.forEach((o, k) => assertTensorClose(o, expected[k]!, tolFor(entry, expected[k]!.dtype), `${c.id} output ${k}`));

  // backward
  if (c.grads === undefined) return;
  assert.ok(entry.differentiable, `${c.id}: the fixture has gradients but the table says '${c.op}' is not differentiable`);
  const gos = (c.gradOutputs ?? (c.gradOutput ? [c.gradOutput] : [])).map(tensorFromJson);
  if (!Array.isArray(result)) {
    assert.ok(result.requiresGrad, `${c.id}: output does not require grad`);
    result.backward(gos[0]);
  } else {
    // several outputs: backward of Σ (o · go).sum()
    const terms = outs.map((o, k) => o.mul(gos[k]!).sum());
    const loss = terms.reduce((a: Tensor, b: Tensor) => a.add(b));
    if (loss.requiresGrad) loss.backward();
  }
  c.grads.forEach((g, i) => {
    const leaf = leaves[i]!;
    if (g === null) {
      assert.equal(leaf.grad, null, `${c.id}: input ${i} does not require grad but got a .grad`);
      return;
    }
    const got = leaf.grad ?? nb.zerosLike(leaf);
    assertTensorClose(got, g, tolFor(entry, g.dtype), `${c.id} grad of input ${i}`);
  });
}

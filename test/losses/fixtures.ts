/**
 * Reads test/fixtures/torch/losses.json (made by tools/gen_loss_fixtures.py) and runs one case
 * through nabla: the module (forward + backward) and, for losses, the functional form.
 */
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { DType, Tensor } from '../../src/index.js';

import { parseNumber as num, readFixture, tensorFromJson as fromJson, type JsonNumber, type TensorJson } from '../torch-json.js';

export { fromJson, type JsonNumber, type TensorJson };
export interface InputJson extends TensorJson {
  requiresGrad: boolean;
}
export interface LossCase {
  id: string;
  kind: 'loss' | 'activation';
  module: string;
  functional: string | null;
  options: Record<string, unknown>;
  reference?: string;
  params?: Record<string, TensorJson>;
  inputs: InputJson[];
  output: TensorJson;
  gradOutput?: TensorJson;
  grads?: (TensorJson | null)[];
  paramGrads?: Record<string, TensorJson>;
}

let cached: LossCase[] | null = null;
export function loadCases(): LossCase[] {
  cached ??= readFixture<{ cases: LossCase[] }>('losses.json').cases;
  return cached;
}

function isTensorJson(v: unknown): v is TensorJson {
  return typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v && 'data' in v;
}

/** Options with tensor-valued entries (weight, posWeight) turned into tensors. */
export function optionsOf(c: LossCase): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.options)) o[k] = isTensorJson(v) ? fromJson(v) : v;
  return o;
}

/**
 * float64: 1e-10. float32: 2e-5, widened to a few float32 ulps of the largest input magnitude —
 * with logits of ±1e4 one ulp is ~1e-3, so a loss that is a difference of such numbers (torch's
 * and ours alike) is only that accurate.
 */
export function tolFor(dtype: DType, inputScale = 1): { atol: number; rtol: number } {
  if (dtype !== 'float32') return { atol: 1e-10, rtol: 1e-10 };
  return { atol: Math.max(2e-5, 4 * inputScale * 2 ** -23), rtol: 2e-5 };
}

function inputScale(c: LossCase): number {
  let m = 0;
  for (const j of c.inputs) for (const v of j.data) if (typeof v === 'number') m = Math.max(m, Math.abs(v));
  return m;
}

export function assertTensorClose(actual: Tensor, expected: TensorJson, what: string, scale = 1): void {
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape ${JSON.stringify(actual.shape)} vs ${JSON.stringify(expected.shape)}`);
  const { atol, rtol } = tolFor(expected.dtype, scale);
  const a = Array.from(actual.to('float64').data());
  const e = expected.data.map(num);
  for (let i = 0; i < e.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y)) {
      assert.ok(Number.isNaN(x), `${what}[${i}]: expected NaN, got ${x}`);
      continue;
    }
    if (x === y) continue;
    assert.ok(Math.abs(x - y) <= atol + rtol * Math.abs(y), `${what}[${i}]: got ${x}, expected ${y} (atol ${atol}, rtol ${rtol})`);
  }
}

type Ctor = new (options?: Record<string, unknown>) => nb.nn.Module;

/** Runs the case through its module (forward, backward) and its functional form (forward). */
export function runCase(c: LossCase): void {
  const inputs = c.inputs.map((j) => {
    const t = fromJson(j);
    return j.requiresGrad ? t.requiresGrad_(true) : t;
  });
  const options = optionsOf(c);
  const Mod = (nb.nn as unknown as Record<string, Ctor>)[c.module];
  assert.ok(Mod, `nn.${c.module} is not exported`);
  const mod = new Mod(options);
  for (const [name, value] of Object.entries(c.params ?? {})) {
    const p = (mod as unknown as Record<string, Tensor>)[name];
    assert.ok(p instanceof nb.Tensor, `${c.id}: module has no parameter '${name}'`);
    assert.equal(p.dtype, value.dtype, `${c.id}: parameter '${name}' dtype`);
    nb.noGrad(() => p.copy_(fromJson(value)));
  }
  const out = mod.call(...inputs);
  const scale = inputScale(c);
  assertTensorClose(out, c.output, `${c.id} output`, scale);
  assert.equal(out.dtype, c.output.dtype, `${c.id}: output dtype`);

  if (c.gradOutput && c.grads) {
    out.backward(fromJson(c.gradOutput));
    c.grads.forEach((g, i) => {
      if (g === null) return;
      const got = inputs[i]!.grad;
      assert.ok(got, `${c.id}: input ${i} got no gradient`);
      assertTensorClose(got, g, `${c.id} grad[${i}]`, scale);
    });
    for (const [name, g] of Object.entries(c.paramGrads ?? {})) {
      const p = (mod as unknown as Record<string, Tensor>)[name]!;
      assert.ok(p.grad, `${c.id}: parameter '${name}' got no gradient`);
      assertTensorClose(p.grad, g, `${c.id} ${name}.grad`, scale);
    }
  }

  if (c.functional !== null) {
    const fn = (nb.nn.functional as unknown as Record<string, (...a: unknown[]) => Tensor>)[c.functional];
    assert.ok(fn, `nn.functional.${c.functional} is not exported`);
    const plain = inputs.map((t) => t.detach());
    assertTensorClose(fn(...plain, options), c.output, `${c.id} functional ${c.functional}`, scale);
  }
}

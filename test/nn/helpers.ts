/** Shared helpers for the nn tests: reading test/fixtures/torch/nn.json and building layers from specs. */
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { DType, Tensor } from '../../src/index.js';

const { nn } = nb;

import { parseNumber, readFixture, tensorFromJson, type JsonNumber, type TensorJson } from '../torch-json.js';

export { tensorFromJson, type JsonNumber, type TensorJson };
export interface LayerSpec {
  layer: string;
  args: unknown[];
  options: Record<string, unknown>;
}
export interface ModeJson {
  output: TensorJson;
  gradInput: TensorJson;
  grads: Record<string, TensorJson>;
  state: Record<string, TensorJson>;
}
export interface ForwardCase {
  id: string;
  kind: 'forward';
  layer: LayerSpec;
  state: Record<string, TensorJson>;
  input: TensorJson;
  gradOutput: TensorJson;
  train: ModeJson;
  eval: ModeJson;
}
export interface StepsCase {
  id: string;
  kind: 'steps';
  layer: LayerSpec;
  state: Record<string, TensorJson>;
  batches: TensorJson[];
  stateAfter: Record<string, TensorJson>;
  evalInput: TensorJson;
  evalOutput: TensorJson;
}
export type NnCase = ForwardCase | StepsCase;

export function loadNnFixtures(): { torch_version: string; cases: NnCase[] } {
  return readFixture<{ torch_version: string; cases: NnCase[] }>('nn.json');
}

export function stateFromJson(s: Record<string, TensorJson>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, tensorFromJson(v)]));
}

/** Builds a nabla layer from a fixture spec: new nn[layer](...args, options). */
export function buildLayer(spec: LayerSpec): nb.nn.Module {
  if (spec.layer === 'Residual') {
    const [block, shortcut] = spec.args as (LayerSpec | null | undefined)[];
    return new nn.Residual(buildLayer(block!), shortcut ? buildLayer(shortcut) : undefined);
  }
  if (spec.layer === 'Sequential') return new nn.Sequential(...(spec.args as LayerSpec[]).map(buildLayer));
  const Cls = (nn as unknown as Record<string, new (...a: unknown[]) => nb.nn.Module>)[spec.layer];
  assert.ok(Cls, `no layer nn.${spec.layer}`);
  const noPositional = spec.layer === 'Flatten' || spec.layer === 'Identity';
  return noPositional ? new Cls(spec.options) : new Cls(...spec.args, spec.options);
}

export interface Tol {
  atol: number;
  rtol: number;
}

export function tolFor(dtype: DType): Tol {
  return dtype === 'float32' ? { atol: 2e-5, rtol: 1e-4 } : { atol: 1e-10, rtol: 1e-9 };
}

/** Same shape and elementwise |a − e| <= atol + rtol·|e|. */
export function assertTensorClose(actual: Tensor | null | undefined, expected: TensorJson, tol: Tol, what: string): void {
  assert.ok(actual, `${what}: missing (expected shape [${expected.shape.join(',')}])`);
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  const a = Array.from(actual.data());
  const e = expected.data.map(parseNumber);
  for (let i = 0; i < e.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y)) {
      assert.ok(Number.isNaN(x), `${what}[${i}]: expected NaN, got ${x}`);
      continue;
    }
    if (x === y) continue;
    assert.ok(Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y), `${what}[${i}]: ${x} vs expected ${y} (|diff| ${Math.abs(x - y)})`);
  }
}

/** Empirical mean and (population) standard deviation of a tensor's elements. */
export function moments(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const d = t.data();
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of d) {
    s += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = s / d.length;
  let q = 0;
  for (const v of d) q += (v - mean) ** 2;
  return { mean, std: Math.sqrt(q / d.length), min, max };
}

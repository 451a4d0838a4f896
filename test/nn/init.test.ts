/**
 * nb.nn.init: empirical moments of every initialiser over a large [256, 1024] tensor (fanIn 1024,
 * fanOut 256, 262,144 samples) against its formula, orthogonality to 1e-10, PyTorch's gain table,
 * the default Linear/Conv2d initialisation, and bad arguments.
 *
 * Bounds: with n samples the sample mean has standard error std/√n ≈ 0.002·std and the sample
 * standard deviation a relative standard error ≈ 1/√(2n) ≈ 0.0014 (normal) — we allow 5 standard
 * errors for the mean and 1% for the std, far outside chance yet tight enough to catch a wrong
 * fan, gain or √3.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { assertClose, throwsMatching } from '../helpers.js';
import { moments } from './helpers.js';

const { nn } = nb;
const init = nn.init;
const FAN_OUT = 256;
const FAN_IN = 1024;
const N = FAN_IN * FAN_OUT;
const gen = (s: number): nb.Generator => new nb.Generator(s);
const big = (): Tensor => nb.zeros([FAN_OUT, FAN_IN], { dtype: 'float64' });

function checkMoments(t: Tensor, mean: number, std: number, what: string, uniformBound?: number): void {
  const m = moments(t);
  assert.ok(Math.abs(m.mean - mean) < 5 * std / Math.sqrt(N), `${what}: mean ${m.mean}, expected ${mean}`);
  assert.ok(Math.abs(m.std / std - 1) < 0.01, `${what}: std ${m.std}, expected ${std}`);
  if (uniformBound !== undefined) {
    assert.ok(m.min >= mean - uniformBound && m.max < mean + uniformBound, `${what}: samples outside ±${uniformBound}`);
    assert.ok(m.min < mean - 0.999 * uniformBound && m.max > mean + 0.999 * uniformBound, `${what}: samples do not reach ±${uniformBound}`);
  }
}

test('calculateGain follows PyTorch\'s table', () => {
  for (const n of ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose2d', 'convTranspose2d', 'sigmoid'] as const) {
    assert.equal(init.calculateGain(n), 1, n);
  }
  assert.equal(init.calculateGain('tanh'), 5 / 3);
  assert.equal(init.calculateGain('relu'), Math.sqrt(2));
  assert.equal(init.calculateGain('selu'), 3 / 4);
  assert.equal(init.calculateGain('leaky_relu'), Math.sqrt(2 / (1 + 0.01 ** 2)));
  assert.equal(init.calculateGain('leakyRelu', 0.2), Math.sqrt(2 / 1.04));
  assert.equal(init.calculateGain('leaky_relu', 0), Math.sqrt(2));
  assert.equal(init.calculateGain('leaky_relu', Math.sqrt(5)), Math.sqrt(1 / 3));
  throwsMatching(() => init.calculateGain('swish'), /calculateGain: unsupported nonlinearity 'swish'/);
  throwsMatching(() => init.calculateGain('leaky_relu', NaN), /calculateGain: negative slope NaN is not a valid number/);
});

test('calculateFanInAndFanOut: [out, in, ...kernel]', () => {
  assert.deepEqual(init.calculateFanInAndFanOut(nb.zeros([3, 4])), [4, 3]);
  assert.deepEqual(init.calculateFanInAndFanOut(nb.zeros([8, 4, 3, 3])), [36, 72]);
  throwsMatching(() => init.calculateFanInAndFanOut(nb.zeros([5])), /fewer than 2 dimensions, got shape \[5\]/);
});

test('uniform_ and normal_ have the requested moments', () => {
  checkMoments(init.uniform_(big(), -1, 3, { generator: gen(1) }), 1, 4 / Math.sqrt(12), 'uniform_(-1, 3)', 2);
  checkMoments(init.uniform_(big(), 0, 1, { generator: gen(2) }), 0.5, 1 / Math.sqrt(12), 'uniform_()', 0.5);
  checkMoments(init.normal_(big(), 2, 0.5, { generator: gen(3) }), 2, 0.5, 'normal_(2, 0.5)');
});

test('xavierUniform_ / xavierNormal_: std = gain·√(2 / (fanIn + fanOut))', () => {
  const std = Math.sqrt(2 / (FAN_IN + FAN_OUT));
  checkMoments(init.xavierUniform_(big(), { generator: gen(4) }), 0, std, 'xavierUniform_', Math.sqrt(3) * std);
  checkMoments(init.xavierUniform_(big(), { gain: 2, generator: gen(5) }), 0, 2 * std, 'xavierUniform_ gain 2', 2 * Math.sqrt(3) * std);
  checkMoments(init.xavierNormal_(big(), { generator: gen(6) }), 0, std, 'xavierNormal_');
  const tanh = init.calculateGain('tanh');
  checkMoments(init.xavierNormal_(big(), { gain: tanh, generator: gen(7) }), 0, tanh * std, 'xavierNormal_ tanh gain');
});

test('kaimingUniform_ / kaimingNormal_: std = gain/√fan for each mode and nonlinearity', () => {
  const relu = Math.sqrt(2);
  const cases: [nb.nn.init.KaimingOptions, number][] = [
    [{}, relu / Math.sqrt(FAN_IN)], // default: fanIn, leaky_relu with a = 0
    [{ mode: 'fanOut' }, relu / Math.sqrt(FAN_OUT)],
    [{ mode: 'fan_out', nonlinearity: 'relu' }, relu / Math.sqrt(FAN_OUT)],
    [{ a: Math.sqrt(5) }, Math.sqrt(1 / 3) / Math.sqrt(FAN_IN)], // Linear's default: bound 1/√fanIn
    [{ nonlinearity: 'leaky_relu', a: 0.2 }, Math.sqrt(2 / 1.04) / Math.sqrt(FAN_IN)],
    [{ nonlinearity: 'tanh', mode: 'fanOut' }, (5 / 3) / Math.sqrt(FAN_OUT)],
    [{ nonlinearity: 'linear' }, 1 / Math.sqrt(FAN_IN)],
  ];
  let s = 10;
  for (const [o, std] of cases) {
    const what = JSON.stringify(o);
    checkMoments(init.kaimingUniform_(big(), { ...o, generator: gen(s++) }), 0, std, `kaimingUniform_ ${what}`, Math.sqrt(3) * std);
    checkMoments(init.kaimingNormal_(big(), { ...o, generator: gen(s++) }), 0, std, `kaimingNormal_ ${what}`);
  }
  assert.deepEqual(init.kaimingUniform_(nb.zeros([0, 3])).shape, [0, 3], 'empty tensors are left alone');
});

test('lecunUniform_ / lecunNormal_: variance 1/fanIn (decks 001, 004)', () => {
  const std = 1 / Math.sqrt(FAN_IN);
  checkMoments(init.lecunUniform_(big(), { generator: gen(30) }), 0, std, 'lecunUniform_', Math.sqrt(3) * std);
  checkMoments(init.lecunNormal_(big(), { generator: gen(31) }), 0, std, 'lecunNormal_');
  // conv weights: fanIn = inChannels · kh · kw
  const w = init.lecunNormal_(nb.zeros([512, 16, 4, 4], { dtype: 'float64' }), { generator: gen(32) });
  assert.ok(Math.abs(moments(w).std * Math.sqrt(16 * 16) - 1) < 0.01);
});

test('orthogonal_: W·Wᵀ = I (rows ≤ cols) or Wᵀ·W = I (rows ≥ cols) to 1e-10, times gain²', () => {
  const maxDev = (a: Tensor, b: Tensor): number => a.sub(b).abs().max().item();
  const eye = (n: number): Tensor => nb.eye(n, n, { dtype: 'float64' });
  const sq = init.orthogonal_(nb.zeros([64, 64], { dtype: 'float64' }), { generator: gen(40) });
  assert.ok(maxDev(sq.matmul(sq.T), eye(64)) < 1e-10);
  assert.ok(maxDev(sq.T.matmul(sq), eye(64)) < 1e-10);
  const wide = init.orthogonal_(nb.zeros([20, 50], { dtype: 'float64' }), { generator: gen(41) });
  assert.ok(maxDev(wide.matmul(wide.T), eye(20)) < 1e-10);
  const tall = init.orthogonal_(nb.zeros([50, 20], { dtype: 'float64' }), { generator: gen(42) });
  assert.ok(maxDev(tall.T.matmul(tall), eye(20)) < 1e-10);
  const conv = init.orthogonal_(nb.zeros([8, 2, 3, 3], { dtype: 'float64' }), { gain: 2, generator: gen(43) }).reshape([8, 18]);
  assert.ok(maxDev(conv.matmul(conv.T), eye(8).mul(4)) < 1e-10);
  // a random orthogonal matrix is not a signed permutation: its entries spread out (|w| ~ 1/√n)
  assert.ok(moments(sq).std > 0.1);
  const again = init.orthogonal_(nb.zeros([64, 64], { dtype: 'float64' }), { generator: gen(40) });
  assertClose(again, sq, { atol: 0, rtol: 0, message: 'same generator seed, same matrix' });
  const f32 = init.orthogonal_(nb.zeros([16, 16]), { generator: gen(44) });
  assert.ok(maxDev(f32.double().matmul(f32.double().T), eye(16)) < 1e-6);
  throwsMatching(() => init.orthogonal_(nb.zeros([4])), /orthogonal_: only tensors with 2 or more dimensions/);
});

test('constant_, zeros_, ones_, eye_', () => {
  assertClose(init.constant_(nb.zeros([2, 2]), 0.25), [0.25, 0.25, 0.25, 0.25]);
  assertClose(init.ones_(nb.zeros([3])), [1, 1, 1]);
  assertClose(init.zeros_(nb.ones([3])), [0, 0, 0]);
  assertClose(init.eye_(nb.ones([2, 3])), [1, 0, 0, 0, 1, 0]);
});

test('initialisers work in place on parameters, return the same tensor and record no graph', () => {
  const lin = new nn.Linear(8, 4);
  for (const fn of [
    (t: Tensor) => init.xavierUniform_(t), (t: Tensor) => init.kaimingNormal_(t), (t: Tensor) => init.orthogonal_(t),
    (t: Tensor) => init.normal_(t), (t: Tensor) => init.zeros_(t),
  ]) {
    const w = lin.weight;
    assert.equal(fn(w), w);
    assert.ok(w.requiresGrad && w.isLeaf && w.gradFn === null);
  }
  // names without the underscore are the same functions
  assert.equal(init.xavierUniform, init.xavierUniform_);
  assert.equal(init.kaimingNormal, init.kaimingNormal_);
  assert.equal(init.orthogonal, init.orthogonal_);
  assert.equal(init.uniform, init.uniform_);
  // seeded: same generator seed, same weights; the global generator follows manualSeed
  const a = init.kaimingUniform_(nb.zeros([5, 5]), { generator: gen(9) });
  const b = init.kaimingUniform_(nb.zeros([5, 5]), { generator: gen(9) });
  assertClose(a, b, { atol: 0, rtol: 0 });
  nb.manualSeed(123);
  const c = init.normal_(nb.zeros([5]));
  nb.manualSeed(123);
  assertClose(init.normal_(nb.zeros([5])), c, { atol: 0, rtol: 0 });
});

test('default Linear and Conv2d init: weight and bias in ±1/√fanIn with the uniform\'s std', () => {
  const lin = new nn.Linear(1000, 300, { generator: gen(50) });
  const b = 1 / Math.sqrt(1000);
  const mw = moments(lin.weight);
  assert.ok(mw.min >= -b && mw.max <= b && mw.max > 0.99 * b && mw.min < -0.99 * b, `Linear weight in ±${b}`);
  assert.ok(Math.abs(mw.std / (b / Math.sqrt(3)) - 1) < 0.01, `Linear weight std ${mw.std}`);
  const mb = moments(lin.bias!);
  assert.ok(mb.min >= -b && mb.max <= b && mb.max > 0.9 * b, 'Linear bias in ±1/√fanIn');
  const conv = new nn.Conv2d(16, 64, 3, { groups: 4, generator: gen(51) });
  const cb = 1 / Math.sqrt((16 / 4) * 9); // fanIn = inChannels/groups · kh · kw
  const mc = moments(conv.weight);
  assert.ok(mc.min >= -cb && mc.max <= cb && mc.max > 0.98 * cb, `Conv2d weight in ±${cb}`);
  assert.ok(Math.abs(mc.std / (cb / Math.sqrt(3)) - 1) < 0.03);
  const mcb = moments(conv.bias!);
  assert.ok(mcb.min >= -cb && mcb.max <= cb);
  // the seed decides the weights
  assertClose(new nn.Conv2d(2, 3, 3, { generator: gen(1) }).weight, new nn.Conv2d(2, 3, 3, { generator: gen(1) }).weight, { atol: 0, rtol: 0 });
});

test('initialisers reject bad arguments with messages naming the function', () => {
  throwsMatching(() => init.uniform_(nb.zeros([2], { dtype: 'int32' })), /uniform_: expected a floating-point tensor, got dtype int32/);
  throwsMatching(() => init.uniform_(nb.zeros([2]), 1, 0), /uniform_: expects a range \[a, b\) with a <= b, got a=1, b=0/);
  throwsMatching(() => init.normal_(nb.zeros([2]), 0, -1), /normal_: std must be >= 0, got -1/);
  throwsMatching(() => init.xavierUniform_(nb.zeros([3])), /fewer than 2 dimensions/);
  throwsMatching(() => init.kaimingNormal_(nb.zeros([3, 3]), { mode: 'fan_avg' as never }), /kaimingNormal_: mode must be 'fanIn' or 'fanOut', got "fan_avg"/);
  throwsMatching(() => init.kaimingUniform_(nb.zeros([3, 3]), { nonlinearity: 'swish' as never }), /unsupported nonlinearity 'swish'/);
  throwsMatching(() => init.eye_(nb.zeros([2, 2, 2])), /eye_: only 2-D tensors are supported/);
});

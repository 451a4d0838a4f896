/**
 * The random layers cannot match PyTorch's random numbers, so they are tested statistically over
 * large tensors (262,144 elements; the binomial fraction of dropped elements has standard error
 * √(p(1−p)/n) < 0.001): inverted scaling preserves the expectation, eval is the identity,
 * p = 0 and p = 1, Dropout2d drops whole channels, AlphaDropout keeps SELU's fixed point (mean
 * 0, variance 1), and the same seed gives the same masks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { assertClose, throwsMatching } from '../helpers.js';
import { moments } from './helpers.js';

const { nn } = nb;
const F = nn.functional;
const gen = (s: number): nb.Generator => new nb.Generator(s);
const SHAPE = [512, 512];
const N = 512 * 512;

function zeroFraction(t: Tensor): number {
  let z = 0;
  for (const v of t.data()) if (v === 0) z++;
  return z / t.numel();
}

test('Dropout: inverted scaling — survivors are x/(1−p), the dropped fraction is p and the mean is preserved', () => {
  for (const p of [0.1, 0.5, 0.8]) {
    const layer = new nn.Dropout({ p, generator: gen(1) });
    const x = nb.ones(SHAPE, { dtype: 'float64' });
    const y = layer.call(x);
    const frac = zeroFraction(y);
    assert.ok(Math.abs(frac - p) < 5 * Math.sqrt((p * (1 - p)) / N), `p=${p}: dropped fraction ${frac}`);
    for (const v of y.data()) if (v !== 0) assert.ok(Math.abs(v - 1 / (1 - p)) < 1e-12);
    const m = moments(y);
    const se = Math.sqrt(p / (1 - p) / N); // std of the mask / (1−p) over √n
    assert.ok(Math.abs(m.mean - 1) < 5 * se, `p=${p}: mean ${m.mean}`);
  }
  // a float32 input keeps its dtype; a random input keeps its mean
  const x = nb.randn(SHAPE, { generator: gen(2) }).add(3);
  const y = new nn.Dropout(0.3).call(x);
  assert.equal(y.dtype, 'float32');
  assert.ok(Math.abs(moments(y).mean - moments(x).mean) < 0.02);
});

test('Dropout: identity in eval mode; p = 0 is the identity and p = 1 zeroes everything in training', () => {
  const x = nb.randn([4, 5], { generator: gen(3) });
  const layer = new nn.Dropout(0.5).eval();
  assert.equal(layer.call(x), x);
  assert.equal(new nn.Dropout(0).call(x), x);
  assertClose(new nn.Dropout(1).call(x), new Array(20).fill(0));
  assert.equal(F.dropout(x, 0.5, { training: false }), x);
  for (const L of [nn.Dropout2d, nn.AlphaDropout]) {
    const x4 = nb.randn([2, 3, 2, 2], { generator: gen(4) });
    assert.equal(new L(0.5).eval().call(x4), x4, `${L.name} eval`);
    assertClose(new L(1).call(x4), new Array(24).fill(0), { message: `${L.name} p=1` });
    assert.equal(new L(0).call(x4), x4, `${L.name} p=0`);
  }
  assert.equal(new nn.GaussianNoise({ std: 1 }).eval().call(x), x);
});

test('Dropout: the gradient flows through the kept elements, scaled by 1/(1−p)', () => {
  const x = nb.randn([50, 40], { dtype: 'float64', generator: gen(5), requiresGrad: true });
  const y = new nn.Dropout({ p: 0.25, generator: gen(6) }).call(x);
  y.sum().backward();
  const yd = y.data();
  const g = x.grad!.data();
  for (let i = 0; i < yd.length; i++) assert.equal(g[i], yd[i] === 0 ? 0 : 1 / 0.75);
});

test('same seed, same masks; different seeds, different masks; the default generator follows manualSeed', () => {
  const x = nb.ones([64, 64]);
  const a = new nn.Dropout({ p: 0.5, generator: gen(7) }).call(x);
  const b = new nn.Dropout({ p: 0.5, generator: gen(7) }).call(x);
  const c = new nn.Dropout({ p: 0.5, generator: gen(8) }).call(x);
  assertClose(a, b, { atol: 0, rtol: 0 });
  assert.notDeepEqual(Array.from(a.data()), Array.from(c.data()));
  const layer = new nn.Dropout(0.5);
  nb.manualSeed(11);
  const d = layer.call(x);
  const e = layer.call(x);
  assert.notDeepEqual(Array.from(d.data()), Array.from(e.data()), 'each call draws a new mask');
  nb.manualSeed(11);
  assertClose(layer.call(x), d, { atol: 0, rtol: 0 });
  for (const L of [nn.Dropout2d, nn.AlphaDropout]) {
    const x4 = nb.randn([4, 8, 3, 3], { generator: gen(9) });
    assertClose(new L({ p: 0.3, generator: gen(1) }).call(x4), new L({ p: 0.3, generator: gen(1) }).call(x4), { atol: 0, rtol: 0 });
  }
  const g1 = new nn.GaussianNoise({ std: 0.2, generator: gen(3) }).call(x);
  assertClose(new nn.GaussianNoise({ std: 0.2, generator: gen(3) }).call(x), g1, { atol: 0, rtol: 0 });
});

test('Dropout2d zeroes whole channels with probability p and scales the others by 1/(1−p)', () => {
  const p = 0.4;
  const [n, c, h, w] = [32, 64, 3, 3];
  const y = new nn.Dropout2d({ p, generator: gen(12) }).call(nb.ones([n, c, h, w], { dtype: 'float64' }));
  const d = y.data();
  let dropped = 0;
  for (let ch = 0; ch < n * c; ch++) {
    const plane = Array.from(d.subarray(ch * h * w, (ch + 1) * h * w));
    const first = plane[0]!;
    assert.ok(plane.every((v) => v === first), `channel ${ch} is not constant`);
    assert.ok(first === 0 || Math.abs(first - 1 / (1 - p)) < 1e-12);
    if (first === 0) dropped++;
  }
  const frac = dropped / (n * c);
  assert.ok(Math.abs(frac - p) < 5 * Math.sqrt((p * (1 - p)) / (n * c)), `dropped channel fraction ${frac}`);
  // unbatched [C, H, W] input: one mask per channel
  const u = F.dropout2d(nb.ones([200, 2, 2]), 0.5, { generator: gen(13) }).reshape([200, 4]).data();
  for (let ch = 0; ch < 200; ch++) assert.ok(u[ch * 4] === u[ch * 4 + 1] && u[ch * 4] === u[ch * 4 + 3]);
});

test('AlphaDropout keeps the mean ≈ 0 and variance ≈ 1 of standard-normal input (SELU\'s fixed point)', () => {
  for (const p of [0.1, 0.5]) {
    const x = nb.randn(SHAPE, { dtype: 'float64', generator: gen(20) });
    const y = new nn.AlphaDropout({ p, generator: gen(21) }).call(x);
    const m = moments(y);
    assert.ok(Math.abs(m.mean) < 0.01, `p=${p}: mean ${m.mean}`);
    assert.ok(Math.abs(m.std - 1) < 0.01, `p=${p}: std ${m.std}`);
    // dropped units all take the same value a·α' + b = −a·λα·(1 − p)
    const alpha = 1.7580993408473766;
    const a = 1 / Math.sqrt((alpha * alpha * p + 1) * (1 - p));
    const droppedValue = -a * alpha * (1 - p);
    let hits = 0;
    for (const v of y.data()) if (Math.abs(v - droppedValue) < 1e-12) hits++;
    assert.ok(Math.abs(hits / N - p) < 5 * Math.sqrt((p * (1 - p)) / N), `p=${p}: ${hits / N} dropped`);
  }
  // the layer does not need the SELU network to be useful: through SELU, the statistics stay put
  const x = nb.randn(SHAPE, { dtype: 'float64', generator: gen(22) });
  const y = nb.selu(new nn.AlphaDropout({ p: 0.2, generator: gen(23) }).call(x));
  assert.ok(Math.abs(moments(y).mean) < 0.05 && Math.abs(moments(y).std - 1) < 0.05);
});

test('GaussianNoise adds N(0, std²) in training only', () => {
  const y = new nn.GaussianNoise({ std: 0.5, generator: gen(30) }).call(nb.zeros(SHAPE, { dtype: 'float64' }));
  const m = moments(y);
  assert.ok(Math.abs(m.mean) < 5 * 0.5 / Math.sqrt(N));
  assert.ok(Math.abs(m.std / 0.5 - 1) < 0.01);
  const x = nb.ones([3]);
  assert.equal(new nn.GaussianNoise({ std: 0 }).call(x), x);
});

test('dropout layers reject p outside [0, 1] and unknown options, naming the layer', () => {
  throwsMatching(() => new nn.Dropout(1.5), /Dropout: p must be a probability in \[0, 1\], got 1\.5/);
  throwsMatching(() => new nn.Dropout({ p: -0.1 }), /Dropout: p must be a probability in \[0, 1\], got -0\.1/);
  throwsMatching(() => new nn.Dropout2d({ p: NaN }), /Dropout2d: p must be a probability in \[0, 1\], got NaN/);
  throwsMatching(() => new nn.AlphaDropout(2), /AlphaDropout: p must be a probability/);
  throwsMatching(() => new nn.Dropout({ rate: 0.5 } as never), /Dropout: unknown option 'rate' \(known: p, generator\)/);
  throwsMatching(() => F.dropout(nb.ones([2]), 3), /dropout: p must be a probability in \[0, 1\], got 3/);
  throwsMatching(() => new nn.GaussianNoise({ std: -1 }), /GaussianNoise: std must be a non-negative finite number, got -1/);
  throwsMatching(() => new nn.Dropout2d(0.5).call(nb.ones([4, 4])), /Dropout2d: expected a 3-D or 4-D input \[N, C, H, W\] \(or unbatched \[C, H, W\]\), got shape \[4,4\]/);
  throwsMatching(() => new nn.Dropout(0.5).call(nb.ones([2], { dtype: 'int32' })), /Dropout: expected a floating-point input, got dtype int32/);
});

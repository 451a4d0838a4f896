/** Mixture density network pieces: mdnNll against a direct computation, underflow, MDNHead. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const { nn } = nb;
const F = nn.functional;
const f64 = (x: unknown): Tensor => nb.tensor(x, { dtype: 'float64' });

/** −log Σ_k π_k Π_d N(y_d | μ_kd, σ_kd), evaluated directly from the formula in plain JS. */
function directNll(logits: number[], means: number[][], scales: number[][], y: number[]): number {
  const z = logits.reduce((a, b) => a + Math.exp(b), 0);
  let density = 0;
  logits.forEach((l, k) => {
    let comp = Math.exp(l) / z;
    y.forEach((yd, d) => {
      const s = scales[k]![d]!;
      comp *= Math.exp(-0.5 * ((yd - means[k]![d]!) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    });
    density += comp;
  });
  return -Math.log(density);
}

describe('mdnNll', () => {
  test('equals −log of the mixture density computed directly', () => {
    const logits = [[0.3, -1.2, 0.5], [2, 0, -1]];
    const means = [[[0.1, -0.4], [1.5, 0.2], [-1, 1]], [[0, 0], [0.5, -0.5], [2, 2]]];
    const scales = [[[0.7, 1.3], [0.4, 0.9], [1.1, 2]], [[1, 1], [0.3, 0.6], [1.5, 0.8]]];
    const y = [[0.2, 0.1], [0.4, -0.3]];
    const expected = y.map((yi, i) => directNll(logits[i]!, means[i]!, scales[i]!, yi));
    const got = F.mdnNll(f64(logits), f64(means), f64(scales), f64(y), { reduction: 'none' });
    Array.from(got.data()).forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `${v} vs ${expected[i]}`));
    const mean = F.mdnNll(f64(logits), f64(means), f64(scales), f64(y)).item();
    assert.ok(Math.abs(mean - (expected[0]! + expected[1]!) / 2) < 1e-12);
    const sum = new nn.MixtureDensityNLLLoss({ reduction: 'sum' }).call(f64(logits), f64(means), f64(scales), f64(y)).item();
    assert.ok(Math.abs(sum - (expected[0]! + expected[1]!)) < 1e-12);
  });

  test('one component reduces to the diagonal Gaussian NLL', () => {
    const mu = [[0.5, -1]];
    const s = [[2, 0.5]];
    const y = [0, 0];
    const got = F.mdnNll(f64([[0]]), f64([mu]), f64([s]), f64([y])).item();
    const gauss = F.gaussianNllLoss(f64(mu[0]), f64(y), f64(s[0]).square(), { full: true, reduction: 'sum' }).item();
    assert.ok(Math.abs(got - gauss) < 1e-12, `${got} vs ${gauss}`);
  });

  test('no underflow: a target 1e3 away from every component', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const logits = nb.tensor([[0, Math.log(3)]], { dtype, requiresGrad: true });
      const means = nb.tensor([[[0], [10]]], { dtype, requiresGrad: true });
      const scales = nb.tensor([[[1], [2]]], { dtype, requiresGrad: true });
      const y = nb.tensor([[1000]], { dtype, requiresGrad: true });
      // the density itself underflows: e^(−½·1000²) = 0 in any float format
      assert.equal(Math.exp(-0.5 * 1000 ** 2), 0);
      const loss = F.mdnNll(logits, means, scales, y);
      // exact: the far component dominates; log p = log(3/4) − ½(990/2)² − log 2 − ½ log 2π, plus a
      // negligible term from the near one
      const lp1 = Math.log(0.25) - 0.5 * 1000 ** 2 - 0.5 * Math.log(2 * Math.PI);
      const lp2 = Math.log(0.75) - 0.5 * (990 / 2) ** 2 - Math.log(2) - 0.5 * Math.log(2 * Math.PI);
      const expected = -(Math.max(lp1, lp2) + Math.log1p(Math.exp(Math.min(lp1, lp2) - Math.max(lp1, lp2))));
      assert.ok(Number.isFinite(loss.item()), `${dtype}: loss ${loss.item()}`);
      assert.ok(Math.abs(loss.item() - expected) <= 1e-6 * expected, `${dtype}: ${loss.item()} vs ${expected}`);
      loss.backward();
      for (const t of [logits, means, scales, y]) assert.ok(t.grad!.allFinite(), `${dtype}: gradient ${t.grad}`);
      // all responsibility on the far component: d/dμ₂ = −(y − μ₂)/σ₂² = −990/4, the near one gets 0
      const gm = Array.from(means.grad!.data());
      assert.ok(Math.abs(gm[0]!) < 1e-6 && Math.abs(gm[1]! + 990 / 4) < 1e-3, `means grad ${gm}`);
    }
  });

  test('scales must be positive', () => {
    assert.throws(
      () => F.mdnNll(f64([[0, 0]]), f64([[[0], [1]]]), f64([[[1], [0]]]), f64([[0]])),
      /mdnNll: scales must be positive, got an entry 0/,
    );
  });
});

describe('MDNHead', () => {
  test('shapes: forward packs [N, K + 2KD]; split and predict unpack it', () => {
    const head = new nn.MDNHead(4, 3, 2, { generator: new nb.Generator(1) });
    const x = nb.randn([5, 4], { generator: new nb.Generator(2) });
    const packed = head.call(x);
    assert.deepEqual(packed.shape, [5, 3 + 2 * 3 * 2]);
    const { logits, means, scales } = head.split(packed);
    assert.deepEqual(logits.shape, [5, 3]);
    assert.deepEqual(means.shape, [5, 3, 2]);
    assert.deepEqual(scales.shape, [5, 3, 2]);
    const p = head.predict(x);
    assert.deepEqual(Array.from(p.scales.data()), Array.from(scales.data()));
    // layout: logits first, then means component-major, then scales
    assert.deepEqual(Array.from(means.data()), Array.from(packed.narrow(1, 3, 6).data()));
    assert.deepEqual(head.namedParameters().map(([n, t]) => [n, t.shape]), [['linear.weight', [15, 4]], ['linear.bias', [15]]]);
  });

  test('scales are positive and at least minScale, even for huge negative pre-activations', () => {
    for (const scaleActivation of ['softplus', 'exp'] as const) {
      for (const minScale of [0, 1e-3, 0.1]) {
        const head = new nn.MDNHead(2, 2, 3, { scaleActivation, minScale, generator: new nb.Generator(3) });
        nb.noGrad(() => {
          head.linear.weight.fill_(0);
          head.linear.bias!.fill_(-200); // exp(−200) and softplus(−200) underflow to 0 in float32
        });
        const { scales } = head.predict(nb.ones([4, 2]));
        const min = Math.min(...Array.from(scales.data()));
        assert.ok(min >= minScale, `${scaleActivation}, minScale ${minScale}: min scale ${min}`);
        if (minScale > 0) assert.ok(min > 0);
        const random = new nn.MDNHead(2, 2, 3, { scaleActivation, minScale, generator: new nb.Generator(4) });
        const r = random.predict(nb.randn([6, 2], { generator: new nb.Generator(5) }).mul(10)).scales;
        assert.ok(Math.min(...Array.from(r.data())) > 0, `${scaleActivation}: random inputs give positive scales`);
      }
    }
  });

  test('same generator seed, same weights; Linear-style bounds', () => {
    const a = new nn.MDNHead(9, 2, 1, { generator: new nb.Generator(7) });
    const b = new nn.MDNHead(9, 2, 1, { generator: new nb.Generator(7) });
    assert.deepEqual(Array.from(a.linear.weight.data()), Array.from(b.linear.weight.data()));
    const w = Array.from(a.linear.weight.data());
    assert.ok(w.every((v) => Math.abs(v) <= 1 / 3), 'weights within ±1/√9');
  });

  test('config, repr, hooks and errors', () => {
    const head = new nn.MDNHead(4, 3, 2, { minScale: 0.01 });
    assert.deepEqual(head.config, { inFeatures: 4, numComponents: 3, outFeatures: 2, minScale: 0.01, scaleActivation: 'softplus', dtype: 'float32' });
    assert.equal(
      String(head),
      'MDNHead(inFeatures=4, numComponents=3, outFeatures=2, minScale=0.01, scaleActivation="softplus"\n' +
        '  (linear): Linear(inFeatures=4, outFeatures=15, bias=true)\n)',
    );
    let calls = 0;
    head.registerForwardHook(() => void calls++);
    head.predict(nb.zeros([1, 4]));
    assert.equal(calls, 1, 'predict runs forward hooks');
    assert.throws(() => head.call(nb.zeros([2, 5])), /MDNHead: input shape \[2,5\] must end in inFeatures 4/);
    assert.throws(() => head.split(nb.zeros([2, 14])), /MDNHead.split: expected a tensor whose last dim is 15/);
    assert.throws(() => new nn.MDNHead(4, 0, 2), /numComponents must be a positive integer, got 0/);
    assert.throws(() => new nn.MDNHead(4, 2, 2, { scaleActivation: 'relu' as never }), /scaleActivation must be 'softplus' or 'exp'/);
    assert.throws(() => new nn.MDNHead(4, 2, 2, { minScal: 1 } as never), /MDNHead: unknown option 'minScal'/);
  });

  test('learns a bimodal target: each component converges to one mode\'s mean and spread', () => {
    // y = ±2 + N(0, 0.3²) for the same input: a regression net would predict ~0; the maximum
    // likelihood mixture puts one component on each mode with that mode's sample mean and std
    const head = new nn.MDNHead(1, 2, 1, { dtype: 'float64' });
    // a deterministic start with the components apart (plain SGD from a random start can settle
    // in the one-wide-Gaussian saddle, a property of the objective, not of the loss code)
    nb.noGrad(() => {
      head.linear.weight.fill_(0);
      head.linear.bias!.copy_(nb.tensor([0, 0, -1, 1, 0, 0], { dtype: 'float64' }));
    });
    const n = 16;
    const noise = Array.from(nb.randn([n], { dtype: 'float64', generator: new nb.Generator(99) }).mul(0.3).data());
    const yData = noise.map((e, i) => (i % 2 ? 2 : -2) + e);
    const x = nb.ones([n, 1], { dtype: 'float64' });
    const y = nb.tensor(Float64Array.from(yData), { dtype: 'float64' }).reshape([n, 1]);
    const lossFn = new nn.MixtureDensityNLLLoss();
    let first = 0;
    let last = 0;
    for (let step = 0; step < 300; step++) {
      const p = head.predict(x);
      const loss = lossFn.call(p.logits, p.means, p.scales, y);
      if (step === 0) first = loss.item();
      last = loss.item();
      head.zeroGrad();
      loss.backward();
      nb.noGrad(() => {
        for (const w of head.parameters()) w.sub_(w.grad!.mul(0.05));
      });
    }
    assert.ok(last < first, `loss fell: ${first} → ${last}`);
    const stats = (vals: number[]): [number, number] => {
      const m = vals.reduce((a, b) => a + b, 0) / vals.length;
      return [m, Math.sqrt(vals.reduce((a, b) => a + (b - m) ** 2, 0) / vals.length)];
    };
    const [mLo, sLo] = stats(yData.filter((_, i) => i % 2 === 0));
    const [mHi, sHi] = stats(yData.filter((_, i) => i % 2 === 1));
    const p = head.predict(x.narrow(0, 0, 1));
    const [m0, m1] = Array.from(p.means.data());
    const [s0, s1] = Array.from(p.scales.data());
    const [pi0] = Array.from(p.logits.softmax(1).data());
    assert.ok(Math.abs(m0! - mLo) < 0.01 && Math.abs(m1! - mHi) < 0.01, `means ${m0}, ${m1} vs ${mLo}, ${mHi}`);
    assert.ok(Math.abs(s0! - sLo) < 0.01 && Math.abs(s1! - sHi) < 0.01, `scales ${s0}, ${s1} vs ${sLo}, ${sHi}`);
    assert.ok(Math.abs(pi0! - 0.5) < 0.01, `mixing weight ${pi0}`);
  });
});

/**
 * Numerical stability in float32: logits of ±1e4 give finite losses and gradients with the right
 * values (every loss works in log space: logSigmoid, logSoftmax, logsumexp — never log(sigmoid)).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const { nn } = nb;
const F = nn.functional;

const logits = (rows: number[][]): Tensor => nb.tensor(rows, { requiresGrad: true });
const ints = (data: number[]): Tensor => nb.tensor(Int32Array.from(data), { dtype: 'int32' });

function finiteLossAndGrad(name: string, loss: Tensor, ...leaves: Tensor[]): void {
  assert.equal(loss.dtype, 'float32', `${name}: computed in float32`);
  assert.ok(loss.allFinite(), `${name}: loss ${loss.toString()}`);
  loss.sum().backward();
  for (const l of leaves) assert.ok(l.grad && l.grad.allFinite(), `${name}: gradient ${l.grad?.toString()}`);
}

function close(actual: Tensor | number, expected: number[], atol = 1e-3): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual.data());
  assert.equal(a.length, expected.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= atol, `element ${i}: ${v} vs ${expected[i]}`));
}

describe('stability with logits of ±1e4 (float32)', () => {
  test('CrossEntropyLoss: exact values, softmax gradients', () => {
    const x = logits([[1e4, -1e4, 0], [-1e4, 1e4, 1e4]]);
    const loss = F.crossEntropy(x, ints([1, 2]), { reduction: 'none' });
    close(loss, [2e4, Math.LN2]);
    loss.sum().backward();
    close(x.grad!, [1, -1, 0, 0, 0.5, -0.5]);
  });

  test('CrossEntropyLoss with smoothing, weights, ignoreIndex, probabilities and K-dim inputs', () => {
    const x = logits([[1e4, -1e4, 0], [-1e4, 1e4, 3]]);
    finiteLossAndGrad('smoothing', F.crossEntropy(x, ints([1, 0]), { labelSmoothing: 0.1, weight: nb.tensor([1, 2, 3]) }), x);
    const y = logits([[1e4, -1e4, 0], [-1e4, 1e4, 3]]);
    finiteLossAndGrad('ignore', F.crossEntropy(y, ints([-100, 0]), { labelSmoothing: 0.2 }), y);
    const z = logits([[1e4, -1e4, 0], [-1e4, 1e4, 3]]);
    const q = nb.tensor([[0.2, 0.3, 0.5], [1, 0, 0]]);
    finiteLossAndGrad('probabilities', F.crossEntropy(z, q, { labelSmoothing: 0.1 }), z);
    const k = nb.tensor([1e4, -1e4, -1e4, 1e4, 0, 1e4, -1e4, 0], { requiresGrad: true });
    finiteLossAndGrad('K-dim', F.crossEntropy(k.reshape([1, 2, 2, 2]), ints([1, 0, 1, 0]).reshape([1, 2, 2])), k);
  });

  test('NLLLoss over logSoftmax', () => {
    const x = logits([[1e4, -1e4], [-1e4, 1e4]]);
    const loss = F.nllLoss(x.logSoftmax(1), ints([1, 1]), { reduction: 'none' });
    close(loss, [2e4, 0]);
    finiteLossAndGrad('nll', loss, x);
  });

  test('BCEWithLogitsLoss: exact values and σ(x) − y gradients, with posWeight', () => {
    const x = logits([[1e4, -1e4, 1e4, -1e4]]);
    const y = nb.tensor([[1, 1, 0, 0]]);
    const loss = F.binaryCrossEntropyWithLogits(x, y, { reduction: 'none' });
    close(loss, [0, 1e4, 1e4, 0]);
    loss.sum().backward();
    close(x.grad!, [0, -1, 1, 0]);
    const x2 = logits([[1e4, -1e4, 1e4, -1e4]]);
    const l2 = F.binaryCrossEntropyWithLogits(x2, y, { posWeight: nb.tensor([3, 3, 3, 3]), reduction: 'none' });
    close(l2, [0, 3e4, 1e4, 0]);
    finiteLossAndGrad('posWeight', l2, x2);
  });

  test('SoftMarginLoss: log(1 + e^(−yx)) without overflow', () => {
    const x = nb.tensor([1e4, -1e4, 1e4, -1e4], { requiresGrad: true });
    const loss = F.softMarginLoss(x, nb.tensor([1, 1, -1, -1]), { reduction: 'none' });
    close(loss, [0, 1e4, 1e4, 0]);
    finiteLossAndGrad('softMargin', loss, x);
    close(x.grad!, [0, -1, 1, 0]);
  });

  test('BCELoss on saturated probabilities (σ(±1e4) = 0 or 1) is clamped at 100, not infinite', () => {
    const p = nb.tensor([1e4, -1e4]).sigmoid();
    close(F.binaryCrossEntropy(p, nb.tensor([0, 1]), { reduction: 'none' }), [100, 100]);
  });

  test('GaussianNLLLoss and LaplaceNLLLoss with large residuals and tiny spreads', () => {
    const mu = nb.tensor([1e4, -1e4, 0], { requiresGrad: true });
    const v = nb.tensor([1e-8, 1, 1e4], { requiresGrad: true });
    finiteLossAndGrad('gaussian', F.gaussianNllLoss(mu, nb.tensor([0, 0, 0]), v), mu, v);
    const mu2 = nb.tensor([1e4, -1e4, 0], { requiresGrad: true });
    const b = nb.tensor([1e-8, 1, 1e4], { requiresGrad: true });
    finiteLossAndGrad('laplace', F.laplaceNllLoss(mu2, nb.tensor([0, 0, 0]), b), mu2, b);
  });

  test('MixtureDensityNLLLoss with ±1e4 mixture logits', () => {
    const lg = logits([[1e4, -1e4], [-1e4, 1e4]]);
    const means = nb.tensor([[[0], [5]], [[0], [5]]], { requiresGrad: true });
    const scales = nb.tensor([[[1], [1]], [[1], [1]]], { requiresGrad: true });
    const y = nb.tensor([[5], [5]]);
    const loss = F.mdnNll(lg, means, scales, y, { reduction: 'none' });
    // first row: all weight on the component at 0, so −log N(5 | 0, 1); second: on the one at 5
    const half = 0.5 * Math.log(2 * Math.PI);
    close(loss, [12.5 + half, half]);
    finiteLossAndGrad('mdn', loss, lg, means, scales);
  });
});

/** Float64 gradcheck of every loss (module form), each reduction, the main option combinations. */
import { describe, test } from 'node:test';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const { nn } = nb;
const REDUCTIONS = ['mean', 'sum', 'none'] as const;

function normal(shape: number[], seed: number, { scale = 1, shift = 0, grad = true } = {}): Tensor {
  const g = new nb.Generator(seed);
  const t = nb.randn(shape, { dtype: 'float64', generator: g }).mul(scale).add(shift).detach();
  return grad ? t.requiresGrad_(true) : t;
}
function uniform(shape: number[], seed: number, lo: number, hi: number, grad = true): Tensor {
  const g = new nb.Generator(seed);
  const t = nb.rand(shape, { dtype: 'float64', generator: g }).mul(hi - lo).add(lo).detach();
  return grad ? t.requiresGrad_(true) : t;
}
function ints(data: number[], shape = [data.length]): Tensor {
  return nb.tensor(Int32Array.from(data), { dtype: 'int32' }).reshape(shape);
}
const weights = (n: number, seed: number): Tensor => uniform([n], seed, 0.5, 2, false);

/** Gradcheck of loss.call(...args) with respect to every argument that requires grad. */
function check(loss: nb.nn.Module, args: Tensor[]): void {
  nb.gradcheck((...xs) => loss.call(...xs), args);
}

describe('loss gradcheck (float64)', () => {
  for (const reduction of REDUCTIONS) {
    test(`MSELoss ${reduction}`, () => check(new nn.MSELoss({ reduction }), [normal([3, 4], 1), normal([3, 4], 2)]));
    test(`L1Loss ${reduction}`, () => check(new nn.L1Loss({ reduction }), [normal([3, 4], 3), normal([3, 4], 4, { shift: 0.2 })]));
    test(`HuberLoss ${reduction}`, () => {
      check(new nn.HuberLoss({ reduction }), [normal([3, 4], 5, { scale: 2 }), normal([3, 4], 6)]);
      check(new nn.HuberLoss({ reduction, delta: 0.3 }), [normal([3, 4], 7), normal([3, 4], 8)]);
    });
    test(`BCELoss ${reduction}`, () => {
      check(new nn.BCELoss({ reduction }), [uniform([3, 4], 9, 0.05, 0.95), uniform([3, 4], 10, 0, 1)]);
      check(new nn.BCELoss({ reduction, weight: uniform([4], 11, 0.5, 2, false) }), [uniform([3, 4], 12, 0.05, 0.95), uniform([3, 4], 13, 0, 1)]);
    });
    test(`BCEWithLogitsLoss ${reduction}`, () => {
      check(new nn.BCEWithLogitsLoss({ reduction }), [normal([3, 4], 14, { scale: 3 }), uniform([3, 4], 15, 0, 1)]);
      check(
        new nn.BCEWithLogitsLoss({ reduction, weight: uniform([3, 4], 16, 0.5, 2, false), posWeight: weights(4, 17) }),
        [normal([3, 4], 18, { scale: 3 }), uniform([3, 4], 19, 0, 1)],
      );
    });
    test(`SoftMarginLoss ${reduction}`, () => {
      check(new nn.SoftMarginLoss({ reduction }), [normal([3, 4], 20, { scale: 2 }), nb.tensor([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, -1], { dtype: 'float64' }).reshape([3, 4])]);
    });
    test(`CrossEntropyLoss ${reduction}: indices, weights, ignoreIndex, smoothing`, () => {
      const y = ints([0, 2, -100, 1, 2]);
      check(new nn.CrossEntropyLoss({ reduction }), [normal([5, 3], 21), ints([0, 2, 1, 1, 2])]);
      check(new nn.CrossEntropyLoss({ reduction, weight: weights(3, 22), labelSmoothing: 0.2 }), [normal([5, 3], 23), y]);
      check(new nn.CrossEntropyLoss({ reduction, ignoreIndex: 2, labelSmoothing: 0.1 }), [normal([5, 3], 24), ints([0, 2, 2, 1, 0])]);
      check(new nn.CrossEntropyLoss({ reduction, weight: weights(3, 25) }), [normal([2, 3, 2, 2], 26), ints([0, 1, 2, -100, 2, 2, 1, 0], [2, 2, 2])]);
    });
    test(`CrossEntropyLoss ${reduction}: probability targets (gradient w.r.t. both)`, () => {
      const q = normal([4, 3], 27).detach().softmax(1).requiresGrad_(true);
      check(new nn.CrossEntropyLoss({ reduction, weight: weights(3, 28), labelSmoothing: 0.1 }), [normal([4, 3], 29), q]);
      const q4 = normal([2, 3, 2, 2], 30).detach().softmax(1).requiresGrad_(true);
      check(new nn.CrossEntropyLoss({ reduction }), [normal([2, 3, 2, 2], 31), q4]);
    });
    test(`NLLLoss ${reduction}`, () => {
      check(new nn.NLLLoss({ reduction }), [normal([4, 3], 32), ints([2, 0, 1, 1])]);
      check(new nn.NLLLoss({ reduction, weight: weights(3, 33) }), [normal([2, 3, 3], 34), ints([2, 0, -100, 1, 1, 0], [2, 3])]);
    });
    test(`GaussianNLLLoss ${reduction}`, () => {
      check(new nn.GaussianNLLLoss({ reduction }), [normal([3, 2], 35), normal([3, 2], 36), uniform([3, 2], 37, 0.5, 2)]);
      check(new nn.GaussianNLLLoss({ reduction, full: true }), [normal([3, 2], 38), normal([3, 2], 39), uniform([3], 40, 0.5, 2)]);
    });
    test(`LaplaceNLLLoss ${reduction}`, () => {
      check(new nn.LaplaceNLLLoss({ reduction }), [normal([3, 2], 41), normal([3, 2], 42, { shift: 0.1 }), uniform([3, 2], 43, 0.5, 2)]);
      check(new nn.LaplaceNLLLoss({ reduction }), [normal([3, 2], 44), normal([3, 2], 45, { shift: 0.1 }), uniform([3, 1], 46, 0.5, 2)]);
    });
    test(`MixtureDensityNLLLoss ${reduction}`, () => {
      check(new nn.MixtureDensityNLLLoss({ reduction }), [
        normal([4, 3], 47), normal([4, 3, 2], 48), uniform([4, 3, 2], 49, 0.5, 2), normal([4, 2], 50),
      ]);
    });
  }

  test('CrossEntropyLoss unbatched [C]', () => {
    check(new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }), [normal([4], 51), ints([2], [])]);
  });

  test('MDNHead: gradient of the loss w.r.t. the input through the head', () => {
    const head = new nn.MDNHead(3, 2, 2, { dtype: 'float64', generator: new nb.Generator(52), minScale: 0.01 });
    const y = normal([4, 2], 53, { grad: false });
    nb.gradcheck((x) => {
      const p = head.predict(x);
      return nn.functional.mdnNll(p.logits, p.means, p.scales, y);
    }, [normal([4, 3], 54)]);
    const exp = new nn.MDNHead(3, 2, 1, { dtype: 'float64', generator: new nb.Generator(55), scaleActivation: 'exp' });
    nb.gradcheck((x) => exp.call(x), [normal([2, 3], 56)]);
  });
});

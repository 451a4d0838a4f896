/** Bad input to the losses: every error names the loss and says what is wrong. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as nb from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const { nn } = nb;
const F = nn.functional;
const ints = (data: number[], shape = [data.length]): Tensor => nb.tensor(Int32Array.from(data), { dtype: 'int32' }).reshape(shape);

describe('loss errors', () => {
  test('mismatched target shape names the loss and both shapes', () => {
    const x = nb.zeros([3, 2]);
    const t = nb.zeros([3, 1]);
    const mods: [string, nb.nn.Module][] = [
      ['MSELoss', new nn.MSELoss()], ['L1Loss', new nn.L1Loss()], ['HuberLoss', new nn.HuberLoss()],
      ['BCELoss', new nn.BCELoss()], ['BCEWithLogitsLoss', new nn.BCEWithLogitsLoss()], ['SoftMarginLoss', new nn.SoftMarginLoss()],
    ];
    for (const [name, m] of mods) {
      assert.throws(() => m.call(x, t), new RegExp(`^Error: ${name}: target shape \\[3,1\\] does not match input shape \\[3,2\\]$`), name);
    }
    assert.throws(() => F.mseLoss(x, nb.zeros([2, 3])), /mseLoss: target shape \[2,3\] does not match input shape \[3,2\]/);
    assert.throws(() => F.binaryCrossEntropyWithLogits(x, nb.zeros([2])), /binaryCrossEntropyWithLogits: target shape \[2\] does not match input shape \[3,2\]/);
    assert.throws(() => F.crossEntropy(nb.zeros([3, 4]), ints([0, 1])), /crossEntropy: target shape \[2\] does not match input shape \[3,4\] \(class-index target must be \[3\]/);
    assert.throws(() => new nn.NLLLoss().call(nb.zeros([2, 3, 4]), ints([0, 1], [2])), /NLLLoss: target shape \[2\] does not match input shape \[2,3,4\] \(class-index target must be \[2,4\]/);
    assert.throws(() => new nn.GaussianNLLLoss().call(x, nb.zeros([2, 2]), nb.ones([3, 2])), /GaussianNLLLoss: target shape \[2,2\] does not match input shape \[3,2\]/);
  });

  test('out-of-range class index says which index and the class count', () => {
    assert.throws(() => new nn.CrossEntropyLoss().call(nb.zeros([3, 4]), ints([0, 4, 1])),
      /CrossEntropyLoss: target index 4 \(at flat position 1\) is out of range for 4 classes \(expected 0\.\.3 or ignoreIndex -100\)/);
    assert.throws(() => F.crossEntropy(nb.zeros([2, 3]), ints([-1, 0])), /crossEntropy: target index -1 .* out of range for 3 classes/);
    assert.throws(() => new nn.NLLLoss({ ignoreIndex: 5 }).call(nb.zeros([2, 3]), ints([7, 5])), /NLLLoss: target index 7 .* 3 classes \(expected 0\.\.2 or ignoreIndex 5\)/);
    // the ignore index itself is fine, even outside [0, C)
    assert.ok(new nn.NLLLoss({ ignoreIndex: 5, reduction: 'sum' }).call(nb.zeros([2, 3]), ints([5, 5])).item() === 0);
  });

  test('float targets to NLL / the CE index path, int targets to BCE, say so', () => {
    assert.throws(() => new nn.NLLLoss().call(nb.zeros([2, 3]), nb.tensor([0, 1])),
      /NLLLoss: target must hold int32 class indices, got float32 target of shape \[2\]/);
    assert.throws(() => new nn.CrossEntropyLoss().call(nb.zeros([2, 3]), nb.tensor([0, 1])),
      /CrossEntropyLoss: target must hold int32 class indices, got float32 .*class probabilities must be float with the input's shape \[2,3\]/);
    assert.throws(() => new nn.BCELoss().call(nb.full([2], 0.5), ints([0, 1])),
      /BCELoss: target must be a floating-point tensor of probabilities \(float32 or float64\), got int32/);
    assert.throws(() => new nn.BCEWithLogitsLoss().call(nb.zeros([2]), ints([0, 1])),
      /BCEWithLogitsLoss: target must be a floating-point tensor of probabilities \(float32 or float64\), got int32/);
    assert.throws(() => new nn.MSELoss().call(nb.zeros([2]), ints([0, 1])), /MSELoss: target must be a floating-point tensor .* got int32/);
    assert.throws(() => new nn.MSELoss().call(ints([0, 1]), nb.zeros([2])), /MSELoss: input must be a floating-point tensor .* got int32/);
    assert.throws(() => new nn.CrossEntropyLoss().call(nb.zeros([2, 3]), ints([0, 1, 2, 0, 1, 2], [2, 3])),
      /CrossEntropyLoss: target shape \[2,3\] does not match input shape \[2,3\] \(class-index target must be \[2\]/);
  });

  test('GaussianNLLLoss and LaplaceNLLLoss refuse negative spreads and misshaped ones', () => {
    const x = nb.zeros([2, 3]);
    assert.throws(() => new nn.GaussianNLLLoss().call(x, x, nb.tensor([[1, 1, -0.5], [1, 1, 1]])),
      /GaussianNLLLoss: var has negative or NaN entries \(smallest -0\.5\)/);
    assert.throws(() => F.gaussianNllLoss(x, x, nb.full([2, 3], NaN)), /gaussianNllLoss: var has negative or NaN entries/);
    assert.throws(() => new nn.GaussianNLLLoss().call(x, x, nb.ones([3])),
      /GaussianNLLLoss: var shape \[3\] does not fit input shape \[2,3\] \(expected \[2,3\], or the input's shape with the last dim 1 or dropped\)/);
    assert.throws(() => new nn.LaplaceNLLLoss().call(x, x, nb.full([2, 3], -1)), /LaplaceNLLLoss: scale has negative or NaN entries/);
    assert.throws(() => new nn.LaplaceNLLLoss().call(x, x, nb.ones([2, 2])), /LaplaceNLLLoss: scale shape \[2,2\] does not fit input shape \[2,3\]/);
  });

  test('unknown reduction or option key throws naming it', () => {
    assert.throws(() => new nn.MSELoss({ reduction: 'avg' as never }), /MSELoss: unknown reduction 'avg' \(expected 'mean', 'sum' or 'none'\)/);
    assert.throws(() => F.crossEntropy(nb.zeros([1, 2]), ints([0]), { reduction: 'batchmean' as never }), /crossEntropy: unknown reduction 'batchmean'/);
    assert.throws(() => new nn.CrossEntropyLoss({ label_smoothing: 0.1 } as never),
      /CrossEntropyLoss: unknown option 'label_smoothing' \(known: reduction, weight, ignoreIndex, labelSmoothing\)/);
    assert.throws(() => new nn.BCEWithLogitsLoss({ pos_weight: nb.ones([1]) } as never), /BCEWithLogitsLoss: unknown option 'pos_weight'/);
    assert.throws(() => F.huberLoss(nb.zeros([1]), nb.zeros([1]), { beta: 1 } as never), /huberLoss: unknown option 'beta' \(known: reduction, delta\)/);
    assert.throws(() => new nn.GaussianNLLLoss({ size_average: true } as never), /GaussianNLLLoss: unknown option 'size_average'/);
    assert.throws(() => F.mdnNll(nb.zeros([1, 1]), nb.zeros([1, 1, 1]), nb.ones([1, 1, 1]), nb.zeros([1, 1]), { eps: 1 } as never), /mdnNll: unknown option 'eps'/);
  });

  test('bad option values', () => {
    assert.throws(() => new nn.HuberLoss({ delta: 0 }), /HuberLoss: delta must be > 0, got 0/);
    assert.throws(() => new nn.CrossEntropyLoss({ labelSmoothing: 1.5 }), /CrossEntropyLoss: labelSmoothing must be in \[0, 1\], got 1.5/);
    assert.throws(() => new nn.CrossEntropyLoss({ ignoreIndex: 0.5 }), /CrossEntropyLoss: ignoreIndex must be an integer/);
    assert.throws(() => new nn.CrossEntropyLoss({ weight: nb.ones([2]) }).call(nb.zeros([1, 3]), ints([0])),
      /CrossEntropyLoss: weight must have shape \[3\] \(one per class\), got \[2\]/);
    assert.throws(() => new nn.CrossEntropyLoss({ weight: ints([1, 1]) as Tensor }), /CrossEntropyLoss: weight must be a floating-point tensor/);
    assert.throws(() => new nn.CrossEntropyLoss({ ignoreIndex: 1 }).call(nb.zeros([2, 3]), nb.full([2, 3], 1 / 3)),
      /CrossEntropyLoss: ignoreIndex \(1\) is not supported for class-probability \(float\) targets/);
    assert.throws(() => new nn.BCEWithLogitsLoss({ posWeight: nb.ones([3]) }).call(nb.zeros([2, 2]), nb.zeros([2, 2])),
      /BCEWithLogitsLoss: posWeight of shape \[3\] cannot be broadcast to the input shape \[2,2\]/);
    assert.throws(() => new nn.GaussianNLLLoss({ full: 1 as never }), /GaussianNLLLoss: full must be true or false/);
    assert.throws(() => new nn.MSELoss('sum' as never), /MSELoss: options must be an object, got sum/);
  });

  test('BCELoss input outside [0, 1], MDN shape errors, non-tensors', () => {
    assert.throws(() => new nn.BCELoss().call(nb.tensor([0.5, 1.5]), nb.tensor([0, 1])),
      /BCELoss: input must be probabilities in \[0, 1\] .*for logits use BCEWithLogitsLoss/);
    const lg = nb.zeros([2, 3]);
    assert.throws(() => F.mdnNll(lg, nb.zeros([2, 2, 1]), nb.ones([2, 2, 1]), nb.zeros([2, 1])), /mdnNll: means shape \[2,2,1\] does not fit logits shape \[2,3\]/);
    assert.throws(() => F.mdnNll(lg, nb.zeros([2, 3, 2]), nb.ones([2, 3, 1]), nb.zeros([2, 2])), /mdnNll: scales shape \[2,3,1\] does not match means shape \[2,3,2\]/);
    assert.throws(() => new nn.MixtureDensityNLLLoss().call(lg, nb.zeros([2, 3, 2]), nb.ones([2, 3, 2]), nb.zeros([2, 3])),
      /MixtureDensityNLLLoss: target shape \[2,3\] does not match the mixture \(expected \[2,2\]/);
    assert.throws(() => F.mseLoss([1, 2] as never, nb.zeros([2])), /mseLoss: input must be a Tensor, got an array/);
    assert.throws(() => new nn.CrossEntropyLoss().call(nb.zeros([2, 3]), 1 as never), /CrossEntropyLoss: target must be a Tensor, got number/);
  });
});

describe('loss modules: config, repr, buffers', () => {
  test('configs are the resolved non-tensor options', () => {
    assert.deepEqual(new nn.MSELoss().config, { reduction: 'mean' });
    assert.deepEqual(new nn.HuberLoss({ delta: 2 }).config, { reduction: 'mean', delta: 2 });
    assert.deepEqual(new nn.CrossEntropyLoss({ labelSmoothing: 0.1, reduction: 'sum' }).config, { reduction: 'sum', ignoreIndex: -100, labelSmoothing: 0.1 });
    assert.deepEqual(new nn.NLLLoss().config, { reduction: 'mean', ignoreIndex: -100 });
    assert.deepEqual(new nn.GaussianNLLLoss({ full: true }).config, { reduction: 'mean', full: true, eps: 1e-6 });
    assert.deepEqual(new nn.LaplaceNLLLoss().config, { reduction: 'mean', eps: 1e-6 });
    assert.equal(String(new nn.CrossEntropyLoss({ labelSmoothing: 0.1 })), 'CrossEntropyLoss(reduction="mean", ignoreIndex=-100, labelSmoothing=0.1)');
    assert.equal(String(new nn.MixtureDensityNLLLoss({ reduction: 'none' })), 'MixtureDensityNLLLoss(reduction="none")');
  });

  test('class weights are buffers (in stateDict, not parameters), as in PyTorch', () => {
    const ce = new nn.CrossEntropyLoss({ weight: nb.tensor([1, 2, 3]) });
    assert.deepEqual(Object.keys(ce.stateDict()), ['weight']);
    assert.equal(ce.parameters().length, 0);
    assert.deepEqual(Object.keys(new nn.BCEWithLogitsLoss({ posWeight: nb.ones([2]) }).stateDict()), ['posWeight']);
    assert.deepEqual(Object.keys(new nn.MSELoss().stateDict()), []);
  });
});

/**
 * Bad constructor arguments and bad inputs: every message names the layer, the argument or the
 * expected layout, and what was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { throwsMatching } from '../helpers.js';

const { nn } = nb;
const F = nn.functional;

test('Linear and Maxout: wrong last dim, bad sizes, unknown options, non-float input', () => {
  throwsMatching(() => new nn.Linear(4, 3).call(nb.zeros([2, 3])), /^Linear: expected input with last dim 4 \(inFeatures\), got shape \[2,3\]$/);
  throwsMatching(() => new nn.Linear(4, 3).call(nb.zeros([])), /Linear: expected input with last dim 4 \(inFeatures\), got shape \[\]/);
  throwsMatching(() => new nn.Linear(4, 3).call(nb.zeros([2, 4], { dtype: 'int32' })), /Linear: expected a floating-point input, got dtype int32/);
  throwsMatching(() => new nn.Linear(2.5, 3), /Linear: inFeatures must be a non-negative integer, got 2\.5/);
  throwsMatching(() => new nn.Linear(4, 3, { biass: false } as never), /Linear: unknown option 'biass' \(known: bias, generator, dtype\)/);
  throwsMatching(() => new nn.Linear(4, 3, { dtype: 'int32' as never }), /Linear: dtype must be 'float32' or 'float64', got "int32"/);
  throwsMatching(() => new nn.Linear(4, 3, { generator: 7 as never }), /Linear: generator must be an nb.Generator, got 7/);
  throwsMatching(() => new nn.Maxout(4, 3, 2).call(nb.zeros([2, 5])), /Maxout: expected input with last dim 4 \(inFeatures\), got shape \[2,5\]/);
  throwsMatching(() => new nn.Maxout(4, 3, 0), /Maxout: pieces must be a positive integer, got 0/);
  throwsMatching(() => F.linear(nb.zeros([2, 3]), nb.zeros([4, 4])), /linear: expected input with last dim 4 \(inFeatures\), got shape \[2,3\]/);
  throwsMatching(() => F.linear(nb.zeros([2, 4]), nb.zeros([3, 4]), nb.zeros([4])), /linear: bias must have shape \[3\] \(outFeatures\), got \[4\]/);
});

test('Conv2d: channels, rank, kernel and option checks', () => {
  throwsMatching(() => new nn.Conv2d(3, 8, 3).call(nb.zeros([1, 2, 8, 8])), /^Conv2d: expected 3 input channels, got input \[1,2,8,8\]$/);
  throwsMatching(() => new nn.Conv2d(3, 8, 3).call(nb.zeros([3, 8])), /Conv2d: expected a 3-D or 4-D input \[N, C, H, W\] \(or unbatched \[C, H, W\]\), got shape \[3,8\]/);
  throwsMatching(() => new nn.Conv2d(3, 8, 2.5), /Conv2d: kernelSize must be an integer >= 1 or a pair of them, got 2\.5/);
  throwsMatching(() => new nn.Conv2d(3, 8, [3, 0]), /Conv2d: kernelSize must be an integer >= 1 or a pair of them, got \[3,0\]/);
  throwsMatching(() => new nn.Conv2d(3, 8, 3, { groups: 2 }), /Conv2d: inChannels \(3\) must be divisible by groups \(2\)/);
  throwsMatching(() => new nn.Conv2d(4, 6, 3, { groups: 4 }), /Conv2d: outChannels \(6\) must be divisible by groups \(4\)/);
  throwsMatching(() => new nn.Conv2d(3, 8, 3, { padding: 'same', stride: 2 }), /Conv2d: padding='same' is not supported for strided convolutions/);
  throwsMatching(() => new nn.Conv2d(3, 8, 3, { padding: -1 }), /Conv2d: padding must be an integer >= 0 or a pair of them, got -1/);
  throwsMatching(() => new nn.Conv2d(3, 8, 3, { padding: 'full' as never }), /Conv2d: padding must be an integer >= 0, a pair of them, 'same' or 'valid', got "full"/);
  throwsMatching(() => new nn.Conv2d(1, 1, 5).call(nb.zeros([1, 1, 3, 3])), /conv2d: input \[1,1,3,3\] is too small for kernel \[5,5\]/);
});

test('pooling layers: kernel, padding, rank, output size', () => {
  throwsMatching(() => new nn.MaxPool2d(0), /MaxPool2d: kernelSize must be an integer >= 1 or a pair of them, got 0/);
  throwsMatching(() => new nn.MaxPool2d(1.5), /MaxPool2d: kernelSize must be an integer >= 1/);
  throwsMatching(() => new nn.MaxPool2d(2, { padding: 2 }), /MaxPool2d: padding 2 must be at most half the kernel size 2/);
  throwsMatching(() => new nn.MaxPool2d(2).call(nb.zeros([4, 4])), /MaxPool2d: expected a 3-D or 4-D input \[N, C, H, W\] \(or unbatched \[C, H, W\]\), got shape \[4,4\]/);
  throwsMatching(() => new nn.AvgPool2d(2, { divisorOverride: 0 }), /AvgPool2d: divisorOverride must be a positive integer, got 0/);
  throwsMatching(() => new nn.AvgPool2d(3, { padding: 2 }), /AvgPool2d: padding 2 must be at most half the kernel size 3/);
  throwsMatching(() => new nn.AvgPool2d(2).call(nb.zeros([1, 1, 1, 1])), /avgPool2d: input \[1,1,1,1\] is too small/);
  throwsMatching(() => new nn.AdaptiveAvgPool2d(0), /AdaptiveAvgPool2d: outputSize must be a positive integer, got 0/);
  throwsMatching(() => new nn.AdaptiveAvgPool2d([2, 3, 4] as never), /AdaptiveAvgPool2d: outputSize must be a positive integer or a pair of them/);
  throwsMatching(() => new nn.AdaptiveAvgPool2d(2).call(nb.zeros([2, 5])), /AdaptiveAvgPool2d: expected a 3-D or 4-D input/);
  throwsMatching(() => new nn.Flatten({ startDim: 1.5 }), /Flatten: startDim must be an integer, got 1\.5/);
  throwsMatching(() => new nn.Flatten({ startDim: 3 }).call(nb.zeros([2, 2])), /flatten/);
});

test('BatchNorm1d / BatchNorm2d: rank, channels, one value per channel in training, bad options', () => {
  throwsMatching(() => new nn.BatchNorm2d(3).call(nb.zeros([2, 3])), /^BatchNorm2d: expected a 4-D input \[N, C, H, W\], got shape \[2,3\]$/);
  throwsMatching(() => new nn.BatchNorm1d(3).call(nb.zeros([2, 3, 4, 5])), /BatchNorm1d: expected a 2-D or 3-D input \[N, C\] or \[N, C, L\], got shape \[2,3,4,5\]/);
  throwsMatching(() => new nn.BatchNorm1d(3).call(nb.zeros([4, 2])), /BatchNorm1d: expected 3 channels \(numFeatures\) in dim 1, got input \[4,2\]/);
  throwsMatching(() => new nn.BatchNorm2d(3).call(nb.zeros([2, 4, 2, 2])), /BatchNorm2d: expected 3 channels \(numFeatures\) in dim 1, got input \[2,4,2,2\]/);
  throwsMatching(() => new nn.BatchNorm1d(3).call(nb.zeros([1, 3])), /BatchNorm1d: Expected more than 1 value per channel when training, got input shape \[1,3\]/);
  throwsMatching(() => new nn.BatchNorm2d(2).call(nb.zeros([1, 2, 1, 1])), /BatchNorm2d: Expected more than 1 value per channel when training/);
  throwsMatching(() => new nn.BatchNorm1d(3, { trackRunningStats: false }).eval().call(nb.zeros([1, 3])), /Expected more than 1 value per channel/);
  // eval with running statistics works on a single sample, and [1, C, H, W] has H·W values per channel
  assert.deepEqual(new nn.BatchNorm1d(3).eval().call(nb.zeros([1, 3])).shape, [1, 3]);
  assert.deepEqual(new nn.BatchNorm2d(2).call(nb.randn([1, 2, 2, 2])).shape, [1, 2, 2, 2]);
  throwsMatching(() => new nn.BatchNorm1d(0), /BatchNorm1d: numFeatures must be a positive integer, got 0/);
  throwsMatching(() => new nn.BatchNorm1d(3, { momentum: 2 }), /BatchNorm1d: momentum must be a number in \[0, 1\] or null \(cumulative average\), got 2/);
  throwsMatching(() => new nn.BatchNorm2d(3, { eps: -1 }), /BatchNorm2d: eps must be a non-negative finite number, got -1/);
  throwsMatching(() => new nn.BatchNorm2d(3, { affine: 1 as never }), /BatchNorm2d: affine must be true or false, got 1/);
  throwsMatching(() => F.batchNorm(nb.zeros([2, 3]), null, null), /batchNorm: runningMean and runningVar are required when training is false/);
  throwsMatching(() => F.batchNorm(nb.zeros([2, 3]), nb.zeros([2]), nb.ones([3]), { training: true }), /batchNorm: runningMean must have shape \[3\] \(one value per channel\), got \[2\]/);
});

test('LayerNorm, GroupNorm, InstanceNorm2d: shapes and options', () => {
  throwsMatching(() => new nn.LayerNorm([3, 4]).call(nb.zeros([2, 4, 3])), /^LayerNorm: expected input with trailing dims \[3,4\] \(normalizedShape\), got shape \[2,4,3\]$/);
  throwsMatching(() => new nn.LayerNorm(4).call(nb.zeros([])), /LayerNorm: expected input with trailing dims \[4\]/);
  throwsMatching(() => new nn.LayerNorm([]), /LayerNorm: normalizedShape must be a positive integer or a non-empty list of them, got \[\]/);
  throwsMatching(() => new nn.GroupNorm(3, 4), /GroupNorm: numChannels \(4\) must be divisible by numGroups \(3\)/);
  throwsMatching(() => new nn.GroupNorm(2, 4).call(nb.zeros([2, 6, 3])), /GroupNorm: expected input \[N, 4, \*\] \(numChannels in dim 1\), got shape \[2,6,3\]/);
  throwsMatching(() => new nn.InstanceNorm2d(3).call(nb.zeros([2, 3, 4])), /InstanceNorm2d: expected 3 channels \(numFeatures\) in dim 0, got input \[2,3,4\]/);
  throwsMatching(() => new nn.InstanceNorm2d(3).call(nb.zeros([2, 3])), /InstanceNorm2d: expected a 3-D or 4-D input/);
  throwsMatching(() => new nn.InstanceNorm2d(3).call(nb.zeros([2, 3, 1, 1])), /InstanceNorm2d: Expected more than 1 spatial element when training, got input shape \[2,3,1,1\]/);
  throwsMatching(() => new nn.InstanceNorm2d(3, { momentum: null as never }), /InstanceNorm2d: momentum must be a number in \[0, 1\]/);
  throwsMatching(() => F.groupNorm(nb.zeros([2, 4]), 3), /groupNorm: the 4 input channels are not divisible into 3 groups/);
});

test('Residual: block and shortcut outputs of different shapes', () => {
  throwsMatching(
    () => new nn.Residual(new nn.Linear(4, 3)).call(nb.zeros([2, 4])),
    /^Residual: block output \[2,3\] and shortcut output \[2,4\] must have the same shape \(input \[2,4\]; pass a shortcut that projects the input\)$/,
  );
  throwsMatching(() => new nn.Residual('nope' as never), /Residual: block must be a Module/);
  assert.deepEqual(new nn.Residual(new nn.Linear(4, 3), new nn.Linear(4, 3)).call(nb.zeros([2, 4])).shape, [2, 3]);
});

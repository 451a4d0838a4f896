/** Error messages name the op and the shapes involved. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { throwsMatching } from '../helpers.js';

describe('shape errors', () => {
  test('matmul names both shapes and the mismatching inner dims', () => {
    assert.throws(() => nb.matmul(nb.zeros([2, 3]), nb.zeros([4, 5])), {
      message: 'matmul: shapes [2,3] and [4,5] cannot be multiplied (3 != 4)',
    });
    throwsMatching(() => nb.zeros([3]).matmul(nb.zeros([4])), /matmul/, /\[3\]/, /\[4\]/, /3 != 4/);
    throwsMatching(() => nb.zeros([2, 2, 3]).matmul(nb.zeros([3, 3, 1])), /matmul/, /\[2\]/, /\[3\]/, /broadcast/);
    throwsMatching(() => nb.zeros([]).matmul(nb.zeros([2])), /matmul/, /at least 1 dim/);
  });

  test('broadcast errors name the op, both shapes and the offending dim', () => {
    throwsMatching(() => nb.add(nb.zeros([2, 3]), nb.zeros([4, 5])), /^add:/, /\[2,3\]/, /\[4,5\]/, /broadcast/);
    throwsMatching(() => nb.zeros([3]).mul(nb.zeros([4])), /^mul:/, /\[3\] and \[4\]/, /3 vs 4/);
    throwsMatching(() => nb.zeros([2, 3]).sub(nb.zeros([2, 1, 2])), /^sub:/, /dim -1/);
    throwsMatching(() => nb.zeros([2]).gt(nb.zeros([3])), /^gt:/);
    throwsMatching(() => nb.where(nb.tensor([true, false]), nb.zeros([3]), 0), /where/, /\[2\]/, /\[3\]/);
    throwsMatching(() => nb.broadcastShapes('myop', [2], [3]), /^myop:/);
    assert.deepEqual(nb.broadcastShapes('ok', [3, 1], [1, 4], [4]), [3, 4]);
  });

  test('reshape/view/expand name the shapes involved', () => {
    throwsMatching(() => nb.zeros([2, 3]).reshape(4, 4), /reshape/, /\[4,4\]/, /size 6/, /\[2,3\]/);
    throwsMatching(() => nb.zeros([2, 3]).reshape(-1, -1), /reshape/, /-1/);
    throwsMatching(() => nb.zeros([2, 3]).reshape(-1, 4), /reshape/, /\[-1,4\]/);
    throwsMatching(() => nb.zeros([2, 3]).view(5), /view/, /\[5\]/);
    throwsMatching(() => nb.zeros([2, 3]).expand(2, 4), /expand/, /\[2,3\]/, /\[2,4\]/);
    throwsMatching(() => nb.zeros([2, 3]).expand(3), /expand/, /fewer dims/);
  });

  test('cat, stack and permute name the tensors and shapes', () => {
    throwsMatching(() => nb.cat([nb.zeros([2, 3]), nb.zeros([2, 4])], 0), /cat/, /tensor 1/, /\[2,4\]/, /\[2,3\]/);
    throwsMatching(() => nb.stack([nb.zeros([2]), nb.zeros([3])]), /stack/, /\[3\]/, /\[2\]/);
    throwsMatching(() => nb.cat([]), /cat/, /non-empty/);
    throwsMatching(() => nb.zeros([2, 3]).permute(0), /permute/, /1 dims/, /2 dims/);
    throwsMatching(() => nb.zeros([2, 3]).permute(0, 0), /permute/, /repeat/);
  });

  test('backward names both shapes for a mismatched gradient', () => {
    const x = nb.ones([2, 2], { requiresGrad: true });
    throwsMatching(() => x.mul(1).backward(nb.ones([4])), /backward/, /\[4\]/, /\[2,2\]/);
  });
});

describe('dim errors', () => {
  test('out-of-range dims name the op, the dim and the valid range', () => {
    const x = nb.zeros([2, 3]);
    throwsMatching(() => x.sum(5), /^sum:/, /dim 5/, /out of range/, /2 dims/, /-2\.\.1/);
    throwsMatching(() => x.sum(-3), /^sum:/, /-3/);
    throwsMatching(() => x.mean([0, 2]), /^mean:/, /dim 2/);
    throwsMatching(() => x.max(2), /^max:/);
    throwsMatching(() => x.argmax(3), /^argmax:/);
    throwsMatching(() => x.transpose(0, 2), /^transpose:/, /dim1 2/);
    throwsMatching(() => x.softmax(2), /^softmax:/);
    throwsMatching(() => x.unsqueeze(4), /^unsqueeze:/, /4/);
    throwsMatching(() => x.squeeze(3), /^squeeze:/);
    throwsMatching(() => x.flip(2), /^flip:/);
    throwsMatching(() => x.size(2), /^size:/);
    throwsMatching(() => x.narrow(1, 2, 2), /^narrow:/, /size 3/);
    throwsMatching(() => nb.cat([x, x], 2), /^cat:/);
    throwsMatching(() => x.sum(0.5), /^sum:/, /0\.5/);
    throwsMatching(() => x.sum([0, 0]), /^sum:/, /more than once/);
  });

  test('negative dims count from the end', () => {
    const x = nb.arange(6).reshape(2, 3);
    assert.deepEqual(Array.from(x.sum(-1).data()), [3, 12]);
    assert.deepEqual(Array.from(x.sum(-2).data()), [3, 5, 7]);
    assert.equal(x.size(-1), 3);
    assert.deepEqual(x.unsqueeze(-1).shape, [2, 3, 1]);
  });
});

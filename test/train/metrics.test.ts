import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nb from '../../src/index.js';
import { Accuracy, MeanLoss, NLL, RMSE, TopKAccuracy, MeanAbsoluteError, resolveMetric, resolveMetrics } from '../../src/train/metrics/index.js';

const close = (a: number, b: number, tol = 1e-6): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const logits = nb.tensor([[2, 1, 0], [0, 3, 1], [1, 0, 4], [5, 4, 3]]);
const labels = nb.tensor([0, 2, 2, 1], { dtype: 'int32' });

test('accuracy: argmax for multi-class, threshold for binary, accumulated over batches', () => {
  const a = new Accuracy();
  a.update(logits.narrow(0, 0, 2), labels.narrow(0, 0, 2)); // right, wrong
  a.update(logits.narrow(0, 2, 2), labels.narrow(0, 2, 2)); // right, wrong
  assert.equal(a.result(), 0.5);
  a.reset();
  assert.ok(Number.isNaN(a.result()));
  a.update(logits, nb.oneHot(labels, 3).float()); // one-hot targets
  assert.equal(a.result(), 0.5);
  const b = new Accuracy();
  b.update(nb.tensor([[-1], [2], [0.5], [-3]]), nb.tensor([0, 1, 0, 0]));
  assert.equal(b.result(), 0.75);
  const p = new Accuracy({ threshold: 0.5 });
  p.update(nb.tensor([0.2, 0.7, 0.6]), nb.tensor([0, 1, 0]));
  close(p.result(), 2 / 3);
});

test('top-k accuracy counts the target among the k best (ties in its favour)', () => {
  const t2 = new TopKAccuracy({ k: 2 });
  t2.update(logits, labels); // ranks of targets: 1st, 2nd, 1st, 2nd → all in top 2
  assert.equal(t2.result(), 1);
  assert.equal(t2.name, 'top2_accuracy');
  const t1 = new TopKAccuracy({ k: 1 });
  t1.update(logits, labels);
  assert.equal(t1.result(), 0.5);
  const tie = new TopKAccuracy({ k: 1 });
  tie.update(nb.tensor([[1, 1, 0]]), nb.tensor([1], { dtype: 'int32' }));
  assert.equal(tie.result(), 1);
});

test('RMSE and MAE over all elements, with scale; [N] targets against [N, 1] outputs', () => {
  const out = nb.tensor([[1], [2], [3], [4]]);
  const y = nb.tensor([1, 0, 3, 8]);
  const r = new RMSE();
  r.update(out.narrow(0, 0, 3), y.narrow(0, 0, 3));
  r.update(out.narrow(0, 3, 1), y.narrow(0, 3, 1));
  close(r.result(), Math.sqrt((0 + 4 + 0 + 16) / 4));
  const s = new RMSE({ scale: 10 });
  s.update(out, y);
  close(s.result(), 10 * Math.sqrt(5));
  const m = new MeanAbsoluteError();
  m.update(out, y);
  close(m.result(), 6 / 4);
});

test('NLL: categorical from logits = mean −log softmax[target]; gaussian with fixed variance and scale', () => {
  const n = new NLL();
  n.update(logits, labels);
  const rows = logits.toArray() as number[][];
  const want = rows.map((r, i) => {
    const lse = Math.log(r.reduce((a, v) => a + Math.exp(v), 0));
    return lse - r[labels.data()[i]!]!;
  });
  close(n.result(), want.reduce((a, b) => a + b) / 4, 1e-5);
  const probs = new NLL({ fromLogits: false });
  probs.update(nb.tensor([[0.5, 0.5], [0.25, 0.75]]), nb.tensor([0, 1], { dtype: 'int32' }));
  close(probs.result(), -(Math.log(0.5) + Math.log(0.75)) / 2);
  const g = new NLL({ kind: 'gaussian', variance: 4, scale: 3 });
  g.update(nb.tensor([1, 2]), nb.tensor([3, 2]));
  const per = [0.5 * Math.log(2 * Math.PI * 4) + 4 / 8, 0.5 * Math.log(2 * Math.PI * 4)];
  close(g.result(), (per[0]! + per[1]!) / 2 + Math.log(3));
  assert.throws(() => new NLL({ kind: 'gaussian' }), /needs variance > 0/);
});

test('MeanLoss weights batches by size; metric state survives stateDict; names resolve', () => {
  const ml = new MeanLoss(new nb.nn.MSELoss());
  ml.update(nb.tensor([[0], [0], [0]]), nb.tensor([[1], [1], [1]])); // loss 1, 3 examples
  ml.update(nb.tensor([[0]]), nb.tensor([[3]])); // loss 9, 1 example
  close(ml.result(), (3 + 9) / 4);
  const a = new Accuracy();
  a.update(logits, labels);
  const b = new Accuracy();
  b.loadStateDict(a.stateDict());
  assert.equal(b.result(), a.result());
  assert.equal(a.clone().count, 0);
  assert.equal(resolveMetric('top5_accuracy').name, 'top5_accuracy');
  assert.equal(resolveMetric('rmse').name, 'rmse');
  assert.throws(() => resolveMetric('f1'), /unknown metric "f1" \(known: accuracy/);
  assert.throws(() => resolveMetrics(['accuracy', 'accuracy']), /two metrics are named 'accuracy'/);
  assert.throws(() => new Accuracy().update(logits, nb.tensor([1, 2], { dtype: 'int32' })), /does not match target/);
});

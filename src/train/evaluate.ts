/**
 * evaluate() and predict(): the model in eval mode (dropout off, batch norm on running
 * statistics), no graph recorded, batch by batch with the event loop turning between batches
 * (so the wasm backend can free memory). The model's previous mode is restored afterwards.
 */
import { noGrad } from '../autograd/grad-mode.js';
import { Module } from '../nn/module.js';
import { cat } from '../ops/movement.js';
import { Tensor } from '../tensor/tensor.js';
import { MeanLoss } from './metrics/mean-loss.js';
import type { Metric } from './metrics/metric.js';
import { resolveMetrics, type MetricSpec } from './metrics/resolve.js';
import { checkBatch, nextTick, type Batch, type LossFn } from './step.js';

/** Batches, sync or async: a DataLoader, an array of [x, y] pairs, a generator… */
export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>;

export interface EvaluateOptions {
  /** Adds 'loss' (the mean over examples) to the result. */
  loss?: LossFn;
  metrics?: readonly MetricSpec[];
  /** Prefix of the result's keys, e.g. 'val_' or 'test_' (default none). */
  prefix?: string;
}

function checkSource(who: string, src: unknown): void {
  const s = src as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null;
  if (!s || (typeof s[Symbol.iterator] !== 'function' && typeof s[Symbol.asyncIterator] !== 'function')) {
    throw new Error(`${who}: expected a loader (an iterable of [input, target] batches), got ${src === null ? 'null' : typeof src}`);
  }
}

/** Runs fn in eval mode, restoring the previous mode after. */
async function inEvalMode<T>(model: Module, fn: () => Promise<T>): Promise<T> {
  const was = model.training;
  model.eval();
  try {
    return await fn();
  } finally {
    model.train(was);
  }
}

/** Internal: evaluates already-built metric objects (reset first). */
export async function evaluateMetrics(model: Module, loader: BatchSource, metrics: Metric[]): Promise<void> {
  checkSource('evaluate', loader);
  for (const m of metrics) m.reset();
  await inEvalMode(model, async () => {
    for await (const batch of loader) {
      const [x, y] = checkBatch('evaluate', batch);
      noGrad(() => {
        const out = model.call(x);
        for (const m of metrics) m.update(out, y);
      });
      await nextTick();
    }
  });
}

/** The loss and metrics of `model` over every batch of `loader`: {loss, accuracy, …} (prefixed). */
export async function evaluate(model: Module, loader: BatchSource, options: EvaluateOptions = {}): Promise<Record<string, number>> {
  if (!(model instanceof Module)) throw new Error('evaluate: model must be an nn.Module');
  const metrics = resolveMetrics(options.metrics).map((m) => m.clone());
  if (options.loss !== undefined) metrics.unshift(new MeanLoss(options.loss));
  await evaluateMetrics(model, loader, metrics);
  const prefix = options.prefix ?? '';
  return Object.fromEntries(metrics.map((m) => [`${prefix}${m.name}`, m.result()]));
}

export interface PredictOptions {
  /** Rows per forward pass when `input` is a tensor (default 256). */
  batchSize?: number;
}

/**
 * The model's outputs for every row of `input` (a tensor, split into batches along dim 0) or for
 * every batch of a loader (its first element is the input), concatenated along dim 0.
 */
export async function predict(model: Module, input: Tensor | BatchSource, options: PredictOptions = {}): Promise<Tensor> {
  if (!(model instanceof Module)) throw new Error('predict: model must be an nn.Module');
  const batchSize = options.batchSize ?? 256;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`predict: batchSize must be a positive integer, got ${String(options.batchSize)}`);
  const outs: Tensor[] = [];
  await inEvalMode(model, async () => {
    if (input instanceof Tensor) {
      const n = input.ndim === 0 ? 0 : input.shape[0]!;
      if (n === 0) throw new Error('predict: the input has no rows');
      for (let i = 0; i < n; i += batchSize) {
        const x = input.narrow(0, i, Math.min(batchSize, n - i));
        outs.push(noGrad(() => model.call(x)));
        await nextTick();
      }
      return;
    }
    checkSource('predict', input);
    for await (const batch of input as BatchSource) {
      const x = batch instanceof Tensor ? batch : Array.isArray(batch) && batch[0] instanceof Tensor ? batch[0] : null;
      if (x === null) throw new Error('predict: each batch must be a tensor or [input, …]');
      outs.push(noGrad(() => model.call(x)));
      await nextTick();
    }
  });
  if (outs.length === 0) throw new Error('predict: the loader yielded no batches');
  return outs.length === 1 ? outs[0]! : cat(outs, 0);
}

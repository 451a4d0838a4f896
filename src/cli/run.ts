/**
 * The commands behind the `nabla` binary: train (fresh or --resume), evaluate, predict.
 *
 * A run directory holds
 *   config.json              the resolved config (defaults filled in, --set applied)
 *   metrics.jsonl            one JSON line per epoch (src/train/callbacks/json-lines-logger.ts)
 *   checkpoint.safetensors   the resumable state, rewritten atomically after every epoch and on Ctrl-C
 *   model.json, model.safetensors   the trained model (best epoch with restoreBestWeights) and its
 *                            preprocessing, for `nabla evaluate` / `nabla predict` and Python
 *   summary.json             final metrics: test_accuracy / test_rmse, test_nll, test_loss, seconds, …
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { writeJsonAtomic } from '../io/atomic.js';
import { loadModel, readModelFile, saveModel } from '../io/model.js';
import * as losses from '../losses/index.js';
import type { Module } from '../nn/module.js';
import * as optimizers from '../optim/index.js';
import * as schedulers from '../optim/lr-scheduler/index.js';
import { Optimizer } from '../optim/optimizer.js';
import { defaultGenerator, manualSeed } from '../random/generator.js';
import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { Callback } from '../train/callbacks/callback.js';
import { EarlyStopping } from '../train/callbacks/early-stopping.js';
import { ExplosionDetector } from '../train/callbacks/explosion-detector.js';
import { JsonLinesLogger } from '../train/callbacks/json-lines-logger.js';
import { ModelCheckpoint } from '../train/callbacks/model-checkpoint.js';
import { ReduceLROnPlateau } from '../train/callbacks/reduce-lr-on-plateau.js';
import { TerminateOnNaN } from '../train/callbacks/terminate-on-nan.js';
import { evaluate, predict } from '../train/evaluate.js';
import { fit } from '../train/fit.js';
import { diagnose } from '../train/diagnose.js';
import { formatLogs, formatSeconds } from '../train/format.js';
import { NLL } from '../train/metrics/nll.js';
import { RMSE } from '../train/metrics/rmse.js';
import { Accuracy } from '../train/metrics/accuracy.js';
import type { Metric } from '../train/metrics/metric.js';
import { resolveMetric } from '../train/metrics/resolve.js';
import type { LossFn } from '../train/step.js';
import { resolveConfig, type RunConfig } from './config.js';
import { buildAugmentation, evalLoader, prepareData, preprocessorFrom, trainLoader, type Prepared } from './data.js';
import { buildModel } from './model.js';
import { applySet, ConfigError } from './schema.js';

export const CHECKPOINT = 'checkpoint.safetensors';

export interface TrainArgs {
  config?: string;
  out?: string;
  set: string[];
  resume?: string;
  /** Where progress goes (default stdout). */
  log?: (line: string) => void;
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError('', `cannot read ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError('', `${path} is not valid JSON (${(e as Error).message})`);
  }
}

function construct<T>(table: Record<string, unknown>, base: ((x: unknown) => boolean) | null, spec: { type: string } & Record<string, unknown>, path: string, make: (cls: new (...a: never[]) => T, options: Record<string, unknown>) => T): T {
  const { type, ...options } = spec;
  const cls = table[type];
  const known = Object.keys(table).filter((k) => typeof table[k] === 'function' && (base === null || base(table[k])));
  if (typeof cls !== 'function' || (base !== null && !base(cls))) throw new ConfigError(`${path}.type`, `unknown ${path} ${JSON.stringify(type)} (known: ${known.join(', ')})`);
  try {
    return make(cls as new (...a: never[]) => T, options);
  } catch (e) {
    throw new ConfigError(path, (e as Error).message);
  }
}

function buildLoss(config: RunConfig, task: Prepared['task']): LossFn {
  const spec = config.loss ?? { type: task === 'classification' ? 'CrossEntropyLoss' : 'MSELoss' };
  return construct<Module>(losses as unknown as Record<string, unknown>, null, spec, 'loss', (cls, o) => new (cls as unknown as new (o: unknown) => Module)(o));
}

function buildOptimizer(config: RunConfig, model: Module): Optimizer {
  const isOpt = (c: unknown): boolean => typeof c === 'function' && (c as { prototype: unknown }).prototype instanceof Optimizer;
  return construct<Optimizer>(optimizers as unknown as Record<string, unknown>, isOpt, config.optimizer, 'optimizer', (cls, o) => new (cls as unknown as new (p: unknown, o: unknown) => Optimizer)(model.parameters(), o));
}

function buildScheduler(config: RunConfig, optimizer: Optimizer, stepsPerEpoch: number): { scheduler: unknown; interval: 'epoch' | 'batch' } | null {
  if (config.schedule === null) return null;
  const { interval = 'epoch', ...spec } = config.schedule;
  const steps = interval === 'batch' ? config.train.epochs * stepsPerEpoch : config.train.epochs;
  // sizes left out are the length of the run
  if (spec.type === 'CosineAnnealingLR' && spec['tMax'] === undefined) spec['tMax'] = steps;
  if (spec.type === 'OneCycleLR' && spec['totalSteps'] === undefined && spec['epochs'] === undefined) spec['totalSteps'] = steps;
  if ((spec.type === 'LinearLR' || spec.type === 'PolynomialLR') && spec['totalIters'] === undefined) spec['totalIters'] = steps;
  const table = schedulers as unknown as Record<string, unknown>;
  const isSched = (c: unknown): boolean => typeof c === 'function' && (c as { prototype: unknown }).prototype instanceof schedulers.LRScheduler;
  const scheduler = construct<unknown>(table, isSched, spec as { type: string }, 'schedule', (cls, o) => new (cls as unknown as new (opt: unknown, o: unknown) => unknown)(optimizer, o));
  return { scheduler, interval };
}

/** What the model file keeps beside the weights so that evaluate/predict reproduce the inputs. */
interface ModelMetadata {
  task: Prepared['task'];
  inputShape: number[];
  outputs: number;
  preprocessing: { inputs: unknown; target: unknown };
  targetScale: number;
  /** Gaussian predictive variance (standardized units) for regression NLL: the training MSE. */
  variance?: number;
}

function testMetrics(task: Prepared['task'], extra: readonly string[], targetScale: number, variance: number | undefined): Metric[] {
  const ms: Metric[] = task === 'classification'
    ? [new Accuracy(), new NLL()]
    : [new RMSE({ scale: targetScale }), new NLL({ kind: 'gaussian', variance: variance ?? 1, scale: targetScale })];
  for (const name of extra) if (!ms.some((m) => m.name === name)) ms.push(resolveMetric(name));
  return ms;
}

export async function trainCommand(args: TrainArgs): Promise<number> {
  const log = args.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const t0 = performance.now();
  let raw: Record<string, unknown>;
  let fallbackName: string;
  let out: string;
  if (args.resume !== undefined) {
    const dir = args.resume;
    if (!existsSync(join(dir, CHECKPOINT))) throw new ConfigError('--resume', `${join(dir, CHECKPOINT)} not found (resume takes a run directory with a checkpoint)`);
    raw = (await readJson(join(dir, 'config.json'), 'the run config')) as Record<string, unknown>;
    fallbackName = basename(dir);
    out = args.out ?? dir;
  } else {
    if (args.config === undefined) throw new ConfigError('', 'nabla train needs a config file (or --resume DIR)');
    raw = (await readJson(args.config, 'config file')) as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('', `${args.config} must hold a JSON object`);
    fallbackName = basename(args.config, extname(args.config));
    out = '';
  }
  for (const s of args.set) applySet(raw, s);
  const config = resolveConfig(raw, fallbackName);
  if (!out) out = args.out ?? config.out ?? join('runs', config.name);
  await mkdir(out, { recursive: true });
  await writeJsonAtomic(join(out, 'config.json'), config);

  manualSeed(config.seed);
  const data = await prepareData(config.data, defaultGenerator().split());
  const { model, outputShape } = buildModel(config.model, data.inputShape, data.outputs);
  const expected = data.task === 'classification' ? [data.outputs] : [data.outputs];
  if (outputShape.length !== 1 || outputShape[0] !== expected[0]) {
    throw new ConfigError('model', `the model outputs [${outputShape.join(', ')}] per example, but the data needs [${expected.join(', ')}] (${data.task === 'classification' ? 'one logit per class' : 'one value per target'}); end with {"type": "Linear", "outFeatures": "outputs"}`);
  }
  const loss = buildLoss(config, data.task);
  const optimizer = buildOptimizer(config, model);
  const augment = buildAugmentation(config.data.augmentation);
  const loader = trainLoader(data, config.train.batchSize, augment);
  const sched = buildScheduler(config, optimizer, loader.length);
  const val = data.val ? evalLoader(data.val, config.train.evalBatchSize) : undefined;
  const cb = config.callbacks;
  const monitorDefault = val ? 'val_loss' : 'loss';
  const callbacks: Callback[] = [];
  if (cb.reduceLROnPlateau) callbacks.push(new ReduceLROnPlateau({ monitor: monitorDefault, ...(cb.reduceLROnPlateau === true ? {} : cb.reduceLROnPlateau) }));
  if (cb.earlyStopping) callbacks.push(new EarlyStopping({ monitor: monitorDefault, ...(cb.earlyStopping === true ? {} : cb.earlyStopping) }));
  if (cb.checkpoint) callbacks.push(new ModelCheckpoint(join(out, 'best.safetensors'), { monitor: monitorDefault, saveBestOnly: true, weightsOnly: true, ...cb.checkpoint }));
  if (cb.terminateOnNaN) callbacks.push(new TerminateOnNaN());
  if (cb.explosion) callbacks.push(new ExplosionDetector(cb.explosion === true ? {} : cb.explosion));
  callbacks.push(new JsonLinesLogger(join(out, 'metrics.jsonl'), { everyBatches: cb.log?.everyBatches ?? 0 }));
  const metrics = config.train.metrics ?? (data.task === 'classification' ? ['accuracy'] : ['rmse']);

  const n = (p: { x: Tensor } | null): number => (p ? p.x.shape[0]! : 0);
  log(`nabla train: ${config.name} — ${data.description}; ${data.task}, ${n(data.train)} train / ${n(data.val)} validation / ${n(data.test)} test examples of shape [${data.inputShape.join(', ')}]`);
  log(`model: ${model.parameters().reduce((a, p) => a + p.numel(), 0)} parameters; ${config.train.epochs} epochs of ${loader.length} batches; run directory ${out}`);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    log('\ninterrupted: finishing the current batch and saving a checkpoint (Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let history;
  try {
    history = await fit(model, {
      loss,
      optimizer,
      epochs: config.train.epochs,
      trainLoader: loader,
      valLoader: val,
      metrics,
      callbacks,
      ...(sched ? { scheduler: sched.scheduler as never, schedulerInterval: sched.interval } : {}),
      progress: cb.progress,
      checkpointPath: join(out, CHECKPOINT),
      resume: args.resume !== undefined ? join(args.resume, CHECKPOINT) : undefined,
      signal: controller.signal,
      generators: { augmentation: loader.augmentGenerator },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  const seconds = (performance.now() - t0) / 1000;
  const last = history.last() ?? {};
  const base = {
    name: config.name,
    task: data.task,
    status: history.stopReason === 'aborted' ? 'interrupted' : 'finished',
    stop_reason: history.stopReason,
    stop_message: history.stopMessage,
    epochs: history.epochs.length,
    seconds,
    seconds_per_epoch: history.epochs.length ? history.epochs.reduce((a, e) => a + (e['seconds'] ?? 0), 0) / history.epochs.length : 0,
    train_examples: n(data.train),
    val_examples: n(data.val),
    test_examples: n(data.test),
    train_loss: last['loss'] ?? null,
    val_loss: last['val_loss'] ?? null,
  };
  if (history.stopReason === 'aborted') {
    await writeJsonAtomic(join(out, 'summary.json'), base);
    // (no test metrics: the run is not finished)
    log(`${history.stopMessage}\nresume with: nabla train --resume ${out}`);
    return 130;
  }
  let variance: number | undefined;
  if (data.task === 'regression') {
    const r = await evaluate(model, evalLoader(data.train, config.train.evalBatchSize), { metrics: [new RMSE()] });
    variance = Math.max(r['rmse']! ** 2, 1e-12);
  }
  const metadata: ModelMetadata = {
    task: data.task,
    inputShape: data.inputShape,
    outputs: data.outputs,
    preprocessing: { inputs: data.inputs?.toJSON() ?? null, target: data.target?.toJSON() ?? null },
    targetScale: data.targetScale,
    ...(variance !== undefined ? { variance } : {}),
  };
  await saveModel(model, out, { metadata: metadata as unknown as Record<string, unknown> });
  const test = await evaluate(model, evalLoader(data.test, config.train.evalBatchSize), {
    loss, metrics: testMetrics(data.task, metrics, data.targetScale, variance), prefix: 'test_',
  });
  const diagnosis = diagnose(history);
  const summary = { ...base, ...test, diagnosis, seconds: (performance.now() - t0) / 1000 };
  await writeJsonAtomic(join(out, 'summary.json'), summary);
  if (history.stopReason !== 'completed' && !cb.progress) log(history.stopMessage); // the progress bar prints it otherwise
  for (const d of diagnosis) log(`diagnosis: ${d}`);
  log(`test: ${formatLogs(test)}  (${formatSeconds(summary.seconds)} in all)`);
  log(`wrote ${join(out, 'summary.json')}`);
  return history.stopReason === 'non-finite-loss' || history.stopReason === 'explosion' ? 1 : 0;
}

/** Re-evaluates a finished run's model on its test split (same config and seed → same split). */
export async function evaluateCommand(args: { dir: string; set: string[]; log?: (s: string) => void }): Promise<number> {
  const log = args.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const raw = (await readJson(join(args.dir, 'config.json'), 'the run config')) as Record<string, unknown>;
  for (const s of args.set) applySet(raw, s);
  const config = resolveConfig(raw, basename(args.dir));
  const model = await loadModel(args.dir);
  const meta = (await readModelFile(args.dir)).metadata as unknown as ModelMetadata;
  manualSeed(config.seed);
  const data = await prepareData(config.data, defaultGenerator().split());
  const loss = buildLoss(config, data.task);
  const res = await evaluate(model, evalLoader(data.test, config.train.evalBatchSize), {
    loss, metrics: testMetrics(data.task, config.train.metrics ?? [], meta.targetScale ?? 1, meta.variance), prefix: 'test_',
  });
  log(JSON.stringify(res, null, 2));
  return 0;
}

function parseInput(text: string, path: string): number[][] {
  if (path.endsWith('.json')) {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v)) throw new Error(`${path}: expected a JSON list of examples`);
    return v.map((r) => (Array.isArray(r) ? (r as unknown[]).flat(Infinity) as number[] : [r as number]));
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^[A-Za-z"]/.test(l)).map((l) => l.split(/[,\s]+/).map(Number));
}

/**
 * Predicts with a run's model on new examples: a CSV (one example per line, values row-major,
 * an optional header) or a JSON list. Writes CSV: the class and its probability (classification)
 * or the predicted values in the target's units (regression).
 */
export async function predictCommand(args: { dir: string; input: string; output?: string; batchSize?: number; log?: (s: string) => void }): Promise<number> {
  const log = args.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const model = await loadModel(args.dir);
  const meta = (await readModelFile(args.dir)).metadata as unknown as ModelMetadata;
  let text: string;
  try {
    text = await readFile(args.input, 'utf8');
  } catch (e) {
    throw new ConfigError('--input', `cannot read ${args.input} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const rows = parseInput(text, args.input);
  const per = meta.inputShape.reduce((a, b) => a * b, 1);
  rows.forEach((r, i) => {
    if (r.length !== per || r.some((v) => !Number.isFinite(v))) throw new Error(`${args.input}: example ${i + 1} has ${r.length} values (need ${per} numbers for shape [${meta.inputShape.join(', ')}])`);
  });
  let x = tensor(Float32Array.from(rows.flat())).reshape([rows.length, ...meta.inputShape]);
  const inputs = preprocessorFrom(meta.preprocessing?.inputs as never);
  if (inputs) x = inputs.transform(x);
  let y = await predict(model, x, { batchSize: args.batchSize ?? 256 });
  const lines: string[] = [];
  if (meta.task === 'classification') {
    const p = y.softmax(1);
    const cls = p.argmax(1).data();
    const prob = p.max(1).data();
    lines.push('class,probability');
    for (let i = 0; i < cls.length; i++) lines.push(`${cls[i]},${prob[i]!.toFixed(6)}`);
  } else {
    const target = preprocessorFrom(meta.preprocessing?.target as never);
    if (target?.inverseTransform) y = target.inverseTransform(y);
    const cols = y.shape[1] ?? 1;
    const d = y.data();
    lines.push(Array.from({ length: cols }, (_, j) => `prediction${cols > 1 ? j : ''}`).join(','));
    for (let i = 0; i < y.shape[0]!; i++) lines.push(Array.from(d.slice(i * cols, (i + 1) * cols)).join(','));
  }
  const csv = `${lines.join('\n')}\n`;
  if (args.output) {
    const { writeFileAtomic } = await import('../io/atomic.js');
    await writeFileAtomic(args.output, csv);
    log(`wrote ${rows.length} predictions to ${args.output}`);
  } else {
    process.stdout.write(csv);
  }
  return 0;
}

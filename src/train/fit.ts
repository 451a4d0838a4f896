/**
 * fit(): the training loop, composed of trainStep and callbacks (STYLE lesson 11).
 *
 *   const history = await nb.train.fit(model, {
 *     loss: new nn.CrossEntropyLoss(), optimizer, epochs: 20, trainLoader, valLoader,
 *     metrics: ['accuracy'], callbacks: [new EarlyStopping({patience: 3, restoreBestWeights: true})],
 *     checkpointPath: 'run/checkpoint.safetensors', signal,
 *   });
 *
 * Per epoch: model.train(); for each batch trainStep, then onBatchEnd, then the event loop turns
 * (an awaited setImmediate: the wasm backend frees dead tensors from finalizers, which only run
 * when the loop turns — src/backends/wasm/heap.ts — and it lets an AbortSignal or Ctrl-C in);
 * then validation (evaluate on valLoader, keys 'val_*'), the epoch's record in the History,
 * onEpochEnd, and the end-of-epoch checkpoint.
 *
 * Resuming. A checkpoint (checkpointPath, ModelCheckpoint, or an abort through `signal`) holds the
 * model, optimizer, callback states (schedulers, early stopping, …), the epoch, the batches done
 * in it, the step, the History, the epoch's running sums, and the generators: the default
 * generator (now and at the epoch's start), the train loader's generator at the epoch's start, and
 * every module's own `generator` (dropout masks). `fit(…, {resume: path})` restores all of it,
 * replays the interrupted epoch's first batches from the loader without training on them (so the
 * shuffle order and any data-side random draws are regenerated exactly), restores the default
 * generator, and continues: the final weights are bit-identical to an uninterrupted run with the
 * same seed. Generators the loop cannot see (an augmentation's own generator that is not the
 * loader's) are not saved; derive them from the loader's generator or the default one.
 *
 * Stopping: a callback calls trainer.stop(reason, message) (EarlyStopping, TerminateOnNaN,
 * ExplosionDetector); the History records the reason and message. An aborted signal stops after
 * the current batch, writes the checkpoint (when checkpointPath is set) and resolves with
 * stopReason 'aborted' — fit never rejects because of an abort.
 */
import { Module } from '../nn/module.js';
import { Optimizer } from '../optim/optimizer.js';
import { ReduceLROnPlateau as PlateauScheduler } from '../optim/lr-scheduler/reduce-lr-on-plateau.js';
import type { LRScheduler } from '../optim/lr-scheduler/lr-scheduler.js';
import { defaultGenerator, Generator, type GeneratorState } from '../random/generator.js';
import { loadCheckpoint, saveCheckpoint } from '../io/checkpoint.js';
import { Callback, type Trainer } from './callbacks/callback.js';
import { LRSchedulerCallback } from './callbacks/lr-scheduler.js';
import { ProgressBar, type ProgressBarOptions } from './callbacks/progress-bar.js';
import { ReduceLROnPlateau } from './callbacks/reduce-lr-on-plateau.js';
import { evaluateMetrics, type BatchSource } from './evaluate.js';
import { History, type HistoryJSON, type Logs, type StopReason } from './history.js';
import { MeanLoss } from './metrics/mean-loss.js';
import type { Metric, MetricState } from './metrics/metric.js';
import { resolveMetrics, type MetricSpec } from './metrics/resolve.js';
import { nextTick, trainStep, type LossFn } from './step.js';

/**
 * A training batch source. Used when present: `length` (batches per epoch), `generator` (its
 * shuffle), and `stateDict()` / `loadStateDict()` (nb.data.DataLoader's resumable position: with
 * them a resumed epoch starts at the right batch without rebuilding the ones before it).
 */
export type TrainLoader = BatchSource & {
  readonly length?: number;
  readonly generator?: Generator;
  stateDict?(): unknown;
  loadStateDict?(state: never): void;
};

export interface FitOptions {
  loss: LossFn;
  optimizer: Optimizer;
  epochs: number;
  trainLoader: TrainLoader;
  valLoader?: BatchSource;
  /** Metrics computed on training batches and on the validation set ('accuracy', 'rmse', …). */
  metrics?: readonly MetricSpec[];
  callbacks?: readonly Callback[];
  /** A learning-rate scheduler stepped by the loop, or a ReduceLROnPlateau fed `schedulerMonitor`. */
  scheduler?: Pick<LRScheduler, 'step' | 'stateDict' | 'loadStateDict'> | PlateauScheduler;
  /** When the scheduler steps: after every 'epoch' (default) or every 'batch'. */
  schedulerInterval?: 'epoch' | 'batch';
  /** The log key a ReduceLROnPlateau scheduler watches (default 'val_loss', or 'loss' without valLoader). */
  schedulerMonitor?: string;
  /** Show progress (a ProgressBar callback): true or its options. Default false (fit prints nothing). */
  progress?: boolean | ProgressBarOptions;
  /** Write a resumable checkpoint here at the end of every epoch and when aborted. */
  checkpointPath?: string;
  /** Continue from a checkpoint (a path, or the object loadCheckpoint returned). */
  resume?: string | Record<string, unknown>;
  /** Abort: stop after the current batch, checkpoint, resolve with stopReason 'aborted'. */
  signal?: AbortSignal;
  /** More generators to keep in checkpoints, by name: data-side ones such as an augmentation's. */
  generators?: Record<string, Generator>;
}

const KNOWN = [
  'loss', 'optimizer', 'epochs', 'trainLoader', 'valLoader', 'metrics', 'callbacks', 'scheduler', 'schedulerInterval',
  'schedulerMonitor', 'progress', 'checkpointPath', 'resume', 'signal', 'generators',
];

function checkOptions(model: unknown, o: FitOptions): void {
  if (!(model instanceof Module)) throw new Error('fit: model must be an nn.Module');
  if (typeof o !== 'object' || o === null) throw new Error('fit: options must be an object');
  for (const k of Object.keys(o)) if (!KNOWN.includes(k)) throw new Error(`fit: unknown option '${k}' (known: ${KNOWN.join(', ')})`);
  if (o.loss === undefined) throw new Error('fit: options.loss is required (a loss module or function)');
  if (!(o.optimizer instanceof Optimizer)) throw new Error('fit: options.optimizer must be an nb.optim optimizer');
  if (!Number.isInteger(o.epochs) || o.epochs < 0) throw new Error(`fit: epochs must be an integer >= 0, got ${String(o.epochs)}`);
  for (const key of ['trainLoader', 'valLoader'] as const) {
    const l = o[key] as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | undefined;
    if (l === undefined && key === 'valLoader') continue;
    if (!l || (typeof l[Symbol.iterator] !== 'function' && typeof l[Symbol.asyncIterator] !== 'function')) {
      throw new Error(`fit: ${key} must be an iterable of [input, target] batches (e.g. a DataLoader)`);
    }
  }
  if (o.callbacks !== undefined && (!Array.isArray(o.callbacks) || !o.callbacks.every((c) => c instanceof Callback))) {
    throw new Error('fit: callbacks must be a list of Callback instances');
  }
}

/** Each module's own generator (Dropout, GaussianNoise… constructed with {generator}), by module name. */
function moduleGenerators(model: Module): Map<string, Generator> {
  const out = new Map<string, Generator>();
  const seen = new Set<Generator>();
  for (const [name, m] of model.namedModules()) {
    const g = (m as unknown as { generator?: unknown }).generator;
    if (g instanceof Generator && !seen.has(g)) {
      seen.add(g);
      out.set(name || '(root)', g);
    }
  }
  return out;
}

/** Unique keys for the callbacks that have state: class name, then '#2', '#3' for repeats. */
function callbackKeys(callbacks: readonly Callback[]): Map<Callback, string> {
  const counts = new Map<string, number>();
  const out = new Map<Callback, string>();
  for (const cb of callbacks) {
    const name = cb.constructor.name;
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    out.set(cb, n === 1 ? name : `${name}#${n}`);
  }
  return out;
}

interface RngState {
  global: GeneratorState;
  globalEpochStart: GeneratorState;
  /** The loader's own stateDict() when it has one (then no replay is needed)… */
  loader: unknown;
  /** …otherwise its generator at the epoch's start, for the replay. */
  loaderEpochStart: GeneratorState | null;
  extra: Record<string, { now: GeneratorState; epochStart: GeneratorState }>;
  modules: Record<string, GeneratorState>;
}

interface FitCheckpoint {
  kind: 'fit';
  epoch: number;
  batchInEpoch: number;
  step: number;
  model: Record<string, unknown>;
  optimizer: Parameters<Optimizer['loadStateDict']>[0];
  callbacks: Record<string, unknown>;
  rng: RngState;
  running: { loss: MetricState; metrics: MetricState[] } | null;
  history: HistoryJSON;
}

class FitLoop implements Trainer {
  readonly history: History;
  epoch = 0;
  batchInEpoch = 0;
  step = 0;
  resumed = false;
  stopRequested = false;
  readonly stepsPerEpoch: number | undefined;
  readonly callbacks: Callback[];
  private readonly trainMetrics: Metric[];
  private readonly valMetrics: Metric[];
  private lossTotal = 0;
  private lossCount = 0;
  private epochStartRng: { global: GeneratorState; loader: GeneratorState | null; extra: Record<string, GeneratorState> } | null = null;
  private pendingSaves: string[] = [];
  private inEpochEnd = false;
  /** Batches of the current epoch to replay without training (resuming from a plain iterable). */
  private skip = 0;
  /** Index of the first batch the loader will yield this epoch (resuming a DataLoader). */
  private firstBatch = 0;
  private afterSkip: { global: GeneratorState; extra: Record<string, GeneratorState> } | null = null;

  constructor(
    readonly model: Module,
    readonly options: FitOptions,
  ) {
    this.history = new History();
    const len = (options.trainLoader as { length?: unknown }).length;
    this.stepsPerEpoch = typeof len === 'number' && Number.isInteger(len) ? len : undefined;
    const metrics = resolveMetrics(options.metrics);
    this.trainMetrics = metrics.map((m) => m.clone());
    this.valMetrics = [new MeanLoss(options.loss), ...metrics.map((m) => m.clone())];
    const cbs: Callback[] = [];
    if (options.scheduler !== undefined) {
      if (options.scheduler instanceof PlateauScheduler) {
        cbs.push(new ReduceLROnPlateau(options.scheduler, { monitor: options.schedulerMonitor ?? (options.valLoader ? 'val_loss' : 'loss') }));
      } else {
        cbs.push(new LRSchedulerCallback(options.scheduler, { interval: options.schedulerInterval ?? 'epoch' }));
      }
    }
    cbs.push(...(options.callbacks ?? []));
    if (options.progress) cbs.push(new ProgressBar(options.progress === true ? {} : options.progress));
    this.callbacks = cbs;
    for (const [k, g] of Object.entries(options.generators ?? {})) {
      if (!(g instanceof Generator)) throw new Error(`fit: generators.${k} must be an nb.Generator`);
    }
  }

  get optimizer(): Optimizer {
    return this.options.optimizer;
  }
  get epochs(): number {
    return this.options.epochs;
  }
  private get loaderGenerator(): Generator | null {
    const g = this.options.trainLoader.generator;
    return g instanceof Generator ? g : null;
  }
  /** The loader keeps its own resumable position (nb.data.DataLoader). */
  private get loaderResumes(): boolean {
    const l = this.options.trainLoader;
    return typeof l.stateDict === 'function' && typeof l.loadStateDict === 'function';
  }
  private extraStates(): Record<string, GeneratorState> {
    return Object.fromEntries(Object.entries(this.options.generators ?? {}).map(([k, g]) => [k, g.getState()]));
  }

  runningLogs(): Logs {
    const logs: Logs = { loss: this.lossCount ? this.lossTotal / this.lossCount : NaN };
    for (const m of this.trainMetrics) logs[m.name] = m.result();
    return logs;
  }

  stop(reason: StopReason, message = ''): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    this.history.stopReason = reason;
    this.history.stopMessage = message;
  }

  async saveCheckpoint(path: string): Promise<void> {
    if (this.inEpochEnd) {
      this.pendingSaves.push(path);
      return;
    }
    await saveCheckpoint(path, this.state() as unknown as Record<string, unknown>);
  }

  // ---- state ----------------------------------------------------------------------------------

  private state(): FitCheckpoint {
    const atBoundary = this.batchInEpoch === 0 || !this.epochStartRng;
    const global = defaultGenerator().getState();
    const loaderGen = this.loaderGenerator;
    const keys = callbackKeys(this.callbacks);
    const callbacks: Record<string, unknown> = {};
    for (const cb of this.callbacks) {
      const s = cb.stateDict();
      if (s !== undefined) callbacks[keys.get(cb)!] = s;
    }
    const extraNow = this.extraStates();
    const extra: RngState['extra'] = {};
    for (const [k, now] of Object.entries(extraNow)) extra[k] = { now, epochStart: atBoundary ? now : this.epochStartRng!.extra[k] ?? now };
    return {
      kind: 'fit',
      epoch: this.epoch,
      batchInEpoch: this.batchInEpoch,
      step: this.step,
      model: this.model.stateDict(),
      optimizer: this.optimizer.stateDict(),
      callbacks,
      rng: {
        global,
        globalEpochStart: atBoundary ? global : this.epochStartRng!.global,
        loader: this.loaderResumes ? this.options.trainLoader.stateDict!() : null,
        loaderEpochStart: loaderGen ? (atBoundary ? loaderGen.getState() : this.epochStartRng!.loader) : null,
        extra,
        modules: Object.fromEntries([...moduleGenerators(this.model)].map(([k, g]) => [k, g.getState()])),
      },
      running: this.batchInEpoch === 0 ? null : { loss: { total: this.lossTotal, count: this.lossCount }, metrics: this.trainMetrics.map((m) => m.stateDict()) },
      history: this.history.toJSON(),
    };
  }

  private restore(ck: FitCheckpoint, source: string): void {
    const where = `fit: resume from ${source}`;
    if (ck?.kind !== 'fit') throw new Error(`${where}: not a checkpoint written by fit()`);
    try {
      this.model.loadStateDict(ck.model as never);
    } catch (e) {
      throw new Error(`${where}: the model does not match the checkpoint: ${(e as Error).message}`);
    }
    try {
      this.optimizer.loadStateDict(ck.optimizer);
    } catch (e) {
      throw new Error(`${where}: the optimizer does not match the checkpoint: ${(e as Error).message}`);
    }
    const keys = callbackKeys(this.callbacks);
    const byKey = new Map([...keys].map(([cb, k]) => [k, cb]));
    for (const [key, state] of Object.entries(ck.callbacks ?? {})) {
      const cb = byKey.get(key);
      if (!cb) {
        throw new Error(`${where}: the checkpoint holds the state of a ${key} callback, but this fit has none (pass the same callbacks and scheduler as the interrupted run)`);
      }
      cb.loadStateDict(state);
    }
    this.history.epochs = History.fromJSON(ck.history).epochs;
    this.epoch = ck.epoch;
    this.batchInEpoch = ck.batchInEpoch;
    this.step = ck.step;
    const rng = ck.rng;
    const gens = moduleGenerators(this.model);
    for (const [name, state] of Object.entries(rng.modules ?? {})) {
      const g = gens.get(name);
      if (!g) throw new Error(`${where}: the checkpoint has a generator for module '${name}', which this model lacks`);
      g.setState(state);
    }
    const extra = this.options.generators ?? {};
    for (const name of Object.keys(rng.extra ?? {})) {
      if (!(name in extra)) throw new Error(`${where}: the checkpoint has a generator '${name}' that fit's generators option lacks`);
    }
    const extraNow = Object.fromEntries(Object.entries(rng.extra ?? {}).map(([k, v]) => [k, v.now]));
    if (this.loaderResumes && rng.loader !== null && rng.loader !== undefined) {
      // the loader skips the epoch's first batches itself: everything is restored as it was
      this.options.trainLoader.loadStateDict!(rng.loader as never);
      this.firstBatch = ck.batchInEpoch;
      this.afterSkip = { global: rng.global, extra: extraNow };
      this.applyAfterSkip();
    } else {
      // replay: epoch-start states now, the current ones once the replayed batches are drawn
      const loaderGen = this.loaderGenerator;
      if (rng.loaderEpochStart && loaderGen) loaderGen.setState(rng.loaderEpochStart);
      defaultGenerator().setState(rng.globalEpochStart);
      for (const [k, v] of Object.entries(rng.extra ?? {})) extra[k]!.setState(v.epochStart);
      this.skip = ck.batchInEpoch;
      this.afterSkip = { global: rng.global, extra: extraNow };
      if (this.skip === 0) this.applyAfterSkip();
    }
    this.epochStartRng = {
      global: rng.globalEpochStart,
      loader: rng.loaderEpochStart,
      extra: Object.fromEntries(Object.entries(rng.extra ?? {}).map(([k, v]) => [k, v.epochStart])),
    };
    if (ck.running && ck.batchInEpoch > 0) {
      this.lossTotal = ck.running.loss.total;
      this.lossCount = ck.running.loss.count;
      ck.running.metrics.forEach((st, i) => this.trainMetrics[i]?.loadStateDict(st));
    }
    this.resumed = true;
  }

  private applyAfterSkip(): void {
    if (!this.afterSkip) return;
    defaultGenerator().setState(this.afterSkip.global);
    const extra = this.options.generators ?? {};
    for (const [k, st] of Object.entries(this.afterSkip.extra)) extra[k]!.setState(st);
    this.afterSkip = null;
  }

  // ---- the loop -------------------------------------------------------------------------------

  private async each(fn: (cb: Callback) => void | Promise<void>): Promise<void> {
    for (const cb of this.callbacks) await fn(cb);
  }

  private aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  private async abort(): Promise<void> {
    this.stop('aborted', `training interrupted at epoch ${this.epoch + 1}, batch ${this.batchInEpoch} (step ${this.step})`);
    if (this.options.checkpointPath) {
      await this.saveCheckpoint(this.options.checkpointPath);
      this.history.stopMessage += `; checkpoint saved to ${this.options.checkpointPath}`;
    }
  }

  async run(): Promise<History> {
    const { resume } = this.options;
    if (resume !== undefined) {
      const source = typeof resume === 'string' ? resume : '<checkpoint object>';
      const ck = typeof resume === 'string' ? await loadCheckpoint(resume) : resume;
      this.restore(ck as unknown as FitCheckpoint, source);
    }
    for (const cb of this.callbacks) cb.trainer = this;
    await this.each((cb) => cb.onTrainBegin());
    const { model, options } = this;
    while (this.epoch < options.epochs && !this.stopRequested) {
      if (this.aborted()) {
        await this.abort();
        break;
      }
      const e = this.epoch;
      model.train();
      const resuming = this.skip > 0 || this.firstBatch > 0;
      if (!resuming) {
        this.lossTotal = 0;
        this.lossCount = 0;
        for (const m of this.trainMetrics) m.reset();
        this.epochStartRng = { global: defaultGenerator().getState(), loader: this.loaderGenerator?.getState() ?? null, extra: this.extraStates() };
      }
      await this.each((cb) => cb.onEpochBegin(e));
      const t0 = performance.now();
      let b = this.firstBatch;
      this.firstBatch = 0;
      for await (const batch of options.trainLoader) {
        if (b < this.skip) {
          b++;
          if (b === this.skip) this.applyAfterSkip();
          continue;
        }
        await this.each((cb) => cb.onBatchBegin(b));
        const r = trainStep(model, batch, { loss: options.loss, optimizer: options.optimizer });
        this.step++;
        this.lossTotal += r.loss * r.batchSize;
        this.lossCount += r.batchSize;
        for (const m of this.trainMetrics) m.update(r.output, r.target);
        this.batchInEpoch = ++b;
        const logs: Logs = { loss: r.loss, size: r.batchSize, step: this.step };
        await this.each((cb) => cb.onBatchEnd(b - 1, logs));
        await nextTick();
        if (this.aborted() || this.stopRequested) break;
      }
      if (b < this.skip) {
        throw new Error(`fit: the checkpoint was taken after batch ${this.skip} of epoch ${e + 1}, but the train loader now yields only ${b} batches`);
      }
      this.skip = 0;
      if (this.stopRequested) break;
      if (this.aborted() && (this.stepsPerEpoch === undefined || b < this.stepsPerEpoch)) {
        await this.abort();
        break;
      }
      if (b === 0) throw new Error(`fit: the train loader yielded no batches in epoch ${e + 1}`);
      const logs: Logs = { epoch: e + 1, ...this.runningLogs() };
      if (options.valLoader !== undefined) {
        await evaluateMetrics(model, options.valLoader, this.valMetrics);
        for (const m of this.valMetrics) logs[`val_${m.name}`] = m.result();
        model.train();
      }
      logs['lr'] = options.optimizer.paramGroups[0]!.lr;
      logs['seconds'] = (performance.now() - t0) / 1000;
      this.history.epochs.push(logs);
      this.inEpochEnd = true;
      try {
        await this.each((cb) => cb.onEpochEnd(e, logs));
      } finally {
        this.inEpochEnd = false;
      }
      this.epoch = e + 1;
      this.batchInEpoch = 0;
      const saves = [...this.pendingSaves, ...(options.checkpointPath ? [options.checkpointPath] : [])];
      this.pendingSaves = [];
      for (const p of saves) await this.saveCheckpoint(p);
      if (this.aborted() && !this.stopRequested) {
        this.stop('aborted', `training interrupted after epoch ${e + 1} (step ${this.step})${options.checkpointPath ? `; checkpoint saved to ${options.checkpointPath}` : ''}`);
      }
    }
    await this.each((cb) => cb.onTrainEnd(this.history.last()));
    return this.history;
  }
}

/** Trains `model`; resolves with the History when training ends (completed, stopped or aborted). */
export async function fit(model: Module, options: FitOptions): Promise<History> {
  checkOptions(model, options);
  return new FitLoop(model, options).run();
}

/**
 * The run config of `nabla train` (JSON). Every key, its type, its default:
 *
 *   name          string                     run name (default: the config file's name)
 *   seed          integer >= 0               seeds the default generator (init, dropout, splits, shuffle)
 *   out           string                     run directory (default runs/<name>); --out overrides
 *   model         [layer spec, …]            {type: 'Conv2d', outChannels: 16, kernelSize: 3, …}; input
 *                                            sizes (inFeatures, inChannels, numFeatures) may be left out
 *                 | {preset, …options}       'mlp' | 'lenet' | 'small-resnet' (src/cli/presets.ts)
 *   data          source                     'digits' (embedded 8×8) | 'mnist' (IDX files in dir) |
 *                                            'uci' (dir, name, split) | 'csv' (path, target, features)
 *                 task                       'classification' | 'regression' (default by source)
 *                 validation                 fraction of the training part held out (default 0.1)
 *                 testFraction               test fraction for sources without a test split (default 0.2)
 *                 preprocessing              {inputs: 'none'|'standardize'|'center'|'minmax',
 *                                             target: 'none'|'standardize'} (regression target)
 *                 augmentation               [transform spec, …] e.g. {type: 'RandomCrop', size: 28, padding: 2}
 *                 limit                      use only the first N training examples (quick runs)
 *   loss          {type, …options} | null    default CrossEntropyLoss / MSELoss by task
 *   optimizer     {type, …options}           any nb.optim optimizer, e.g. {type: 'Adam', lr: 0.001}
 *   schedule      {type, interval, …} | null any nb.optim.lrScheduler class; interval 'epoch' | 'batch'
 *   callbacks     earlyStopping, reduceLROnPlateau, checkpoint, terminateOnNaN, explosion, progress, log
 *   train         epochs, batchSize, evalBatchSize, metrics
 */
import { ConfigError, validate, type Schema } from './schema.js';

const num = (o: Omit<Extract<Schema, { kind: 'number' }>, 'kind'> = {}): Schema => ({ kind: 'number', ...o });
const int = (o: Omit<Extract<Schema, { kind: 'number' }>, 'kind' | 'integer'> = {}): Schema => ({ kind: 'number', integer: true, ...o });
const str = (o: Omit<Extract<Schema, { kind: 'string' }>, 'kind'> = {}): Schema => ({ kind: 'string', ...o });
const bool = (d?: boolean): Schema => ({ kind: 'boolean', default: d });
const obj = (fields: Record<string, Schema>, o: { required?: string[]; default?: Record<string, unknown>; describe?: string } = {}): Schema => ({ kind: 'object', fields, ...o });
const typed = (describe: string): Schema => ({ kind: 'any', describe });

const mode = str({ enum: ['min', 'max', 'auto'] });

const earlyStopping = obj({
  monitor: str(), patience: int({ min: 0 }), minDelta: num({ min: 0 }), mode, restoreBestWeights: bool(), startFromEpoch: int({ min: 0 }),
}, { describe: 'early-stopping options {monitor, patience, minDelta, mode, restoreBestWeights}' });
const plateau = obj({
  monitor: str(), mode: str({ enum: ['min', 'max'] }), factor: num({ min: 0, max: 1, exclusiveMax: true }), patience: int({ min: 0 }),
  threshold: num({ min: 0 }), thresholdMode: str({ enum: ['rel', 'abs'] }), cooldown: int({ min: 0 }), minLr: num({ min: 0 }), eps: num({ min: 0 }),
}, { describe: 'ReduceLROnPlateau options {monitor, factor, patience, …}' });
const disabled = (inner: Schema, describe: string, d: unknown): Schema => ({
  kind: 'oneOf', describe, default: d, options: [{ kind: 'boolean' }, inner],
});

export const RUN_SCHEMA: Schema = obj({
  name: str(),
  seed: int({ min: 0, default: 0 }),
  out: str(),
  model: { kind: 'oneOf', describe: 'a list of layer specs or {preset: "mlp" | "lenet" | "small-resnet", …options}', options: [
    { kind: 'array', items: typed('a layer spec {type, …options}'), minItems: 1 },
    obj({
      preset: str({ enum: ['mlp', 'lenet', 'small-resnet'] }),
      hidden: { kind: 'array', items: int({ min: 1 }) },
      activation: str(),
      dropout: num({ min: 0, max: 1, exclusiveMax: true }),
      batchNorm: bool(),
      channels: { kind: 'array', items: int({ min: 1 }) },
      blocks: int({ min: 1 }),
      width: int({ min: 1 }),
    }, { required: ['preset'] }),
  ] },
  data: obj({
    source: str({ enum: ['digits', 'mnist', 'uci', 'csv'] }),
    task: str({ enum: ['classification', 'regression'] }),
    dir: str(),
    name: str(),
    split: int({ min: 0 }),
    path: str(),
    target: { kind: 'oneOf', describe: 'a column name or index, or a list of them', options: [str(), int({ min: 0 }), { kind: 'array', items: { kind: 'oneOf', describe: 'a column name or index', options: [str(), int({ min: 0 })] }, minItems: 1 }] },
    features: { kind: 'array', items: { kind: 'oneOf', describe: 'a column name or index', options: [str(), int({ min: 0 })] } },
    delimiter: str(),
    validation: num({ min: 0, max: 1, exclusiveMax: true, default: 0.1 }),
    testFraction: num({ min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, default: 0.2 }),
    preprocessing: obj({
      inputs: str({ enum: ['none', 'standardize', 'center', 'minmax'], default: 'none' }),
      target: str({ enum: ['none', 'standardize'], default: 'none' }),
    }, { default: {} }),
    augmentation: { kind: 'array', items: typed('a transform spec {type, …options}'), default: [] },
    limit: int({ min: 1 }),
  }, { required: ['source'] }),
  loss: { kind: 'nullable', inner: typed('a loss spec {type: "CrossEntropyLoss", …options}'), default: null },
  optimizer: { kind: 'any', describe: 'an optimizer spec {type: "Adam", lr, …}', default: { type: 'Adam', lr: 0.001 } },
  schedule: { kind: 'nullable', inner: typed('a schedule spec {type: "CosineAnnealingLR", interval, …options}'), default: null },
  callbacks: obj({
    earlyStopping: disabled(earlyStopping, 'false or early-stopping options', false),
    reduceLROnPlateau: disabled(plateau, 'false or ReduceLROnPlateau options', false),
    checkpoint: obj({ everyEpochs: int({ min: 1 }), saveBestOnly: bool(), monitor: str(), mode }),
    terminateOnNaN: bool(true),
    explosion: disabled(obj({ factor: num({ min: 1, exclusiveMin: true }), smoothing: num({ min: 0, max: 1, exclusiveMax: true }) }), 'false or {factor, smoothing}', true),
    progress: bool(true),
    log: obj({ everyBatches: int({ min: 0 }) }),
  }, { default: {} }),
  train: obj({
    epochs: int({ min: 1 }),
    batchSize: int({ min: 1, default: 64 }),
    evalBatchSize: int({ min: 1, default: 500 }),
    metrics: { kind: 'array', items: str() },
  }, { required: ['epochs'] }),
}, { required: ['model', 'data', 'train'] });

export interface RunConfig {
  name: string;
  seed: number;
  out?: string;
  model: unknown[] | ({ preset: 'mlp' | 'lenet' | 'small-resnet' } & Record<string, unknown>);
  data: {
    source: 'digits' | 'mnist' | 'uci' | 'csv';
    task?: 'classification' | 'regression';
    dir?: string;
    name?: string;
    split?: number;
    path?: string;
    target?: string | number | (string | number)[];
    features?: (string | number)[];
    delimiter?: string;
    validation: number;
    testFraction: number;
    preprocessing: { inputs: 'none' | 'standardize' | 'center' | 'minmax'; target: 'none' | 'standardize' };
    augmentation: Record<string, unknown>[];
    limit?: number;
  };
  loss: ({ type: string } & Record<string, unknown>) | null;
  optimizer: { type: string } & Record<string, unknown>;
  schedule: ({ type: string; interval?: 'epoch' | 'batch' } & Record<string, unknown>) | null;
  callbacks: {
    earlyStopping: boolean | Record<string, unknown>;
    reduceLROnPlateau: boolean | Record<string, unknown>;
    checkpoint?: { everyEpochs?: number; saveBestOnly?: boolean; monitor?: string; mode?: 'min' | 'max' | 'auto' };
    terminateOnNaN: boolean;
    explosion: boolean | { factor?: number; smoothing?: number };
    progress: boolean;
    log?: { everyBatches?: number };
  };
  train: { epochs: number; batchSize: number; evalBatchSize: number; metrics?: string[] };
}

function spec(path: string, v: unknown, what: string): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as { type?: unknown }).type !== 'string') {
    throw new ConfigError(path, `expected ${what} with a "type", got ${JSON.stringify(v)}`);
  }
}

/** Validates a parsed config, fills defaults, and checks what depends on several keys. */
export function resolveConfig(raw: unknown, fallbackName = 'run'): RunConfig {
  const c = validate(RUN_SCHEMA, raw) as RunConfig;
  c.name ??= fallbackName;
  const d = c.data;
  const need = (key: keyof RunConfig['data'], why: string): void => {
    if (d[key] === undefined) throw new ConfigError(`data.${key}`, `required when ${why}`);
  };
  const forbid = (keys: (keyof RunConfig['data'])[], source: string): void => {
    for (const k of keys) if (d[k] !== undefined) throw new ConfigError(`data.${k}`, `not used by source '${source}'`);
  };
  switch (d.source) {
    case 'digits':
      forbid(['dir', 'name', 'split', 'path', 'target', 'features', 'delimiter'], 'digits');
      break;
    case 'mnist':
      need('dir', "source is 'mnist' (the folder with the four IDX files)");
      forbid(['name', 'split', 'path', 'target', 'features', 'delimiter'], 'mnist');
      break;
    case 'uci':
      need('dir', "source is 'uci' (the folder with data.txt and the index files, or its parent with name)");
      forbid(['path', 'target', 'features'], 'uci');
      break;
    case 'csv':
      need('path', "source is 'csv'");
      need('target', "source is 'csv' (the column(s) to predict)");
      forbid(['dir', 'name', 'split'], 'csv');
      break;
  }
  d.task ??= d.source === 'uci' ? 'regression' : d.source === 'csv' ? 'regression' : 'classification';
  if (d.preprocessing.target !== 'none' && d.task !== 'regression') {
    throw new ConfigError('data.preprocessing.target', `only regression targets can be standardized (data.task is '${d.task}')`);
  }
  if (c.loss !== null) spec('loss', c.loss, 'a loss spec');
  spec('optimizer', c.optimizer, 'an optimizer spec');
  if (c.schedule !== null) {
    spec('schedule', c.schedule, 'a schedule spec');
    const iv = c.schedule.interval;
    if (iv !== undefined && iv !== 'epoch' && iv !== 'batch') throw new ConfigError('schedule.interval', `expected "epoch" or "batch", got ${JSON.stringify(iv)}`);
  }
  c.data.augmentation.forEach((a, i) => spec(`data.augmentation[${i}]`, a, 'a transform spec'));
  if (c.callbacks.reduceLROnPlateau && c.schedule !== null) {
    throw new ConfigError('callbacks.reduceLROnPlateau', 'cannot be combined with a schedule (both set the learning rate)');
  }
  return c;
}

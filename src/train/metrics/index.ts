/** nb.train.metrics: accumulating metrics, one per file. */
export { Metric, type MetricState } from './metric.js';
export { Accuracy, type AccuracyOptions } from './accuracy.js';
export { TopKAccuracy, type TopKAccuracyOptions } from './top-k-accuracy.js';
export { RMSE, type RMSEOptions } from './rmse.js';
export { MeanAbsoluteError, type MeanAbsoluteErrorOptions } from './mean-absolute-error.js';
export { NLL, type NLLOptions } from './nll.js';
export { MeanLoss } from './mean-loss.js';
export { resolveMetric, resolveMetrics, type MetricSpec } from './resolve.js';

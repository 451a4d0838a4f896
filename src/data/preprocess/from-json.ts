/**
 * Preprocessors by name: `preprocessorFromJSON` rebuilds a fitted one from its toJSON() output;
 * `createPreprocessor` makes an unfitted one from a config such as {type: 'Standardize', perChannel: true}
 * (the shape a CLI config file uses).
 */
import { Center } from './center.js';
import { MinMaxScaler } from './min-max-scaler.js';
import { PCA } from './pca.js';
import { PCAWhitening } from './pca-whitening.js';
import { Pipeline } from './pipeline.js';
import type { Preprocessor } from './preprocessor.js';
import { Standardize } from './standardize.js';
import { ZCAWhitening } from './zca-whitening.js';

const READERS: Record<string, (json: unknown) => Preprocessor> = {
  Center: (j) => Center.fromJSON(j),
  Standardize: (j) => Standardize.fromJSON(j),
  MinMaxScaler: (j) => MinMaxScaler.fromJSON(j),
  PCA: (j) => PCA.fromJSON(j),
  PCAWhitening: (j) => PCAWhitening.fromJSON(j),
  ZCAWhitening: (j) => ZCAWhitening.fromJSON(j),
  Pipeline: (j) => Pipeline.fromJSON(j, preprocessorFromJSON),
};

export function preprocessorFromJSON(json: unknown): Preprocessor {
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const read = typeof type === 'string' && Object.hasOwn(READERS, type) ? READERS[type] : undefined;
  if (!read) throw new Error(`preprocessorFromJSON: unknown type ${JSON.stringify(type)} (known: ${Object.keys(READERS).join(', ')})`);
  return read(json);
}

export interface PreprocessorConfig {
  type: string;
  [option: string]: unknown;
}

const MAKERS: Record<string, (options: Record<string, unknown>) => Preprocessor> = {
  Center: (o) => new Center(o),
  Standardize: (o) => new Standardize(o),
  MinMaxScaler: (o) => new MinMaxScaler(o as never),
  PCA: (o) => new PCA(o),
  PCAWhitening: (o) => new PCAWhitening(o),
  ZCAWhitening: (o) => new ZCAWhitening(o),
  Pipeline: (o) => {
    const { steps, ...rest } = o;
    if (Object.keys(rest).length > 0) throw new Error(`Pipeline: unknown option '${Object.keys(rest)[0]}' (known: steps)`);
    if (!Array.isArray(steps)) throw new Error("Pipeline: 'steps' must be an array of preprocessor configs");
    return new Pipeline(steps.map((s) => createPreprocessor(s as PreprocessorConfig)));
  },
};

/** An unfitted preprocessor from {type, ...options}; unknown types and options are errors. */
export function createPreprocessor(config: PreprocessorConfig): Preprocessor {
  if (typeof config !== 'object' || config === null) throw new Error('createPreprocessor: expected {type, ...options}');
  const { type, ...options } = config;
  const make = typeof type === 'string' && Object.hasOwn(MAKERS, type) ? MAKERS[type] : undefined;
  if (!make) throw new Error(`createPreprocessor: unknown type ${JSON.stringify(type)} (known: ${Object.keys(MAKERS).join(', ')})`);
  return make(options);
}

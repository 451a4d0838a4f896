/** Fitted, serialisable preprocessing (deck 004): centering, standardization, min-max, PCA, whitening. */
export { type Preprocessor, type PreprocessorJSON } from './preprocessor.js';
export { Center, type CenterOptions } from './center.js';
export { Standardize, type StandardizeOptions } from './standardize.js';
export { MinMaxScaler, type MinMaxScalerOptions } from './min-max-scaler.js';
export { PCA, type PCAOptions } from './pca.js';
export { PCAWhitening, type PCAWhiteningOptions, type WhiteningOptions } from './pca-whitening.js';
export { ZCAWhitening, type ZCAWhiteningOptions } from './zca-whitening.js';
export { Pipeline } from './pipeline.js';
export { preprocessorFromJSON, createPreprocessor, type PreprocessorConfig } from './from-json.js';
export { eigh, type EighOptions, type EighResult } from './eigh.js';

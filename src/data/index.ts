/**
 * Data: datasets and loaders, splits and samplers, fitted preprocessing, dataset readers and the
 * downloader, the embedded 8×8 digits, and (as `augment`) image augmentation.
 */
// datasets, batching, splitting
export { type Dataset, TensorDataset, Subset, ConcatDataset, isDataset } from './dataset.js';
export { DataLoader, type DataLoaderOptions, type DataLoaderState } from './loader.js';
export { defaultCollate, type Collate, type Collated } from './collate.js';
export {
  randomSplit, trainValTestSplit, stratifiedSplit, kFold, stratifiedKFold, splitSizes,
  type SplitOptions, type TrainValTestOptions, type Fold, type KFoldOptions,
} from './splits.js';
export {
  type Sampler, SequentialSampler, RandomSampler, BootstrapSampler, bootstrapIndices, outOfBagIndices,
  type RandomSamplerOptions, type BootstrapOptions,
} from './samplers.js';
// preprocessing (Center, Standardize, MinMaxScaler, PCA, PCAWhitening, ZCAWhitening, Pipeline, eigh)
export * from './preprocess/index.js';
// reading and downloading datasets (IDX/MNIST, CSV and whitespace tables, UCI splits)
export * from './sources/index.js';
export { loadDigits, digitsRaw, type Digits } from './embedded/digits.js';
// image augmentation
export * as augment from './augment/index.js';

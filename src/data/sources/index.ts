/** Reading datasets: IDX (MNIST), numeric tables (CSV / whitespace), the UCI splits, and the downloader. */
export { parseIdx, readIdx, readIdxSync, type Idx, type IdxType, type IdxArray } from './idx.js';
export { parseTable, readTable, readTableSync, tableToTensor, type Table, type TableOptions } from './table.js';
export { loadUci, type UciOptions, type UciSplit } from './uci.js';
export { download, defaultCacheDir, sha256File, ChecksumError, type DownloadOptions, type FetchLike } from './download.js';
export { loadMnist, MNIST_BASE_URL, MNIST_FILES, MNIST_SHA256, type MnistOptions, type ImageSplit } from './mnist.js';

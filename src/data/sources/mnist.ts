/**
 * MNIST and anything in the same format (Fashion-MNIST, KMNIST, …): four IDX files with LeCun's
 * names, read from a folder or downloaded into the cache.
 *
 *   const {train, test} = await loadMnist('/data/mnist');          // a folder with the four files
 *   const {train, test} = await loadMnist({cacheDir: '/tmp/cache'}); // download (default base URL)
 *   train.images   // [60000, 1, 28, 28] float32, pixel/255 in [0, 1]
 *   train.labels   // [60000] int32
 *
 * Each file may be gzip-compressed (`name.gz`) or not (`name`). Downloads check the SHA-256 of the
 * *decompressed* content against MNIST's (so re-compressed mirrors pass too); for another dataset
 * at another URL pass its own `checksums`, or `checksums: null` to skip the check.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Tensor } from '../../tensor/tensor.js';
import { fromTyped } from '../tensor-util.js';
import { defaultCacheDir, download, type FetchLike } from './download.js';
import { parseIdx, readMaybeGzip, type Idx } from './idx.js';

/** torchvision's mirror of LeCun's files. */
export const MNIST_BASE_URL = 'https://ossci-datasets.s3.amazonaws.com/mnist/';

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** SHA-256 of the uncompressed MNIST files. */
export const MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
};

export interface MnistOptions {
  /** A folder holding the four files (.gz or not). When given, nothing is downloaded. */
  dir?: string;
  /** Where to download from: `${baseUrl}${name}.gz` (default {@link MNIST_BASE_URL}). */
  baseUrl?: string;
  /** Download cache (default: $NABLA_CACHE, … see defaultCacheDir); files go to `<cacheDir>/mnist`. */
  cacheDir?: string;
  /** SHA-256 of each uncompressed file by name (default MNIST's); null skips the check. */
  checksums?: Readonly<Record<string, string>> | null;
  /** Sub-folder of cacheDir (default 'mnist'; e.g. 'fashion-mnist'). */
  cacheSubdir?: string;
  retries?: number;
  timeoutMs?: number;
  retryDelayMs?: number;
  fetch?: FetchLike;
}

export interface ImageSplit {
  /** [N, 1, rows, cols] float32 in [0, 1]. */
  images: Tensor;
  /** [N] int32. */
  labels: Tensor;
}

export async function loadMnist(source: string | MnistOptions = {}): Promise<{ train: ImageSplit; test: ImageSplit }> {
  const o: MnistOptions = typeof source === 'string' ? { dir: source } : source;
  const read = async (name: string): Promise<Idx> => {
    const [path, bytes] = o.dir !== undefined ? await fromDir(o.dir, name) : await fromNetwork(o, name);
    return parseIdx(bytes, path);
  };
  // one file at a time: a failure stops the rest instead of leaving downloads running
  const trainImages = await read(MNIST_FILES.trainImages);
  const trainLabels = await read(MNIST_FILES.trainLabels);
  const testImages = await read(MNIST_FILES.testImages);
  const testLabels = await read(MNIST_FILES.testLabels);
  return {
    train: toSplit(trainImages, trainLabels, MNIST_FILES.trainImages, MNIST_FILES.trainLabels),
    test: toSplit(testImages, testLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels),
  };
}

async function fromDir(dir: string, name: string): Promise<[string, Uint8Array]> {
  const path = [join(dir, `${name}.gz`), join(dir, name)].find((p) => existsSync(p));
  if (!path) {
    throw new Error(`loadMnist: ${dir} has neither ${name}.gz nor ${name}; it needs the four files ${Object.values(MNIST_FILES).join(', ')} (or call loadMnist({baseUrl, cacheDir}) to download them)`);
  }
  return [path, await readMaybeGzip(path)];
}

async function fromNetwork(o: MnistOptions, name: string): Promise<[string, Uint8Array]> {
  const base = o.baseUrl ?? MNIST_BASE_URL;
  const url = `${base}${base.endsWith('/') ? '' : '/'}${name}.gz`;
  const path = await download(url, {
    cacheDir: join(o.cacheDir ?? defaultCacheDir(), o.cacheSubdir ?? 'mnist'),
    retries: o.retries, timeoutMs: o.timeoutMs, retryDelayMs: o.retryDelayMs, fetch: o.fetch,
  });
  const bytes = await readMaybeGzip(path).catch(async (e) => {
    await rm(path, { force: true });
    throw e;
  });
  const checksums = o.checksums === undefined ? MNIST_SHA256 : o.checksums;
  const expected = checksums?.[name];
  if (expected) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) {
      await rm(path, { force: true });
      throw new Error(`loadMnist: checksum mismatch for ${url}: the decompressed ${name} has sha256 ${actual}, expected ${expected} (the download was deleted; for a dataset other than MNIST pass {checksums})`);
    }
  }
  return [path, bytes];
}

function toSplit(images: Idx, labels: Idx, imagesName: string, labelsName: string): ImageSplit {
  if (images.type !== 'uint8' || images.shape.length !== 3) {
    throw new Error(`loadMnist: ${imagesName} must hold uint8 images [N, rows, cols], got ${images.type} [${images.shape.join(', ')}]`);
  }
  if (labels.type !== 'uint8' || labels.shape.length !== 1) {
    throw new Error(`loadMnist: ${labelsName} must hold uint8 labels [N], got ${labels.type} [${labels.shape.join(', ')}]`);
  }
  const [n, rows, cols] = images.shape as [number, number, number];
  if (labels.shape[0] !== n) throw new Error(`loadMnist: ${imagesName} has ${n} images but ${labelsName} has ${labels.shape[0]} labels`);
  const px = new Float32Array(images.data.length);
  const src = images.data;
  for (let i = 0; i < px.length; i++) px[i] = src[i]! / 255;
  return {
    images: fromTyped(px, [n, 1, rows, cols]),
    labels: fromTyped(Int32Array.from(labels.data), [n]),
  };
}

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataLoader, PCA, TensorDataset, digitsRaw, loadDigits, stratifiedSplit } from '../../src/data/index.js';
import { DIGITS_SHA256, DIGITS_SOURCE_SHA256 } from '../../src/data/embedded/digits.generated.js';

const CSV = fileURLToPath(new URL('../../../../shared/data/sklearn/digits.csv', import.meta.url));

describe('embedded digits', () => {
  it('decode to exactly the values of ../shared/data/sklearn/digits.csv', existsSync(CSV) ? {} : { skip: `needs ${CSV}` }, () => {
    const text = readFileSync(CSV, 'utf8');
    assert.equal(createHash('sha256').update(text).digest('hex'), DIGITS_SOURCE_SHA256, 'made from this CSV');
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const { pixels, labels } = digitsRaw();
    assert.equal(rows.length, 1797);
    rows.forEach((r, i) => {
      for (let c = 0; c < 64; c++) if (pixels[i * 64 + c] !== r[c]) assert.fail(`row ${i}, pixel ${c}: ${pixels[i * 64 + c]} vs ${r[c]}`);
      assert.equal(labels[i], r[64]);
    });
    const payload = new Uint8Array(1797 * 65);
    payload.set(pixels);
    payload.set(labels, 1797 * 64);
    assert.equal(createHash('sha256').update(payload).digest('hex'), DIGITS_SHA256);
  });

  it('loadDigits gives [1797, 1, 8, 8] float32 in [0, 1] and int32 labels', () => {
    const { images, labels } = loadDigits();
    assert.deepEqual(images.shape, [1797, 1, 8, 8]);
    assert.equal(images.dtype, 'float32');
    assert.deepEqual(labels.shape, [1797]);
    assert.equal(labels.dtype, 'int32');
    assert.equal(images.max().item(), 1);
    assert.equal(images.min().item(), 0);
    // the first image (a zero): row 0 of the CSV is 0,0,5,13,9,1,0,0,…
    assert.deepEqual(Array.from(images.narrow(0, 0, 1).data().subarray(0, 8)), [0, 0, 5, 13, 9, 1, 0, 0].map((v) => v / 16));
    assert.deepEqual(Array.from(labels.narrow(0, 0, 10).data()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const counts = new Array(10).fill(0);
    for (const l of labels.data()) counts[l]++;
    assert.deepEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    assert.notEqual(loadDigits().images, images, 'fresh tensors every call');
  });

  it('works with the rest of the data pipeline', () => {
    const { images, labels } = loadDigits();
    const [train, test] = stratifiedSplit(labels, [0.8, 0.2]);
    assert.equal(train!.length + test!.length, 1797);
    const ds = new TensorDataset(images, labels);
    const [x, y] = [...new DataLoader(ds, { batchSize: 256 })][0]!;
    assert.deepEqual(x!.shape, [256, 1, 8, 8]);
    assert.equal(y!.dtype, 'int32');
    // PCA on the 64 pixels: a handful of components explain half of the variance
    const pca = new PCA({ nComponents: 0.5 }).fit(images);
    assert.ok(pca.nComponentsFitted >= 4 && pca.nComponentsFitted <= 6, `${pca.nComponentsFitted} components`);
  });
});

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Standardize, loadMnist, loadUci, parseIdx, parseTable, readIdx, readIdxSync, readTableSync, tableToTensor } from '../../src/data/index.js';

// build/test/data/ → the repository root → ../shared/data
const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
/** The real-file tests need the read-only datasets beside the repository. */
const needsData = existsSync(DATA) ? {} : { skip: `needs the datasets in ${DATA}` };
const tmp = mkdtempSync(join(tmpdir(), 'nabla-sources-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** An IDX file: magic, big-endian dims, then the body. */
function idx(type: number, dims: number[], body: number[] | Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  head.setUint8(2, type);
  head.setUint8(3, dims.length);
  dims.forEach((d, i) => head.setInt32(4 + 4 * i, d));
  return new Uint8Array([...new Uint8Array(head.buffer), ...body]);
}

describe('IDX reader', () => {
  it('parses every element type, big-endian', () => {
    const u8 = parseIdx(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 255]));
    assert.deepEqual(u8.shape, [2, 3]);
    assert.equal(u8.type, 'uint8');
    assert.deepEqual(Array.from(u8.data), [1, 2, 3, 4, 5, 255]);
    assert.deepEqual(Array.from(parseIdx(idx(0x09, [2], [0xff, 0x01])).data), [-1, 1]);
    assert.deepEqual(Array.from(parseIdx(idx(0x0b, [2], [0xff, 0xfe, 0x01, 0x00])).data), [-2, 256]);
    assert.deepEqual(Array.from(parseIdx(idx(0x0c, [1], [0x00, 0x01, 0x00, 0x00])).data), [65536]);
    assert.deepEqual(Array.from(parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0, 0])).data), [1.5]);
    assert.deepEqual(Array.from(parseIdx(idx(0x0e, [1], [0xc0, 0x04, 0, 0, 0, 0, 0, 0])).data), [-2.5]);
  });
  it('names the file and the problem for bad input', () => {
    assert.throws(() => parseIdx(new Uint8Array([0, 0]), 'f.idx'), /f\.idx: too short for an IDX header \(2 bytes/);
    assert.throws(() => parseIdx(new Uint8Array([0x50, 0x4b, 3, 4]), 'f.idx'), /f\.idx: bad magic number 0x504b0304/);
    assert.throws(() => parseIdx(idx(0x07, [1], [0]), 'f.idx'), /unknown element type code 0x07/);
    assert.throws(() => parseIdx(idx(0x08, [2, 2], [1, 2, 3]), 'f.idx'), /f\.idx: truncated: the header says 2×2 uint8 = 4 bytes of data, but only 3 follow \(1 missing\)/);
    assert.throws(() => parseIdx(idx(0x08, [2], [1, 2, 3]), 'f.idx'), /1 unexpected bytes after the 2 uint8 data/);
    assert.throws(() => parseIdx(idx(0x08, [3, 4], []).subarray(0, 8), 'f.idx'), /truncated header: 2 dims need 12 bytes, the file has 8/);
  });
  it('reads gzip files and reports corrupted or truncated gzip', async () => {
    const bytes = idx(0x08, [4], [9, 8, 7, 6]);
    const gz = gzipSync(bytes);
    writeFileSync(join(tmp, 'a.gz'), gz);
    writeFileSync(join(tmp, 'a'), bytes);
    assert.deepEqual(Array.from((await readIdx(join(tmp, 'a.gz'))).data), [9, 8, 7, 6]);
    assert.deepEqual(Array.from(readIdxSync(join(tmp, 'a')).data), [9, 8, 7, 6]);
    writeFileSync(join(tmp, 'cut.gz'), gz.subarray(0, gz.length - 10));
    await assert.rejects(readIdx(join(tmp, 'cut.gz')), /cut\.gz: gzip data is corrupted or truncated \(unexpected end of file\)/);
    const bad = Uint8Array.from(gz);
    bad[12] ^= 0xff;
    writeFileSync(join(tmp, 'bad.gz'), bad);
    assert.throws(() => readIdxSync(join(tmp, 'bad.gz')), /bad\.gz: gzip data is corrupted or truncated/);
  });
});

describe('MNIST (../shared/data/mnist)', needsData, () => {
  it('loads counts, shapes, labels and known pixels', async () => {
    const { train, test } = await loadMnist(join(DATA, 'mnist'));
    assert.deepEqual(train.images.shape, [60000, 1, 28, 28]);
    assert.deepEqual(test.images.shape, [10000, 1, 28, 28]);
    assert.equal(train.images.dtype, 'float32');
    assert.equal(train.labels.dtype, 'int32');
    assert.deepEqual(Array.from(train.labels.narrow(0, 0, 10).data()), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    assert.deepEqual(Array.from(test.labels.narrow(0, 0, 10).data()), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    assert.equal(train.labels.narrow(0, 59999, 1).item(), 8);
    const first = train.images.narrow(0, 0, 1).data();
    assert.equal(first[152], Math.fround(3 / 255));
    assert.equal(first[156], Math.fround(126 / 255));
    assert.ok(Math.abs(Array.from(first).reduce((a, b) => a + b, 0) * 255 - 27525) < 0.01);
    const counts = new Array(10).fill(0);
    for (const l of train.labels.data()) counts[l]++;
    assert.deepEqual(counts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    // the familiar normalisation constants (torchvision's MNIST example: 0.1307, 0.3081)
    const s = new Standardize({ perChannel: true }).fit(train.images);
    assert.equal(s.mean.item().toFixed(4), '0.1307');
    assert.equal(s.std.item().toFixed(4), '0.3081');
  });
  it('says which files are missing', async () => {
    await assert.rejects(loadMnist(tmp), /has neither train-images-idx3-ubyte\.gz nor train-images-idx3-ubyte/);
  });
});

describe('tables', () => {
  it('reads CSV with a header, selecting columns by name or index', needsData, () => {
    const t = readTableSync(join(DATA, 'sklearn/iris.csv'), { columns: ['petal_width_(cm)', -1, 0] });
    assert.equal(t.rows, 150);
    assert.deepEqual(t.columns, ['petal_width_(cm)', 'target', 'sepal_length_(cm)']);
    assert.deepEqual(Array.from(t.data.subarray(0, 3)), [0.2, 0, 5.1]);
    const y = tableToTensor(t, { columns: [1], dtype: 'int32' });
    assert.deepEqual(y.shape, [150, 1]);
    assert.equal(y.sum().item(), 150);
    assert.deepEqual(tableToTensor(t).shape, [150, 3]);
  });
  it('detects delimiters and headers; handles quotes, comments and blank lines', () => {
    const t = parseTable('# a comment\n1 2.5  -3e2\n\n4\t5 6\n');
    assert.deepEqual([t.rows, t.cols, Array.from(t.data)], [2, 3, [1, 2.5, -300, 4, 5, 6]]);
    assert.deepEqual(t.columns, ['0', '1', '2']);
    const q = parseTable('"name, full",x\n"Smith, J",1\n"Doe, ""J""",2\n', { columns: ['x'] });
    assert.deepEqual(Array.from(q.data), [1, 2]);
    assert.deepEqual(parseTable('a;b\n1;2\n').columns, ['a', 'b']);
    assert.equal(parseTable('1,2\n3,4', { header: true }).rows, 1);
  });
  it('names the row and column of a missing or bad value', () => {
    const csv = 'a,b,c\n1,2,3\n4,,6\n7,8,x\n';
    assert.throws(() => parseTable(csv, { name: 'f.csv' }), /f\.csv: data row 2 \(line 3\), column 2 \('b'\): missing value/);
    assert.throws(() => parseTable(csv.replace(',,', ',NA,'), { name: 'f.csv' }), /column 2 \('b'\): missing value 'NA'/);
    assert.throws(() => parseTable(csv, { name: 'f.csv', columns: ['a', 'c'] }), /data row 3 \(line 4\), column 3 \('c'\): 'x' is not a number/);
    assert.deepEqual(Array.from(parseTable(csv, { columns: ['a'] }).data), [1, 4, 7]);
    assert.throws(() => parseTable('1 2\n3\n', { name: 't' }), /t: data row 2 \(line 2\) has 1 fields, expected 2/);
    assert.throws(() => parseTable(csv, { columns: ['d'] }), /no column named 'd' \(columns: a, b, c\)/);
    assert.throws(() => parseTable('1 2\n', { columns: [2] }), /column 2 is out of range for 2 columns/);
    assert.throws(() => parseTable('\n# x\n', { name: 'e' }), /e: no data/);
  });
});

describe('UCI (../shared/data/uci)', needsData, () => {
  it('loads a split with its index files', async () => {
    const s = await loadUci('yacht', { dir: join(DATA, 'uci'), split: 0 });
    assert.equal(s.nSplits, 20);
    assert.deepEqual(s.featureColumns, [0, 1, 2, 3, 4, 5]);
    assert.equal(s.targetColumn, 6);
    assert.deepEqual(s.xTrain.shape, [277, 6]);
    assert.deepEqual(s.yTrain.shape, [277, 1]);
    assert.deepEqual(s.xTest.shape, [31, 6]);
    assert.equal(s.trainIndices[0], 73);
    // row 73 of data.txt
    const table = readTableSync(join(DATA, 'uci/yacht/data.txt'));
    assert.deepEqual(Array.from(s.xTrain.narrow(0, 0, 1).data()), Array.from(table.data.subarray(73 * 7, 73 * 7 + 6), Math.fround));
    assert.equal(s.yTrain.narrow(0, 0, 1).item(), Math.fround(table.data[73 * 7 + 6]!));
    const all = new Set([...s.trainIndices, ...s.testIndices]);
    assert.equal(all.size, 308);
  });
  it('reads every set and checks the split number', async () => {
    for (const [name, n, d] of [['bostonHousing', 506, 13], ['concrete', 1030, 8], ['energy', 768, 8], ['wine-quality-red', 1599, 11]] as const) {
      const s = await loadUci(name, { dir: join(DATA, 'uci'), split: 19, dtype: 'float64' });
      assert.equal(s.xTrain.shape[0] + s.xTest.shape[0], n, name);
      assert.equal(s.xTrain.shape[1], d, name);
      assert.equal(s.xTrain.dtype, 'float64');
    }
    await assert.rejects(loadUci('yacht', { dir: join(DATA, 'uci'), split: 20 }), /split must be an integer in \[0, 20\) for 'yacht', got 20/);
    await assert.rejects(loadUci('nope', { dir: join(DATA, 'uci') }), /no data\.txt for 'nope'/);
  });
});

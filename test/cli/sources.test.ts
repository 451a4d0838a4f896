import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSource } from '../../src/cli/sources.js';
import type { RunConfig } from '../../src/cli/config.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-csv-'));
const csvFile = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('csv source: named target and features, regression', async () => {
  const path = csvFile('reg.csv', 'a,b,y\n1,2,3\n4,5,9\n');
  const s = await loadSource({ source: 'csv', path, target: 'y', features: ['b', 'a'] } as RunConfig['data']);
  assert.deepEqual(s.xTrain.shape, [2, 2]);
  assert.deepEqual(Array.from(s.xTrain.data()), [2, 1, 5, 4]);
  assert.deepEqual(s.yTrain.shape, [2, 1]);
  assert.deepEqual(Array.from(s.yTrain.data()), [3, 9]);
  assert.equal(s.xTest, null);
});

test('csv source: classification by column index, other delimiters, class count', async () => {
  const path = csvFile('cls.csv', 'x1;x2;label\n0.5;1;2\n1.5;0;0\n');
  const s = await loadSource({ source: 'csv', path, target: 2, task: 'classification', delimiter: ';' } as RunConfig['data']);
  assert.equal(s.yTrain.dtype, 'int32');
  assert.deepEqual(Array.from(s.yTrain.data()), [2, 0]);
  assert.deepEqual(Array.from(s.xTrain.data()), [0.5, 1, 1.5, 0]);
  assert.equal(s.classes, 3);
});

test('csv source: unknown columns and bad values are clear errors', async () => {
  const good = csvFile('good.csv', 'a,y\n1,2\n3,4\n');
  await assert.rejects(loadSource({ source: 'csv', path: good, target: 'z' } as RunConfig['data']), /data\.target.*no column named "z" \(columns: a, y\)/);
  const path = csvFile('bad.csv', 'a,y\n1,2\n3,oops\n');
  await assert.rejects(loadSource({ source: 'csv', path, target: 'y' } as RunConfig['data']), /bad\.csv.*row 2.*column/);
});

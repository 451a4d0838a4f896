import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nb from '../../src/index.js';
import {
  deserializeSafetensors, loadSafetensors, MAX_HEADER_BYTES, saveSafetensors, serializeSafetensors,
} from '../../src/io/safetensors.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-st-'));
const FIXTURE = new URL('../../../test/io/fixtures/python.safetensors', import.meta.url);

/** A file from a header object and a data buffer (for hand-made malformed files). */
function fileOf(header: unknown, data = new Uint8Array(0), lengthOverride?: bigint): Uint8Array {
  const h = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

test('round trip keeps dtype, shape, values and metadata; header is 8-byte aligned', async () => {
  const tensors = {
    w: nb.tensor([[1.5, -2], [3, 1e-30]]),
    d: nb.tensor([Math.PI, -0, Infinity, NaN], { dtype: 'float64' }),
    i: nb.tensor([[-1, 2147483647, -2147483648]], { dtype: 'int32' }),
    b: nb.tensor([true, false, true]),
    s: nb.tensor(7),
    e: nb.zeros([0, 3]),
  };
  const path = join(dir, 'rt.safetensors');
  await saveSafetensors(path, tensors, { note: 'hi' });
  const bytes = readFileSync(path);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  assert.equal(n % 8, 0);
  const back = await loadSafetensors(path);
  assert.deepEqual(back.metadata, { note: 'hi' });
  assert.deepEqual(Object.keys(back.tensors), Object.keys(tensors));
  for (const [k, t] of Object.entries(tensors)) {
    const r = back.tensors[k]!;
    assert.equal(r.dtype, t.dtype, k);
    assert.deepEqual(r.shape, t.shape, k);
    assert.deepEqual(Array.from(r.data()), Array.from(t.data()), k);
  }
  assert.ok(Object.is(back.tensors['d']!.data()[1], -0));
});

test('reads a file written by Python safetensors (F32, F64, I32, BOOL, I64, F16, U8, 0-d, empty)', async () => {
  const { tensors, metadata } = await loadSafetensors(FIXTURE.pathname);
  assert.deepEqual(metadata, { made_by: 'safetensors-python' });
  assert.deepEqual(tensors['f32']!.toArray(), [[0, 0.25, 0.5], [0.75, 1, 1.25]]);
  assert.deepEqual(Array.from(tensors['f64']!.data()), [1.5, -2.25, 1e300]);
  assert.equal(tensors['f64']!.dtype, 'float64');
  assert.deepEqual(tensors['i32']!.toArray(), [[-7], [2147483647]]);
  assert.equal(tensors['bool']!.dtype, 'bool');
  assert.deepEqual(Array.from(tensors['bool']!.data()), [1, 0, 1]);
  assert.deepEqual(Array.from(tensors['i64']!.data()), [-3, 4]);
  assert.equal(tensors['i64']!.dtype, 'int32');
  assert.deepEqual(Array.from(tensors['f16']!.data()), [0.5, -2, 65504]);
  assert.deepEqual(Array.from(tensors['u8']!.data()), [0, 255]);
  assert.deepEqual(tensors['scalar']!.shape, []);
  assert.equal(tensors['scalar']!.item(), 3.25);
  assert.deepEqual(tensors['empty']!.shape, [0, 4]);
});

test('what nabla writes has the layout Python expects (sorted offsets tiling the buffer, JSON header)', () => {
  const bytes = serializeSafetensors({ a: nb.ones([3]), b: nb.zeros([2, 2], { dtype: 'float64' }) });
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
  assert.deepEqual(header['a'], { dtype: 'F32', shape: [3], data_offsets: [0, 12] });
  assert.deepEqual(header['b'], { dtype: 'F64', shape: [2, 2], data_offsets: [12, 44] });
  assert.equal(bytes.length, 8 + n + 44);
});

const malformed: [string, () => Uint8Array, RegExp][] = [
  ['a file shorter than the length prefix', () => new Uint8Array(5), /truncated: the file is 5 bytes/],
  ['a header length past the end of the file', () => fileOf({}, new Uint8Array(0), 1000n), /truncated: the header length is 1000 bytes but only 2 bytes follow/],
  ['a header length over the 100 MB limit', () => fileOf({}, new Uint8Array(0), BigInt(MAX_HEADER_BYTES) + 1n), /exceeds the limit of 100000000 bytes/],
  ['a 2^64−1 header length', () => fileOf({}, new Uint8Array(0), 2n ** 64n - 1n), /exceeds the limit/],
  ['a header that is not JSON', () => fileOf('{"a": [1,'), /not valid JSON/],
  ['a header that is not an object', () => fileOf('[1, 2]'), /does not start with '\{'/],
  ['offsets beyond the data', () => fileOf({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4)), /tensor 'a': data_offsets \[0, 8\] run past the end of the data \(4 bytes/],
  ['reversed offsets', () => fileOf({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, new Uint8Array(4)), /reversed/],
  ['a huge shape', () => fileOf({ a: { dtype: 'F32', shape: [1e9, 1e9, 1e9], data_offsets: [0, 4] } }, new Uint8Array(4)), /tensor 'a': shape \[1000000000, 1000000000, 1000000000\] of F32 needs 4e\+27 bytes but data_offsets \[0, 4\] hold 4/],
  ['a negative dim', () => fileOf({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), /shape must be a list of non-negative integers/],
  ['an unknown dtype', () => fileOf({ a: { dtype: 'F8', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), /unsupported dtype "F8"/],
  ['overlapping tensors', () => fileOf({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), /overlaps/],
  ['a gap in the data', () => fileOf({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), /a gap in the data before tensor 'a'/],
  ['trailing bytes', () => fileOf({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(12)), /cover 4 bytes but the data buffer has 12/],
  ['non-string metadata', () => fileOf({ __metadata__: { n: 1 } }), /__metadata__ entry 'n' must be a string/],
  ['a header that is not UTF-8', () => fileOf(Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1')), /not valid|UTF-8/],
];

for (const [what, make, message] of malformed) {
  test(`loading ${what} throws a clear error naming the file`, async () => {
    const path = join(dir, `bad-${what.replace(/\W+/g, '-')}.safetensors`);
    writeFileSync(path, make());
    await assert.rejects(loadSafetensors(path), (e: Error) => {
      assert.match(e.message, message);
      assert.ok(e.message.includes(path), e.message);
      return true;
    });
    assert.throws(() => deserializeSafetensors(readFileSync(path), 'mem'), message);
  });
}

test('a truncated copy of a real file fails, at every cut', async () => {
  const good = serializeSafetensors({ a: nb.arange(10).float(), b: nb.ones([4]) });
  for (const cut of [0, 7, 8, 20, good.length - 1]) {
    assert.throws(() => deserializeSafetensors(good.subarray(0, cut), `cut${cut}`), /cut\d+: /);
  }
  await assert.rejects(loadSafetensors(join(dir, 'missing.safetensors')), /missing\.safetensors: cannot open \(ENOENT\)/);
});

test('an I64 value outside int32 is refused', () => {
  const data = new Uint8Array(8);
  new DataView(data.buffer).setBigInt64(0, 2n ** 40n, true);
  assert.throws(() => deserializeSafetensors(fileOf({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, data)), /does not fit nabla's int32/);
});

/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
 *
 *   bytes 0–1   0x00 0x00
 *   byte  2     element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
 *   byte  3     number of dims d
 *   then d big-endian int32 sizes, then the elements, row-major, big-endian.
 *
 * Files may be gzip-compressed (detected by the gzip magic, not the file name). Everything is
 * checked: a wrong magic, an unknown type, a truncated header or body, trailing bytes or a
 * corrupted gzip stream each give an error that names the file and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzip as gunzipCb, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzipCb);

export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';
export type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface Idx {
  type: IdxType;
  shape: number[];
  /** The elements, row-major, in native byte order. */
  data: IdxArray;
}

const TYPES: Record<number, [IdxType, number]> = {
  0x08: ['uint8', 1],
  0x09: ['int8', 1],
  0x0b: ['int16', 2],
  0x0c: ['int32', 4],
  0x0d: ['float32', 4],
  0x0e: ['float64', 8],
};

function hex(v: number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

/** Parses IDX bytes (already decompressed). `name` appears in error messages. */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): Idx {
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  if (bytes.length < 4) fail(`too short for an IDX header (${bytes.length} bytes; is the file empty or truncated?)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`bad magic number ${hex(magic, 8)} (an IDX file starts with two zero bytes, a type code and the number of dims); not an IDX file, or a compressed file that is not gzip`);
  }
  const entry = TYPES[bytes[2]!];
  if (!entry) fail(`unknown element type code ${hex(bytes[2]!, 2)} in magic ${hex(magic, 8)} (known: 0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64)`);
  const [type, size] = entry!;
  const ndim = bytes[3]!;
  if (ndim === 0) fail(`magic ${hex(magic, 8)} says 0 dims`);
  const header = 4 + 4 * ndim;
  if (bytes.length < header) fail(`truncated header: ${ndim} dims need ${header} bytes, the file has ${bytes.length}`);
  const shape: number[] = [];
  for (let i = 0; i < ndim; i++) {
    const d = view.getInt32(4 + 4 * i);
    if (d < 0) fail(`dim ${i} has negative size ${d}`);
    shape.push(d);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = count * size;
  const body = bytes.length - header;
  if (body < expected) {
    fail(`truncated: the header says ${shape.join('×')} ${type} = ${expected} bytes of data, but only ${body} follow (${expected - body} missing)`);
  }
  if (body > expected) fail(`${body - expected} unexpected bytes after the ${shape.join('×')} ${type} data (corrupted, or not an IDX file)`);
  let data: IdxArray;
  switch (type) {
    case 'uint8':
      data = bytes.slice(header, header + expected);
      break;
    case 'int8':
      data = new Int8Array(bytes.slice(header, header + expected).buffer);
      break;
    default: {
      const ctor = { int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[type];
      const out = new ctor(count);
      const get = { int16: view.getInt16, int32: view.getInt32, float32: view.getFloat32, float64: view.getFloat64 }[type].bind(view);
      for (let i = 0; i < count; i++) out[i] = get(header + i * size);
      data = out;
    }
  }
  return { type, shape, data };
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function gzipError(path: string, e: unknown): Error {
  const why = e instanceof Error ? e.message : String(e);
  return new Error(`${path}: gzip data is corrupted or truncated (${why})`);
}

/** Reads an IDX file (gzip-compressed or not). */
export async function readIdx(path: string): Promise<Idx> {
  let bytes: Uint8Array = await readFile(path);
  if (isGzip(bytes)) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (e) {
      throw gzipError(path, e);
    }
  }
  return parseIdx(bytes, path);
}

/** Synchronous readIdx. */
export function readIdxSync(path: string): Idx {
  let bytes: Uint8Array = readFileSync(path);
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw gzipError(path, e);
    }
  }
  return parseIdx(bytes, path);
}

/** The uncompressed bytes of a file that may be gzip-compressed (for checksums of the content). */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  const bytes: Uint8Array = await readFile(path);
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzipAsync(bytes);
  } catch (e) {
    throw gzipError(path, e);
  }
}

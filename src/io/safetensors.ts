/**
 * The safetensors format (Hugging Face), read and written without dependencies, so that Python's
 * `safetensors.torch.load_file` / `safetensors.numpy.load_file` read what nabla writes and back:
 *
 *   bytes 0..8        N, the header length: unsigned 64-bit little-endian
 *   bytes 8..8+N      the header: UTF-8 JSON, padded with spaces to a multiple of 8 bytes
 *                     {"<name>": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]},
 *                      …, "__metadata__": {"<key>": "<string>", …}}
 *   bytes 8+N..       the data buffer; each tensor's little-endian, row-major bytes lie at
 *                     [begin, end) relative to the buffer's start. Tensors tile the buffer with no
 *                     gap or overlap, and end − begin = numel · itemsize.
 *
 * Written dtypes: F32, F64, I32 and BOOL (nabla's four). Read as well, for files made elsewhere:
 * F16 and BF16 (→ float32), I64, I16, I8, U8 (→ int32; an I64 value outside int32 throws).
 *
 * Reading never trusts the file: the header length is checked against the file size and a 100 MB
 * limit before anything is allocated, every entry's dtype, shape and offsets are checked against
 * the data buffer's real length (so a huge shape cannot make us allocate), and every error names
 * the file and the problem. Memory used is bounded by the file's own size.
 */
import { open } from 'node:fs/promises';
import { writeFileAtomic } from './atomic.js';
import { tensor } from '../tensor/creation.js';
import type { DType, TypedArray } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/** Header larger than this is refused (the safetensors reference implementation uses 100 MB too). */
export const MAX_HEADER_BYTES = 100_000_000;

export type SafetensorsDType = 'F32' | 'F64' | 'I32' | 'BOOL' | 'F16' | 'BF16' | 'I64' | 'I16' | 'I8' | 'U8';

const ITEM_SIZE: Record<SafetensorsDType, number> = { F32: 4, F64: 8, I32: 4, BOOL: 1, F16: 2, BF16: 2, I64: 8, I16: 2, I8: 1, U8: 1 };
const TO_FILE: Record<DType, SafetensorsDType> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const FROM_FILE: Record<SafetensorsDType, DType> = {
  F32: 'float32', F64: 'float64', I32: 'int32', BOOL: 'bool', F16: 'float32', BF16: 'float32', I64: 'int32', I16: 'int32', I8: 'int32', U8: 'int32',
};

export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  /** The `__metadata__` map (string → string); empty when the file has none. */
  metadata: Record<string, string>;
}

interface Entry {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  begin: number;
  end: number;
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('nabla io: safetensors support assumes a little-endian machine');
}

// ---- writing -------------------------------------------------------------------------------------

/**
 * The bytes of a safetensors file holding `tensors` (in insertion order) and string `metadata`.
 * Tensor names must be non-empty and not '__metadata__'.
 */
export function serializeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  const meta = Object.entries(metadata);
  if (meta.length) {
    for (const [k, v] of meta) {
      if (typeof v !== 'string') throw new Error(`serializeSafetensors: metadata '${k}' must be a string, got ${typeof v}`);
    }
    header['__metadata__'] = Object.fromEntries(meta);
  }
  const chunks: TypedArray[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === '' || name === '__metadata__') throw new Error(`serializeSafetensors: invalid tensor name ${JSON.stringify(name)}`);
    if (!(t instanceof Tensor)) throw new Error(`serializeSafetensors: '${name}' is not a Tensor`);
    const data = t.data();
    header[name] = { dtype: TO_FILE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + data.byteLength] };
    chunks.push(data);
    offset += data.byteLength;
  }
  let json = JSON.stringify(header);
  const rawLength = Buffer.byteLength(json, 'utf8');
  json += ' '.repeat((8 - (rawLength % 8)) % 8); // pad so the data buffer starts 8-byte aligned
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const c of chunks) {
    out.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
    at += c.byteLength;
  }
  return out;
}

/** Saves tensors (and string metadata) as a safetensors file, atomically. */
export async function saveSafetensors(path: string, tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Promise<void> {
  await writeFileAtomic(path, serializeSafetensors(tensors, metadata));
}

// ---- reading -------------------------------------------------------------------------------------

function fail(source: string, problem: string): never {
  throw new Error(`safetensors: ${source}: ${problem}`);
}

/** Validates the 8-byte length prefix against the total size; returns the header length. */
function headerLength(source: string, prefix: Uint8Array, totalBytes: number): number {
  if (totalBytes < 8) fail(source, `truncated: the file is ${totalBytes} bytes, too short for the 8-byte header length`);
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) fail(source, `header length ${n} bytes exceeds the limit of ${MAX_HEADER_BYTES} bytes (corrupted or not a safetensors file)`);
  const len = Number(n);
  if (8 + len > totalBytes) fail(source, `truncated: the header length is ${len} bytes but only ${totalBytes - 8} bytes follow the length prefix`);
  if (len < 2) fail(source, `header length ${len} is too small to hold a JSON object`);
  return len;
}

/** Parses and checks the header against the data buffer's length. */
function parseHeader(source: string, headerBytes: Uint8Array, dataBytes: number): { entries: Entry[]; metadata: Record<string, string> } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    fail(source, 'the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(source, `the header does not start with '{' (not a safetensors file?)`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    fail(source, `the header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail(source, 'the header must be a JSON object');
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(source, '__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(source, `__metadata__ entry '${k}' must be a string, got ${typeof v}`);
        metadata[k] = v;
      }
      continue;
    }
    const where = `tensor '${name}'`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(source, `${where}: the entry must be an object {dtype, shape, data_offsets}`);
    const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in ITEM_SIZE)) {
      fail(source, `${where}: unsupported dtype ${JSON.stringify(dtype)} (supported: ${Object.keys(ITEM_SIZE).join(', ')})`);
    }
    if (!Array.isArray(shape) || !shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
      fail(source, `${where}: shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(source, `${where}: data_offsets must be two non-negative integers, got ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end) fail(source, `${where}: data_offsets [${begin}, ${end}] are reversed`);
    if (end > dataBytes) fail(source, `${where}: data_offsets [${begin}, ${end}] run past the end of the data (${dataBytes} bytes; truncated file?)`);
    // numel in floating point: a huge shape overflows to a huge number, never wraps
    const size = ITEM_SIZE[dtype as SafetensorsDType];
    const numel = (shape as number[]).reduce((a, b) => a * b, 1);
    if (numel * size !== end - begin) {
      fail(source, `${where}: shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${numel * size} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
    }
    entries.push({ name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end });
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of sorted) {
    if (e.begin !== at) {
      fail(source, e.begin < at ? `tensor '${e.name}' overlaps the tensor before it (offset ${e.begin} < ${at})` : `a gap in the data before tensor '${e.name}' (bytes ${at}..${e.begin} unused)`);
    }
    at = e.end;
  }
  if (at !== dataBytes) fail(source, `the tensors cover ${at} bytes but the data buffer has ${dataBytes} (trailing bytes or wrong header)`);
  return { entries, metadata };
}

function f16ToF32(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Decodes one tensor's bytes (copied, so the result is aligned and owns its memory). */
function decode(source: string, e: Entry, bytes: Uint8Array): Tensor {
  const raw = bytes.slice(e.begin, e.end); // a copy with its own aligned ArrayBuffer
  const n = raw.byteLength / ITEM_SIZE[e.dtype];
  let data: TypedArray;
  switch (e.dtype) {
    case 'F32': data = new Float32Array(raw.buffer); break;
    case 'F64': data = new Float64Array(raw.buffer); break;
    case 'I32': data = new Int32Array(raw.buffer); break;
    case 'BOOL': data = raw; break;
    case 'U8': data = Int32Array.from(raw); break;
    case 'I8': data = Int32Array.from(new Int8Array(raw.buffer)); break;
    case 'I16': data = Int32Array.from(new Int16Array(raw.buffer)); break;
    case 'F16': data = Float32Array.from(new Uint16Array(raw.buffer), f16ToF32); break;
    case 'BF16': {
      const u = new Uint16Array(raw.buffer);
      const bits = new Uint32Array(n);
      for (let i = 0; i < n; i++) bits[i] = u[i]! << 16;
      data = new Float32Array(bits.buffer);
      break;
    }
    case 'I64': {
      const big = new BigInt64Array(raw.buffer);
      data = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = big[i]!;
        if (v > 2147483647n || v < -2147483648n) fail(source, `tensor '${e.name}': I64 value ${v} at element ${i} does not fit nabla's int32`);
        data[i] = Number(v);
      }
      break;
    }
  }
  return tensor(data, { dtype: FROM_FILE[e.dtype] }).reshape(e.shape);
}

/**
 * Reads safetensors bytes. `source` names the data in error messages (a file path, say).
 * Tensors come back in file order of their offsets.
 */
export function deserializeSafetensors(bytes: Uint8Array, source = '<bytes>'): SafetensorsContents {
  const len = headerLength(source, bytes.subarray(0, 8), bytes.byteLength);
  const { entries, metadata } = parseHeader(source, bytes.subarray(8, 8 + len), bytes.byteLength - 8 - len);
  const data = bytes.subarray(8 + len);
  const tensors: Record<string, Tensor> = {};
  for (const e of [...entries].sort((a, b) => a.begin - b.begin)) tensors[e.name] = decode(source, e, data);
  return { tensors, metadata };
}

/**
 * Reads a safetensors file. The length prefix and header are read and checked first, so a bogus
 * file fails before its data is read; then only the data region is read.
 */
export async function loadSafetensors(path: string): Promise<SafetensorsContents> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    fail(path, `cannot open (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const size = (await fh.stat()).size;
    const prefix = new Uint8Array(8);
    if (size >= 8) await fh.read(prefix, 0, 8, 0);
    const len = headerLength(path, prefix, size);
    const headerBytes = new Uint8Array(len);
    await fh.read(headerBytes, 0, len, 8);
    const dataBytes = size - 8 - len;
    const { entries, metadata } = parseHeader(path, headerBytes, dataBytes);
    const data = new Uint8Array(dataBytes);
    let got = 0;
    while (got < dataBytes) {
      const { bytesRead } = await fh.read(data, got, dataBytes - got, 8 + len + got);
      if (bytesRead === 0) fail(path, 'truncated while reading (the file shrank?)');
      got += bytesRead;
    }
    const tensors: Record<string, Tensor> = {};
    for (const e of [...entries].sort((a, b) => a.begin - b.begin)) tensors[e.name] = decode(path, e, data);
    return { tensors, metadata };
  } finally {
    await fh.close();
  }
}

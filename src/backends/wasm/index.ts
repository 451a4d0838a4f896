/**
 * The wasm backend: tensors live on a shared WebAssembly heap; float32 hot paths (GEMM, im2col /
 * col2im, max pooling, elementwise with broadcasting patterns, row/column reductions) run as
 * 128-bit SIMD kernels compiled from kernels/*.ts (AssemblyScript). Every other case — other
 * dtypes, exotic strides, rarer ops — runs the reference kernels directly on typed-array views
 * of the same heap, so the backend is complete and agrees with the oracle by construction.
 */
import type { AdamScalars, Backend, BinaryOp, Kernels, ReduceOp, StridedView, UnaryOp, Window2d } from '../backend.js';
import * as ref from '../reference/kernels.js';
import type { ArrayBackend } from '../reference/storage.js';
import { allocArray, dtypeOfArray, type DType, type TypedArray } from '../../tensor/dtype.js';
import { isContiguous, numel, type Shape } from '../../tensor/shape.js';
import { WasmHeap } from './heap.js';
import { createMemory, instantiate, type KernelExports } from './runtime.js';
import { WasmStorage } from './storage.js';
import { TASK_COL2IM, TASK_GEMM, TASK_GEMM_BATCH, TASK_IM2COL, TASK_MAXPOOL } from './tasks.js';
import { ThreadPool, type Task } from './threads.js';

const BINARY_CODES: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 };
const SWAPPED: Partial<Record<BinaryOp, number>> = { add: 0, sub: 6, mul: 2, div: 7, maximum: 4, minimum: 5 };
const COMPARE_CODES: Partial<Record<BinaryOp, number>> = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 };
// a OP b == b MIRROR(OP) a
const MIRRORED: Partial<Record<BinaryOp, number>> = { eq: 0, ne: 1, lt: 4, le: 5, gt: 2, ge: 3 };
const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  copy: 0, neg: 1, abs: 2, sqrt: 3, relu: 4, square: 5, exp: 6, log: 7, tanh: 8, sigmoid: 9, reciprocal: 10,
};
// GEMM packing workspace: KC·NC + MC·KC + MR·NR floats (see kernels/gemm.ts)
const GEMM_WORK_BYTES = (256 * 2048 + 64 * 256 + 64) * 4;

const DEFAULT_CACHE_MB = 256;

function cacheLimitBytes(): number {
  const env = typeof process !== 'undefined' ? process.env?.NABLA_WASM_CACHE_MB : undefined;
  const mb = env === undefined || env === '' ? DEFAULT_CACHE_MB : Number(env);
  if (!(mb > 0)) throw new Error(`NABLA_WASM_CACHE_MB must be a positive number of MiB, got '${env}'`);
  return mb * 2 ** 20;
}

/** Broadcast pattern of a view over a contiguous output: element i reads b[floor(i/q) % p]. */
function broadcastPattern(v: StridedView): { q: number; p: number } | null {
  const nd = v.shape.length;
  let last = -1;
  let first = -1;
  for (let d = 0; d < nd; d++) {
    if (v.shape[d]! > 1 && v.strides[d] !== 0) {
      if (first < 0) first = d;
      last = d;
    }
  }
  if (first < 0) return { q: 1, p: 1 };
  let expect = 1;
  for (let d = last; d >= first; d--) {
    if (v.shape[d]! > 1 && v.strides[d] !== expect) return null;
    if (v.shape[d]! > 1 && v.strides[d] === 0) return null;
    expect *= v.shape[d]!;
  }
  const p = numel(v.shape.slice(first, last + 1));
  const q = numel(v.shape.slice(last + 1));
  return { q, p };
}

function contiguousF32(v: StridedView): boolean {
  return v.storage.dtype === 'float32' && isContiguous(v.shape, v.strides);
}

class WasmBackend implements ArrayBackend, Kernels {
  readonly name = 'wasm';
  readonly dtypes = ['float32', 'float64', 'int32', 'bool'] as const;
  readonly heap: WasmHeap;
  private readonly k: KernelExports;
  private readonly work: number;
  private readonly memory: WebAssembly.Memory;
  private pool: ThreadPool;

  constructor() {
    this.memory = createMemory();
    this.k = instantiate(this.memory);
    // the first 64 KiB stay unused (address 0 is the "not resident" marker)
    this.heap = new WasmHeap(this.memory, 65536, cacheLimitBytes());
    this.work = this.heap.allocRaw(GEMM_WORK_BYTES).ptr;
    this.pool = this.makePool(requestedThreads ?? defaultThreads());
  }

  private makePool(threads: number): ThreadPool {
    return new ThreadPool(this.memory, this.k, this.work, () => this.heap.allocRaw(GEMM_WORK_BYTES).ptr, threads);
  }

  get numThreads(): number {
    return this.pool.size;
  }

  setNumThreads(n: number): void {
    if (n === this.pool.size) return;
    this.pool.terminate();
    this.pool = this.makePool(n);
  }

  /** Splits [0, total) into at most `parts` ranges whose starts are multiples of `align`. */
  private ranges(total: number, parts: number, align = 1): [number, number][] {
    const chunks = Math.ceil(total / align);
    const p = Math.max(1, Math.min(parts, chunks));
    const out: [number, number][] = [];
    for (let i = 0; i < p; i++) {
      const a = Math.floor((chunks * i) / p) * align;
      const b = Math.min(total, Math.floor((chunks * (i + 1)) / p) * align);
      if (b > a) out.push([a, b]);
    }
    return out;
  }

  /** How many threads an op of `work` multiply-adds deserves (dispatch costs ~10–50 µs). */
  private threadsFor(work: number): number {
    return work < 1 << 18 ? 1 : this.pool.size;
  }

  /** Zero-filled storage, for the reference kernels (recycled blocks hold old bytes). */
  allocStorage(dtype: DType, n: number): WasmStorage {
    const s = this.out(dtype, n);
    s.data.fill(0);
    return s;
  }

  /** Uninitialised storage, for kernels that write every element. */
  private out(dtype: DType, n: number): WasmStorage {
    return new WasmStorage(this, this.heap, dtype, n);
  }

  /** Byte address of a view's first element. */
  private addr(v: StridedView): number {
    const s = v.storage as WasmStorage;
    return s.ptr + v.offset * (s.dtype === 'bool' ? 1 : s.dtype === 'float64' ? 8 : 4);
  }

  fromArray(data: TypedArray): WasmStorage {
    this.heap.maybeSpill();
    const s = this.out(dtypeOfArray(data), data.length);
    s.data.set(data);
    return s;
  }

  full(dtype: DType, n: number, value: number): WasmStorage {
    this.heap.maybeSpill();
    const s = this.out(dtype, n);
    const d = s.data;
    d.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
    return s;
  }

  read(x: StridedView): TypedArray {
    this.heap.maybeSpill();
    const n = numel(x.shape);
    if (isContiguous(x.shape, x.strides)) {
      const d = (x.storage as WasmStorage).data;
      const out = allocArray(x.storage.dtype, n);
      out.set(d.subarray(x.offset, x.offset + n));
      return out;
    }
    return ref.read(this, x);
  }

  unary(op: UnaryOp, x: StridedView, outDtype: DType): WasmStorage {
    this.heap.maybeSpill();
    const code = UNARY_CODES[op];
    if (op === 'copy' && outDtype === 'float32' && (x.storage.dtype === 'bool' || x.storage.dtype === 'int32') && isContiguous(x.shape, x.strides)) {
      const n = numel(x.shape);
      const o = this.out('float32', n);
      (x.storage.dtype === 'bool' ? this.k.cast_u8_f32 : this.k.cast_i32_f32)(n, this.addr(x), o.ptr);
      return o;
    }
    if (code !== undefined && outDtype === 'float32' && contiguousF32(x)) {
      const n = numel(x.shape);
      const o = this.out('float32', n);
      this.k.unary_f32(code, n, this.addr(x), o.ptr);
      return o;
    }
    return ref.unary(this, op, x, outDtype) as WasmStorage;
  }

  binary(op: BinaryOp, a: StridedView, b: StridedView, outDtype: DType): WasmStorage {
    this.heap.maybeSpill();
    const cmp = COMPARE_CODES[op];
    if (cmp !== undefined && a.storage.dtype === 'float32' && b.storage.dtype === 'float32') {
      const n = numel(a.shape);
      const [x, y, c] = isContiguous(a.shape, a.strides) ? [a, b, cmp] : [b, a, MIRRORED[op]!];
      const pat = isContiguous(x.shape, x.strides) ? broadcastPattern(y) : null;
      if (pat) {
        const o = this.out('bool', n);
        this.k.compare_f32(c, n, this.addr(x), this.addr(y), o.ptr, pat.q, pat.p);
        return o;
      }
    }
    const code = BINARY_CODES[op];
    if (code !== undefined && outDtype === 'float32' && a.storage.dtype === 'float32' && b.storage.dtype === 'float32') {
      const n = numel(a.shape);
      if (isContiguous(a.shape, a.strides)) {
        const pat = broadcastPattern(b);
        if (pat) {
          const o = this.out('float32', n);
          this.k.binary_f32(code, n, this.addr(a), this.addr(b), o.ptr, pat.q, pat.p);
          return o;
        }
      } else if (isContiguous(b.shape, b.strides)) {
        const pat = broadcastPattern(a);
        if (pat) {
          const o = this.out('float32', n);
          this.k.binary_f32(SWAPPED[op]!, n, this.addr(b), this.addr(a), o.ptr, pat.q, pat.p);
          return o;
        }
      }
    }
    return ref.binary(this, op, a, b, outDtype) as WasmStorage;
  }

  where(c: StridedView, a: StridedView, b: StridedView, outDtype: DType): WasmStorage {
    this.heap.maybeSpill();
    const scalar = (v: StridedView): boolean => v.strides.every((s) => s === 0);
    const full = (v: StridedView): boolean => isContiguous(v.shape, v.strides);
    if (outDtype === 'float32' && c.storage.dtype === 'bool' && full(c) && a.storage.dtype === 'float32' &&
      b.storage.dtype === 'float32' && (full(a) || scalar(a)) && (full(b) || scalar(b))) {
      const n = numel(c.shape);
      const o = this.out('float32', n);
      const flags = (full(a) ? 0 : 1) | (full(b) ? 0 : 2);
      this.k.where_f32(n, this.addr(c), this.addr(a), this.addr(b), o.ptr, flags);
      return o;
    }
    return ref.where(this, c, a, b, outDtype) as WasmStorage;
  }

  reduce(op: ReduceOp, x: StridedView, dims: readonly number[], outDtype: DType): WasmStorage {
    this.heap.maybeSpill();
    if ((op === 'sum' || op === 'max') && outDtype === 'float32' && contiguousF32(x) && dims.length > 0) {
      const nd = x.shape.length;
      const trailing = dims.every((d, i) => d === nd - dims.length + i);
      const leading = dims.every((d, i) => d === i);
      const inner = numel(x.shape.slice(nd - dims.length));
      const total = numel(x.shape);
      if (trailing && inner > 0) {
        const rows = total / inner;
        const o = this.out('float32', rows);
        (op === 'sum' ? this.k.sum_last_f32 : this.k.max_last_f32)(rows, inner, this.addr(x), o.ptr);
        return o;
      }
      const kept = [...Array(nd).keys()].filter((d) => !dims.includes(d));
      const block = kept.length > 0 && kept.every((d, i) => d === kept[0]! + i);
      if (block && op === 'sum' && !leading) {
        const A = numel(x.shape.slice(0, kept[0]));
        const B = numel(kept.map((d) => x.shape[d]!));
        const C = numel(x.shape.slice(kept[kept.length - 1]! + 1));
        const o = this.out('float32', B);
        this.k.sum_mid_f32(A, B, C, this.addr(x), o.ptr);
        return o;
      }
      if (leading && op === 'sum') {
        const rows = numel(x.shape.slice(0, dims.length));
        const cols = rows === 0 ? 0 : total / rows;
        const o = this.out('float32', numel(x.shape.slice(dims.length)));
        if (rows > 0) this.k.sum_first_f32(rows, cols, this.addr(x), o.ptr);
        return o;
      }
    }
    return ref.reduce(this, op, x, dims, outDtype) as WasmStorage;
  }

  matmul(a: StridedView, b: StridedView, outDtype: DType): WasmStorage {
    this.heap.maybeSpill();
    const ok = outDtype === 'float32' && a.storage.dtype === 'float32' && b.storage.dtype === 'float32' &&
      a.strides.every((s) => s >= 0) && b.strides.every((s) => s >= 0);
    if (!ok) return ref.matmul(this, a, b, outDtype) as WasmStorage;
    const nd = a.shape.length;
    const [M, K] = [a.shape[nd - 2]!, a.shape[nd - 1]!];
    const N = b.shape[nd - 1]!;
    const batchShape = a.shape.slice(0, nd - 2);
    const batch = numel(batchShape);
    const o = this.out('float32', batch * M * N);
    const aBase = this.addr(a);
    const bBase = this.addr(b);
    const oBase = o.ptr;
    const aOff = batchOffsets(batchShape, a.strides.slice(0, nd - 2));
    const bOff = batchOffsets(batchShape, b.strides.slice(0, nd - 2));
    const [ars, acs, brs, bcs] = [a.strides[nd - 2]!, a.strides[nd - 1]!, b.strides[nd - 2]!, b.strides[nd - 1]!];
    const threads = this.threadsFor(batch * M * N * K);
    if (batch === 1 || threads > 1 && batch < threads) {
      // one product at a time, each split by output columns (or rows when it is tall)
      for (let p = 0; p < batch; p++) {
        const [pa, pb, pc] = [aBase + aOff[p]! * 4, bBase + bOff[p]! * 4, oBase + p * M * N * 4];
        const byCols = N >= M;
        const tasks: Task[] = this.ranges(byCols ? N : M, threads, byCols ? 8 : 4).map(([s, e]) => ({
          op: TASK_GEMM,
          args: byCols
            ? [M, e - s, K, pa, ars, acs, pb + s * bcs * 4, brs, bcs, pc + s * 4, N]
            : [e - s, N, K, pa + s * ars * 4, ars, acs, pb, brs, bcs, pc + s * N * 4, N],
        }));
        this.pool.run(tasks);
      }
      return o;
    }
    // many products: whole products per thread, in chunks that fit a task's argument block
    const perTask = Math.floor((ThreadPool.maxArgs - 12) / 3);
    for (let start = 0; start < batch; start += perTask * threads) {
      const end = Math.min(batch, start + perTask * threads);
      const tasks: Task[] = this.ranges(end - start, threads).map(([s, e]) => {
        const args = [e - s, M, N, K, ars, acs, brs, bcs, N, 0, 0, 0];
        for (let p = start + s; p < start + e; p++) args.push(aBase + aOff[p]! * 4, bBase + bOff[p]! * 4, oBase + p * M * N * 4);
        return { op: TASK_GEMM_BATCH, args };
      });
      this.pool.run(tasks);
    }
    return o;
  }

  assign(dst: StridedView, src: StridedView): void {
    this.heap.maybeSpill();
    const n = numel(dst.shape);
    if (src.storage.dtype === dst.storage.dtype && isContiguous(dst.shape, dst.strides)) {
      const d = (dst.storage as WasmStorage).data;
      if (isContiguous(src.shape, src.strides)) {
        // typed-array set copies as if through a temporary, so overlapping ranges are safe
        d.set((src.storage as WasmStorage).data.subarray(src.offset, src.offset + n), dst.offset);
        return;
      }
      if (src.strides.every((s) => s === 0)) {
        d.fill((src.storage as WasmStorage).data[src.offset]!, dst.offset, dst.offset + n);
        return;
      }
    }
    ref.assign(dst, src);
  }

  gather(x: StridedView, dim: number, index: StridedView): WasmStorage {
    this.heap.maybeSpill();
    return ref.gather(this, x, dim, index) as WasmStorage;
  }

  scatterAdd(dst: StridedView, dim: number, index: StridedView, src: StridedView): void {
    this.heap.maybeSpill();
    const nd = dst.shape.length;
    const contiguous = (v: StridedView): boolean => isContiguous(v.shape, v.strides);
    // the last dim of contiguous 2-D tensors of matching rows (max-pool backward)
    if (nd === 2 && dim === 1 && dst.storage.dtype === 'float32' && src.storage.dtype === 'float32' &&
      contiguous(dst) && contiguous(index) && contiguous(src) && index.shape[0] === dst.shape[0] &&
      src.shape[0] === index.shape[0] && src.shape[1] === index.shape[1]) {
      const bad = this.k.scatter_add_last_f32(index.shape[0]!, dst.shape[1]!, index.shape[1]!, this.addr(dst), this.addr(index), this.addr(src));
      if (bad < 0) return;
    }
    ref.scatterAdd(dst, dim, index, src); // also reports an out-of-range index
  }

  adamMoments(g: StridedView, mu: StridedView, nu: StridedView, s: AdamScalars): { mu: WasmStorage; nu: WasmStorage; update: WasmStorage } {
    this.heap.maybeSpill();
    const n = numel(g.shape);
    const [m, v, u] = [this.out('float32', n), this.out('float32', n), this.out('float32', n)];
    // scalars become float32 exactly as the composite's 0-d float32 tensors do
    const f = Math.fround;
    this.k.adam_f32(n, this.addr(g), this.addr(mu), this.addr(nu), m.ptr, v.ptr, u.ptr,
      f(s.beta1), f(1 - s.beta1), f(s.beta2), f(1 - s.beta2), f(s.bc1), f(s.bc2Sqrt), f(s.eps));
    return { mu: m, nu: v, update: u };
  }

  private windowArgs(w: Window2d): number[] {
    return [w.kernel[0], w.kernel[1], w.stride[0], w.stride[1], w.padding[0], w.padding[1], w.dilation[0], w.dilation[1], w.outSize[0], w.outSize[1]];
  }

  im2col(x: StridedView, w: Window2d): WasmStorage {
    this.heap.maybeSpill();
    if (!contiguousF32(x)) return ref.im2col(this, x, w) as WasmStorage;
    const [N, C, H, W] = x.shape as [number, number, number, number];
    const per = C * w.kernel[0] * w.kernel[1] * w.outSize[0] * w.outSize[1];
    const o = this.out('float32', N * per);
    const [xp, op] = [this.addr(x), o.ptr];
    this.pool.run(this.ranges(N, this.threadsFor(N * per)).map(([s, e]) => ({
      op: TASK_IM2COL,
      args: [e - s, C, H, W, ...this.windowArgs(w), xp + s * C * H * W * 4, op + s * per * 4],
    })));
    return o;
  }

  col2im(cols: StridedView, w: Window2d, shape: readonly [number, number, number, number]): WasmStorage {
    this.heap.maybeSpill();
    if (!contiguousF32(cols)) return ref.col2im(this, cols, w, shape) as WasmStorage;
    const [N, C, H, W] = shape;
    const o = this.out('float32', N * C * H * W);
    const per = C * w.kernel[0] * w.kernel[1] * w.outSize[0] * w.outSize[1];
    const [cp, op] = [this.addr(cols), o.ptr];
    this.pool.run(this.ranges(N, this.threadsFor(N * per)).map(([s, e]) => ({
      op: TASK_COL2IM,
      args: [e - s, C, H, W, ...this.windowArgs(w), cp + s * per * 4, op + s * C * H * W * 4],
    })));
    return o;
  }

  maxPool2d(x: StridedView, w: Window2d): { values: WasmStorage; indices: WasmStorage } {
    this.heap.maybeSpill();
    if (!contiguousF32(x)) return ref.maxPool2d(this, x, w) as { values: WasmStorage; indices: WasmStorage };
    const [N, C, H, W] = x.shape as [number, number, number, number];
    const n = N * C * w.outSize[0] * w.outSize[1];
    const values = this.out('float32', n);
    const indices = this.out('int32', n);
    const [xp, vp, ip] = [this.addr(x), values.ptr, indices.ptr];
    const per = w.outSize[0] * w.outSize[1];
    this.pool.run(this.ranges(N * C, this.threadsFor(n * w.kernel[0] * w.kernel[1])).map(([s, e]) => ({
      op: TASK_MAXPOOL,
      args: [e - s, H, W, ...this.windowArgs(w), xp + s * H * W * 4, vp + s * per * 4, ip + s * per * 4],
    })));
    return { values, indices };
  }
}

function batchOffsets(shape: Shape, strides: Shape): number[] {
  const n = numel(shape);
  const out = new Array<number>(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let d = 0; d < shape.length; d++) off += idx[d]! * strides[d]!;
    out[i] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

let instance: WasmBackend | null = null;
let requestedThreads: number | null = null;

function defaultThreads(): number {
  const env = typeof process !== 'undefined' ? process.env?.NABLA_NUM_THREADS : undefined;
  if (env !== undefined && env !== '') return checkThreads('NABLA_NUM_THREADS', Number(env));
  const os = typeof process !== 'undefined' ? process.getBuiltinModule?.('node:os') : undefined;
  return os ? Math.max(1, os.availableParallelism()) : 1;
}

function checkThreads(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`${what}: the number of threads must be an integer from 1 to 256, got ${n}`);
  return n;
}

/**
 * Sets how many threads the wasm backend's kernels use (the calling thread included). Default:
 * NABLA_NUM_THREADS, else the number of available cores. Results are identical for every count.
 */
export function setNumThreads(n: number): void {
  requestedThreads = checkThreads('setNumThreads', n);
  instance?.setNumThreads(requestedThreads);
}

export function getNumThreads(): number {
  return instance ? instance.numThreads : requestedThreads ?? defaultThreads();
}

/** The wasm backend (created on first use). */
export function wasmBackend(): Backend & Kernels & { heap: WasmHeap } {
  if (instance === null) instance = new WasmBackend();
  return instance;
}

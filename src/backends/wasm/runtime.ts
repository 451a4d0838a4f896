/** Instantiates the kernels module over a shared memory; the one place that touches WebAssembly. */
import { KERNELS_WASM_BASE64 } from './kernels.generated.js';

export interface KernelExports {
  sgemm(M: number, N: number, K: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
    c: number, ldc: number, accumulate: number, work: number): void;
  binary_f32(op: number, n: number, a: number, b: number, out: number, q: number, p: number): void;
  unary_f32(op: number, n: number, x: number, out: number): void;
  sum_last_f32(rows: number, cols: number, x: number, out: number): void;
  sum_first_f32(rows: number, cols: number, x: number, out: number): void;
  max_last_f32(rows: number, cols: number, x: number, out: number): void;
  sum_mid_f32(A: number, B: number, C: number, x: number, out: number): void;
  compare_f32(op: number, n: number, a: number, b: number, out: number, q: number, p: number): void;
  where_f32(n: number, cond: number, a: number, b: number, out: number, flags: number): void;
  cast_u8_f32(n: number, x: number, out: number): void;
  cast_i32_f32(n: number, x: number, out: number): void;
  scatter_add_last_f32(rows: number, dcols: number, scols: number, dst: number, idx: number, src: number): number;
  adam_f32(n: number, g: number, mu: number, nu: number, muOut: number, nuOut: number, uOut: number,
    b1: number, omb1: number, b2: number, omb2: number, bc1: number, bc2s: number, eps: number): void;
  im2col_f32(...args: number[]): void;
  col2im_f32(...args: number[]): void;
  maxpool_f32(...args: number[]): void;
}

let bytes: Uint8Array | null = null;

export function kernelBytes(): Uint8Array {
  if (bytes === null) {
    const bin = atob(KERNELS_WASM_BASE64);
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  return bytes;
}

/** Whether this runtime has WebAssembly with SIMD and shared memory (threads). */
export function wasmSupported(): boolean {
  try {
    if (typeof WebAssembly !== 'object' || typeof SharedArrayBuffer !== 'function') return false;
    return WebAssembly.validate(kernelBytes() as unknown as BufferSource);
  } catch {
    return false;
  }
}

export function createMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true });
}

export function instantiate(memory: WebAssembly.Memory): KernelExports {
  const module = new WebAssembly.Module(kernelBytes() as unknown as BufferSource);
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('wasm kernel aborted');
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}

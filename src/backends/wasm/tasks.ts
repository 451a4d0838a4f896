/**
 * The work a kernel thread can do, shared by the main thread and the workers: a task is an op
 * code plus numeric arguments, and each thread runs its own slice (whole output columns, rows or
 * batch items), so every output element is computed by one thread in a fixed order and results
 * are identical for every thread count.
 */
import type { KernelExports } from './runtime.js';

export interface ThreadInit {
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
  /** GEMM packing workspace of this thread (byte address in the heap). */
  work: number;
}

/** Per-thread control block: [seq, done, op, pad, …args as float64]. */
export const SLOT_INTS = 2048;
export const SEQ = 0;
export const DONE = 1;
export const OP = 2;
export const ARGS = 4;

export const TASK_GEMM = 1; // args: M N K a ars acs b brs bcs c ldc
export const TASK_GEMM_BATCH = 2; // args: count M N K ars acs brs bcs ldc, then per-item a b c at 12…
export const TASK_IM2COL = 3; // args: N C H W kh kw sh sw ph pw dh dw oh ow x out
export const TASK_COL2IM = 4; // same layout, cols out
export const TASK_MAXPOOL = 5; // args: NC H W kh kw sh sw ph pw dh dw oh ow x out idx

export function runTask(k: KernelExports, op: number, a: Float64Array, work: number): void {
  switch (op) {
    case TASK_GEMM:
      k.sgemm(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, a[8]!, a[9]!, a[10]!, 0, work);
      return;
    case TASK_GEMM_BATCH: {
      const count = a[0]!;
      for (let i = 0; i < count; i++) {
        const base = 12 + 3 * i;
        k.sgemm(a[1]!, a[2]!, a[3]!, a[base]!, a[4]!, a[5]!, a[base + 1]!, a[6]!, a[7]!, a[base + 2]!, a[8]!, 0, work);
      }
      return;
    }
    case TASK_IM2COL:
      k.im2col_f32(...Array.from(a.subarray(0, 16)));
      return;
    case TASK_COL2IM:
      k.col2im_f32(...Array.from(a.subarray(0, 16)));
      return;
    case TASK_MAXPOOL:
      k.maxpool_f32(...Array.from(a.subarray(0, 16)));
      return;
    default:
      throw new Error(`wasm worker: unknown task ${op}`);
  }
}

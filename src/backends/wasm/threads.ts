/**
 * Kernel threads: worker_threads that share the wasm heap (a shared WebAssembly.Memory) and wait
 * on Atomics in a control block. The main thread takes a slice of every parallel kernel itself
 * and then blocks until the workers are done, so ops stay synchronous. Workers are unref'd and
 * never keep the process alive.
 */
import type { KernelExports } from './runtime.js';
import { ARGS, DONE, OP, runTask, SEQ, SLOT_INTS, type ThreadInit } from './tasks.js';

export interface Task {
  op: number;
  args: number[];
}

interface WorkerSlot {
  worker: { terminate(): Promise<number>; unref(): void };
  i32: Int32Array;
  f64: Float64Array;
  seq: number;
}

export class ThreadPool {
  private readonly slots: WorkerSlot[] = [];
  private readonly control: SharedArrayBuffer;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernels: KernelExports,
    private readonly mainWork: number,
    allocWork: () => number,
    threads: number,
  ) {
    this.control = new SharedArrayBuffer(Math.max(1, threads - 1) * SLOT_INTS * 4);
    // Node >= 20.16 (process.getBuiltinModule); elsewhere the kernels run on this thread only
    const wt = typeof process !== 'undefined' ? process.getBuiltinModule?.('node:worker_threads') : undefined;
    if (threads <= 1 || wt === undefined) return;
    for (let s = 0; s < threads - 1; s++) {
      const init: ThreadInit = { memory: this.memory, control: this.control, slot: s, work: allocWork() };
      const worker = new wt.Worker(new URL('./worker.js', import.meta.url), { workerData: init });
      worker.unref();
      this.slots.push({
        worker,
        i32: new Int32Array(this.control, s * SLOT_INTS * 4, SLOT_INTS),
        f64: new Float64Array(this.control, s * SLOT_INTS * 4 + ARGS * 4, (SLOT_INTS - ARGS) / 2),
        seq: 0,
      });
    }
  }

  /** Threads available, the main thread included. */
  get size(): number {
    return this.slots.length + 1;
  }

  /** Most float64 arguments one task can carry. */
  static readonly maxArgs = (SLOT_INTS - ARGS) / 2;

  /** Runs tasks[0] here and tasks[1…] on workers; returns when all are done. */
  run(tasks: readonly Task[]): void {
    if (tasks.length > this.size) throw new Error(`ThreadPool: ${tasks.length} tasks for ${this.size} threads`);
    const posted: WorkerSlot[] = [];
    for (let t = 1; t < tasks.length; t++) {
      const slot = this.slots[t - 1]!;
      slot.f64.set(tasks[t]!.args);
      Atomics.store(slot.i32, OP, tasks[t]!.op);
      slot.seq++;
      Atomics.store(slot.i32, SEQ, slot.seq);
      Atomics.notify(slot.i32, SEQ);
      posted.push(slot);
    }
    if (tasks.length > 0) runTask(this.kernels, tasks[0]!.op, Float64Array.from(tasks[0]!.args), this.mainWork);
    for (const slot of posted) {
      // wait on the value just checked: re-reading it could miss the worker's final store
      for (let done = Atomics.load(slot.i32, DONE); done !== slot.seq; done = Atomics.load(slot.i32, DONE)) {
        Atomics.wait(slot.i32, DONE, done);
      }
      if (Atomics.load(slot.i32, OP) === -1) throw new Error('wasm backend: a kernel failed on a worker thread');
    }
  }

  terminate(): void {
    for (const s of this.slots) void s.worker.terminate();
    this.slots.length = 0;
  }
}

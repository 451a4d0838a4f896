/**
 * A kernel worker: instantiates the kernels over the shared heap and runs the tasks the main
 * thread posts into its control block (see threads.ts for the protocol).
 */
import { instantiate, type KernelExports } from './runtime.js';
import { runTask, SLOT_INTS, SEQ, DONE, OP, ARGS, type ThreadInit } from './tasks.js';

const wt = process.getBuiltinModule('node:worker_threads');
const init = wt.workerData as ThreadInit;
const kernels: KernelExports = instantiate(init.memory);
const i32 = new Int32Array(init.control, init.slot * SLOT_INTS * 4, SLOT_INTS);
const f64 = new Float64Array(init.control, init.slot * SLOT_INTS * 4 + ARGS * 4, (SLOT_INTS - ARGS) / 2);

let last = 0;
for (;;) {
  Atomics.wait(i32, SEQ, last);
  const seq = Atomics.load(i32, SEQ);
  if (seq === last) continue;
  last = seq;
  try {
    runTask(kernels, Atomics.load(i32, OP), f64, init.work);
  } catch (e) {
    // a kernel trap: report through the slot so the main thread throws instead of hanging
    Atomics.store(i32, OP, -1);
    console.error('nabla wasm worker:', e);
  }
  Atomics.store(i32, DONE, seq);
  Atomics.notify(i32, DONE);
}

// nabla's side of the benchmark: runs bench/workloads.mjs in this process and prints JSON lines.
//   node bench/systems/nabla.mjs --backend wasm --threads 1 --workloads W1,W2,W3,W4
// (needs `npm run build` first: it imports 'nabla' through the package's self-reference).
import * as nb from 'nabla';
import { WORKLOADS } from '../workloads.mjs';
import { emitNull, makeEmitter, meta, parseArgs } from './common.mjs';

const args = parseArgs();
const backend = String(args.backend ?? 'wasm');
const threads = Number(args.threads ?? 1);
const workloads = String(args.workloads ?? 'W1,W2,W3,W4').split(',');

nb.setBackend(backend);
const emit = makeEmitter('nabla', backend, threads);
const hasThreads = typeof nb.setNumThreads === 'function';
if (hasThreads) nb.setNumThreads(threads);
const actual = typeof nb.getNumThreads === 'function' ? nb.getNumThreads() : hasThreads ? threads : 1;
meta({ system: 'nabla', backend, threads, actualThreads: actual, setNumThreads: hasThreads, node: process.version });

for (const w of workloads) {
  if (threads !== 1 && !hasThreads) {
    emitNull(emit, w, 'nabla has no setNumThreads yet: only 1 thread');
    continue;
  }
  try {
    await WORKLOADS[w](emit);
  } catch (e) {
    emitNull(emit, w, `error: ${String(e?.message ?? e).slice(0, 200)}`);
  }
}
if (backend === 'wasm') {
  const heap = nb.getBackend('wasm').heap;
  meta({ wasmHeap: { memoryBytes: heap.memoryBytes, residentBytes: heap.residentBytes, ...heap.stats } });
}

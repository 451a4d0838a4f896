#!/usr/bin/env node
// Soak test of the wasm backend's memory: trains the W2 MLP (784-512-256-10, Adam 1e-3, softmax
// cross-entropy) for 10,000 steps at batch 32 with a fresh random batch every step, once in a
// synchronous loop (which never lets finalizers run) and once in an async loop that yields every
// step. Every 1,000 steps it reports the JS heap (after a full GC when run with --expose-gc),
// external and ArrayBuffer memory, and the wasm heap; at the end it asserts that each of them is
// flat after warm-up, and exits 1 otherwise.
//   npm run bench -- --soak [options]       or      node --expose-gc bench/soak.mjs [options]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as nb from 'nabla';

const HELP = `usage: node --expose-gc bench/soak.mjs [options]
  --steps 10000      training steps per loop
  --batch 32         batch size
  --every 1000       report every this many steps
  --warmup 1000      steps after which memory must stay flat (a multiple of --every)
  --loops sync,async which loops to run
  --threads N        nabla.setNumThreads(N) when it exists (default: nabla's default)
  --max-rss-mb 2048  stop a loop whose process grows past this (a runaway leak), and fail
  --json             one JSON object per report on stdout
Each loop runs in its own process when more than one is asked for.
`;

const MiB = 2 ** 20;
// What "flat after warm-up" means. The reports after warm-up are split into a first and a second
// half. Figures that move with GC and finalizer timing (the JS heap, external and ArrayBuffer
// memory) are judged by their floor: a leak raises the lowest
// value, timing only moves the peaks; the floor of the second half may exceed the floor of the
// first half by at most the larger of `abs` and `rel` × that floor. The wasm memory can only grow
// (WebAssembly memory never shrinks): it may not grow at all in the second half, nor by more than
// `rel` overall after warm-up (one late geometric growth step of the heap is 1/8).
const FLOOR_TOLERANCE = {
  heapUsed: { abs: 2 * MiB, rel: 0.1 },
  external: { abs: 8 * MiB, rel: 0.1 },
  arrayBuffers: { abs: 8 * MiB, rel: 0.1 },
};
// The wasm heap's resident bytes follow GC timing anywhere below the cache limit by design; the
// check is that they stay within it (the limit is enforced at the start of each op, so one op's
// outputs may overshoot it briefly).
const RESIDENT_OVER_LIMIT = 1.25;
const WASM_GROWTH_REL = 0.25;

function parseArgs(argv) {
  const o = { steps: 10000, batch: 32, every: 1000, warmup: 1000, loops: ['sync', 'async'], threads: null, maxRssMb: 2048, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    switch (a) {
      case '--steps': o.steps = Number(v()); break;
      case '--batch': o.batch = Number(v()); break;
      case '--every': o.every = Number(v()); break;
      case '--warmup': o.warmup = Number(v()); break;
      case '--loops': o.loops = v().split(','); break;
      case '--threads': o.threads = Number(v()); break;
      case '--max-rss-mb': o.maxRssMb = Number(v()); break;
      case '--json': o.json = true; break;
      case '--help': case '-h': process.stdout.write(HELP); process.exit(0); break;
      default: process.stderr.write(`soak: unknown option '${a}'\n${HELP}`); process.exit(2);
    }
  }
  for (const k of ['steps', 'batch', 'every']) if (!(Number.isInteger(o[k]) && o[k] > 0)) throw new Error(`--${k} must be a positive integer`);
  if (o.warmup % o.every !== 0 || o.warmup + 2 * o.every > o.steps) throw new Error('--warmup must be a multiple of --every, at least two reports before --steps');
  for (const l of o.loops) if (l !== 'sync' && l !== 'async') throw new Error(`--loops: unknown loop '${l}'`);
  return o;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function mlp() {
  return new nb.nn.Sequential(
    new nb.nn.Linear(784, 512), new nb.nn.ReLU(),
    new nb.nn.Linear(512, 256), new nb.nn.ReLU(),
    new nb.nn.Linear(256, 10),
  );
}

function sample(heap, loop, step, stepMs, loss) {
  // two full collections: ArrayBuffer memory is returned while sweeping after the first
  if (typeof globalThis.gc === 'function') { globalThis.gc(); globalThis.gc(); }
  const mu = process.memoryUsage();
  return {
    loop, step, msPerStep: +stepMs.toFixed(3), loss: +loss.toFixed(4),
    heapUsed: mu.heapUsed, external: mu.external, arrayBuffers: mu.arrayBuffers, rss: mu.rss,
    wasmMemory: heap.memoryBytes, wasmResident: heap.residentBytes, wasmLimit: heap.limitBytes, ...heap.stats,
  };
}

const mb = (x) => (x / MiB).toFixed(1).padStart(7);

function printRow(o, s) {
  if (o.json) { process.stdout.write(JSON.stringify(s) + '\n'); return; }
  process.stdout.write(
    `${s.loop.padEnd(5)} ${String(s.step).padStart(6)}  ${s.msPerStep.toFixed(2).padStart(7)}  ${s.loss.toFixed(3).padStart(6)}` +
    `  ${mb(s.heapUsed)}  ${mb(s.external)}  ${mb(s.arrayBuffers)}  ${mb(s.rss)}  ${mb(s.wasmMemory)}  ${mb(s.wasmResident)}` +
    `  ${String(s.spills).padStart(7)}  ${mb(s.spilledBytes)}  ${String(s.finalized).padStart(8)}  ${String(s.grows).padStart(5)}\n`,
  );
}

async function runLoop(o, loop, heap) {
  nb.manualSeed(0);
  const model = mlp();
  const opt = new nb.optim.Adam(model.parameters(), { lr: 1e-3 });
  const lossFn = new nb.nn.CrossEntropyLoss();
  const samples = [];
  let t = performance.now();
  let loss = 0;
  for (let step = 1; step <= o.steps; step++) {
    const x = nb.randn([o.batch, 784]);
    const y = nb.randint(0, 10, [o.batch]);
    opt.zeroGrad();
    const l = lossFn.call(model.call(x), y);
    l.backward();
    opt.step();
    if (step % 100 === 0) {
      loss = l.item();
      if (!Number.isFinite(loss)) throw new Error(`${loop} loop: loss is ${loss} at step ${step}`);
    }
    if (loop === 'async') await tick();
    if (step % 10 === 0 && process.memoryUsage.rss() > o.maxRssMb * MiB) {
      const s = sample(heap, loop, step, (performance.now() - t) / (step % o.every || o.every), loss);
      samples.push(s);
      printRow(o, s);
      return { samples, runaway: `${loop}: the process passed --max-rss-mb ${o.maxRssMb} at step ${step} (rss ${mb(s.rss).trim()} MiB, ArrayBuffers ${mb(s.arrayBuffers).trim()} MiB, ${s.spills} spills, ${s.finalized} finalized): stopped` };
    }
    if (step % o.every === 0) {
      const now = performance.now();
      const s = sample(heap, loop, step, (now - t) / o.every, loss);
      samples.push(s);
      printRow(o, s);
      t = performance.now();
    }
  }
  return { samples, runaway: null };
}

/** Failures of the flatness check (see FLOOR_TOLERANCE). */
function check(o, samples) {
  const fails = [];
  const loop = samples[0]?.loop;
  const base = samples.find((s) => s.step === o.warmup);
  const after = samples.filter((s) => s.step > o.warmup);
  const half = Math.ceil(after.length / 2);
  const first = [base, ...after.slice(0, half - 1)];
  const second = after.slice(half - 1);
  const say = (ok, line) => {
    if (!ok) fails.push(line);
    else if (!o.json) process.stdout.write(`  ok   ${line}\n`);
  };
  for (const [key, tol] of Object.entries(FLOOR_TOLERANCE)) {
    const f1 = Math.min(...first.map((s) => s[key]));
    const f2 = Math.min(...second.map((s) => s[key]));
    const allowed = Math.max(tol.abs, tol.rel * f1);
    say(f2 - f1 <= allowed, `${loop}: ${key} floor ${mb(f1).trim()} MiB (steps ${first[0].step}–${first.at(-1).step}) → ${mb(f2).trim()} MiB (steps ${second[0].step}–${second.at(-1).step}), allowed +${(allowed / MiB).toFixed(1)} MiB`);
  }
  const limit = samples[0].wasmLimit;
  const peak = Math.max(...after.map((s) => s.wasmResident));
  say(peak <= RESIDENT_OVER_LIMIT * limit, `${loop}: wasm resident peak ${mb(peak).trim()} MiB after warm-up, cache limit ${mb(limit).trim()} MiB (≤ ${RESIDENT_OVER_LIMIT}×)`);
  const w0 = base.wasmMemory;
  const wMid = second[0].wasmMemory;
  const wEnd = second.at(-1).wasmMemory;
  say(wEnd === wMid && wEnd - w0 <= WASM_GROWTH_REL * w0,
    `${loop}: wasm memory ${mb(w0).trim()} MiB at step ${o.warmup}, ${mb(wMid).trim()} at step ${second[0].step}, ${mb(wEnd).trim()} at step ${second.at(-1).step} (no growth allowed in the second half, ≤ ${WASM_GROWTH_REL * 100}% after warm-up)`);
  return fails;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`soak: ${e.message}\n`);
    return 2;
  }
  if (o.loops.length > 1) {
    // one process per loop, so that one loop's garbage does not weigh on the next
    let rc = 0;
    const self = fileURLToPath(import.meta.url);
    const rest = process.argv.slice(2).filter((a, i, all) => a !== '--loops' && all[i - 1] !== '--loops');
    for (const loop of o.loops) {
      const r = spawnSync(process.execPath, ['--expose-gc', self, ...rest, '--loops', loop], { stdio: 'inherit' });
      rc = Math.max(rc, r.status ?? 1);
    }
    if (!o.json) process.stdout.write(rc === 0 ? 'soak: every loop flat\n' : 'soak: FAILED (see above)\n');
    return rc;
  }
  nb.setBackend('wasm');
  if (o.threads !== null && typeof nb.setNumThreads === 'function') nb.setNumThreads(o.threads);
  const heap = nb.getBackend('wasm').heap;
  if (typeof globalThis.gc !== 'function') {
    process.stderr.write('soak: run with node --expose-gc for post-GC heap figures (npm run bench -- --soak does)\n');
  }
  if (!o.json) {
    process.stdout.write(`soak: W2 MLP, batch ${o.batch}, ${o.steps} steps per loop, wasm backend` +
      `${typeof nb.getNumThreads === 'function' ? `, ${nb.getNumThreads()} thread(s)` : ''}; memory in MiB\n`);
    process.stdout.write('loop    step  ms/step    loss     heap  external  arrBufs      rss     wasm  wasmRes   spills  spilled  finalized  grows\n');
  }
  const loop = o.loops[0];
  const { samples, runaway } = await runLoop(o, loop, heap);
  const fails = runaway ? [runaway] : check(o, samples);
  if (o.json) process.stdout.write(JSON.stringify({ loop, flat: fails.length === 0, failures: fails }) + '\n');
  if (fails.length && !o.json) {
    for (const f of fails) process.stdout.write(`  FAIL ${f}\n`);
    process.stdout.write(`soak: ${loop} loop: memory is not flat after warm-up (${fails.length} failure(s))\n`);
  }
  if (fails.length) return 1;
  if (!o.json) process.stdout.write(`soak: ${loop} loop: memory flat after warm-up\n`);
  return 0;
}

process.exitCode = await main();

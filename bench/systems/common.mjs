// Shared helpers for the JavaScript comparison runners (bench/systems/*.mjs).
// Each runner is a child process of bench/run.mjs: it prints one JSON object per line on
// stdout — measurement lines, plus `{"meta": {...}}` lines that the runner keeps to itself.

/** `--key value` pairs of argv (flags without a value are `true`). */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else { out[key] = next; i++; }
  }
  return out;
}

export const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];

/** W1 sizes, as in ../shared/BENCHMARKS.md. */
export const W1_SIZES = [128, 256, 512, 1024];

/**
 * Median seconds per call of the async `fn` over `reps` timed repetitions, after `warm` warm-up
 * calls. Each repetition runs `inner` calls, raised so that a repetition lasts at least `minRepS`
 * seconds (judged from the last warm-up call), so that tiny calls are not lost in timer noise.
 * A call that takes longer than `slowS` during warm-up ends the warm-up early (tfjs-cpu's CNN
 * step takes half a minute); the caller learns that through `info.warm`.
 */
export async function timeit(fn, { warm = 2, reps = 5, inner = 1, minRepS = 0.02, slowS = 8 } = {}) {
  let last = 0;
  let w = 0;
  for (; w < warm; w++) {
    const t = performance.now();
    await fn();
    last = (performance.now() - t) / 1000;
    if (last > slowS) { w++; break; }
  }
  if (last > 0) inner = Math.max(inner, Math.ceil(minRepS / last));
  const ts = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) await fn();
    ts.push((performance.now() - t) / 1000 / inner);
  }
  return { s: median(ts), warm: w, reps, inner };
}

/** Prints one measurement line. */
export function makeEmitter(system, backend, threads) {
  const done = new Set();
  const emit = (workload, metric, value, extra = {}) => {
    const line = { system, backend, workload, threads, metric, value: value === null ? null : +value.toFixed(2), ...extra };
    done.add(`${workload}:${extra.n ?? ''}`);
    console.log(JSON.stringify(line));
  };
  emit.done = done;
  return emit;
}

export const meta = (obj) => console.log(JSON.stringify({ meta: obj }));

export const METRIC = { W1: 'gflops', W2: 'samples_per_s', W3: 'samples_per_s', W4: 'samples_per_s' };

/** Emits a null line (with a note) for every measurement that a workload would have produced. */
export function emitNull(emit, workload, note) {
  const done = emit.done ?? new Set();
  if (workload === 'W1') {
    for (const n of W1_SIZES) if (!done.has(`W1:${n}`)) emit('W1', 'gflops', null, { n, note });
  } else if (!done.has(`${workload}:`)) emit(workload, METRIC[workload], null, { note });
}

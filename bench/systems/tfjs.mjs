// TensorFlow.js 4.22 side of the benchmark (devDependencies @tensorflow/tfjs and
// @tensorflow/tfjs-backend-wasm): the workloads W1–W4 of ../shared/BENCHMARKS.md.
//   node bench/systems/tfjs.mjs --backend cpu|wasm --threads 1 --workloads W1,W2,W3,W4
// Same layer sizes, batch, optimizer and loss as nabla's bench/workloads.mjs; images are NHWC,
// TF.js's native layout. Every step awaits its result's data, as a TF.js program must.
import { createRequire } from 'node:module';
import path from 'node:path';
import { W1_SIZES, emitNull, makeEmitter, meta, parseArgs, timeit } from './common.mjs';

const args = parseArgs();
const backend = String(args.backend ?? 'cpu');
const threads = Number(args.threads ?? 1);
const workloads = String(args.workloads ?? 'W1,W2,W3,W4').split(',');

// TF.js greets Node users on the console; keep stdout for JSON lines only.
console.log = (...a) => process.stderr.write(a.join(' ') + '\n');
const out = (s) => process.stdout.write(s + '\n');

const tf = await import('@tensorflow/tfjs');
let actualThreads = 1;
if (backend === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  // the .wasm binaries ship inside the npm package
  wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  wasm.setThreadsCount(threads);
  await tf.setBackend('wasm');
  await tf.ready();
  actualThreads = wasm.getThreadsCount();
} else {
  await tf.setBackend(backend);
  await tf.ready();
}
console.log = (...a) => (a.length === 1 && typeof a[0] === 'string' && a[0].startsWith('{') ? out(a[0]) : process.stderr.write(a.join(' ') + '\n'));

const system = `tfjs-${backend}`;
const emitRaw = makeEmitter(system, backend, threads);
const threadNote = actualThreads !== threads ? `TF.js ran ${actualThreads} thread(s) (asked for ${threads})` : undefined;
const emit = (w, m, v, extra = {}) => emitRaw(w, m, v, threadNote && v !== null ? { ...extra, note: threadNote } : extra);
emit.done = emitRaw.done;
meta({ system, backend, threads, actualThreads, version: tf.version.tfjs, node: process.version });

const SEED = 1;
const note = (t) => (t.warm < 2 ? { note: `slow: ${t.warm} warm-up, ${t.reps} reps of ${t.inner}` } : {});

async function w1() {
  for (const n of W1_SIZES) {
    const a = tf.randomNormal([n, n], 0, 1, 'float32', SEED);
    const b = tf.randomNormal([n, n], 0, 1, 'float32', SEED + 1);
    const t = await timeit(async () => { const c = tf.matMul(a, b); await c.data(); c.dispose(); }, { warm: 2, reps: 5, inner: n <= 256 ? 10 : 1 });
    emit('W1', 'gflops', (2 * n ** 3) / t.s / 1e9, { n, ...note(t) });
    a.dispose(); b.dispose();
  }
}

function mlp() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 10 }));
  return m;
}

/** One forward + backward + update; softmax cross-entropy (mean over the batch) on one-hot labels. */
const trainStep = (model, opt, x, y) => async () => {
  const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x)), true);
  await l.data();
  l.dispose();
};

async function w2() {
  const m = mlp();
  const opt = tf.train.adam(1e-3);
  const x = tf.randomNormal([128, 784], 0, 1, 'float32', SEED);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([128], 0, 10, 'int32', SEED + 1), 10));
  const t = await timeit(trainStep(m, opt, x, y), { warm: 2, reps: 5, inner: 2 });
  emit('W2', 'samples_per_s', 128 / t.s, note(t));
  m.dispose(); opt.dispose(); x.dispose(); y.dispose();
}

async function w3() {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 10 }));
  const opt = tf.train.momentum(0.01, 0.9);
  const x = tf.randomNormal([64, 28, 28, 1], 0, 1, 'float32', SEED);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([64], 0, 10, 'int32', SEED + 1), 10));
  try {
    const t = await timeit(trainStep(m, opt, x, y), { warm: 2, reps: 5, inner: 1 });
    emit('W3', 'samples_per_s', 64 / t.s, note(t));
  } catch (e) {
    const msg = String(e?.message ?? e).split('\n')[0].slice(0, 160);
    emit('W3', 'samples_per_s', null, { note: `cannot train: ${msg}` });
  }
}

async function w4() {
  const m = mlp();
  const x = tf.randomNormal([1024, 784], 0, 1, 'float32', SEED);
  const t = await timeit(async () => { const o = tf.tidy(() => m.apply(x)); await o.data(); o.dispose(); }, { warm: 2, reps: 5, inner: 2 });
  emit('W4', 'samples_per_s', 1024 / t.s, note(t));
  m.dispose(); x.dispose();
}

const RUN = { W1: w1, W2: w2, W3: w3, W4: w4 };
for (const w of workloads) {
  try {
    await RUN[w]();
  } catch (e) {
    emitNull(emit, w, `error: ${String(e?.message ?? e).split('\n')[0].slice(0, 200)}`);
  }
}

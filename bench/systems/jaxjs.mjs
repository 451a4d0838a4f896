// jax-js (@jax-js/jax, wasm device, jit) side of the benchmark — optional: it is not a
// devDependency. It is found as a dependency of this project if installed, or in the folder
// named by NABLA_BENCH_JAXJS_DIR (one that holds node_modules/@jax-js/jax). Otherwise every line
// is null with a note.
//   node bench/systems/jaxjs.mjs --threads 1 --workloads W1,W2,W3,W4
// jax-js has no layers or optimizers here, so the networks, softmax cross-entropy, Adam and SGD
// with momentum are written out by hand, and each training step is one jit-compiled function.
// Same sizes, batch, optimizer and loss as bench/workloads.mjs. jax-js arrays are consumed by
// the calls they are passed to; `.ref` keeps one alive (that is what all the `.ref`s are for).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { W1_SIZES, emitNull, makeEmitter, meta, parseArgs, timeit } from './common.mjs';

const args = parseArgs();
const threads = Number(args.threads ?? 1);
const workloads = String(args.workloads ?? 'W1,W2,W3,W4').split(',');
const emit = makeEmitter('jax-js-wasm', 'wasm', threads);

async function load() {
  try {
    return await import('@jax-js/jax');
  } catch (e) {
    const dir = process.env.NABLA_BENCH_JAXJS_DIR;
    if (!dir) throw e;
    const pkg = path.join(dir, 'node_modules', '@jax-js', 'jax');
    const json = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
    const entry = json.exports?.['.']?.import ?? json.module ?? json.main;
    return import(pathToFileURL(path.join(pkg, entry)).href);
  }
}

let jax;
try {
  jax = await load();
} catch (e) {
  const note = `jax-js not installed (npm i @jax-js/jax, or set NABLA_BENCH_JAXJS_DIR): ${String(e?.message ?? e).split('\n')[0].slice(0, 120)}`;
  meta({ system: 'jax-js-wasm', error: note });
  for (const w of workloads) emitNull(emit, w, note);
  process.exit(0);
}

const { numpy: np, nn, random, jit, valueAndGrad, init, defaultDevice, tree, lax } = jax;
const devices = await init('wasm');
defaultDevice('wasm');
let version = '?';
try {
  const dir = process.env.NABLA_BENCH_JAXJS_DIR;
  const pj = dir ? path.join(dir, 'node_modules/@jax-js/jax/package.json') : new URL('../../node_modules/@jax-js/jax/package.json', import.meta.url);
  version = JSON.parse(fs.readFileSync(pj, 'utf8')).version;
} catch { /* version stays unknown */ }
meta({ system: 'jax-js-wasm', threads, actualThreads: 1, devices, version, node: process.version });
if (threads !== 1) {
  for (const w of workloads) emitNull(emit, w, 'jax-js runs single-threaded in Node');
  process.exit(0);
}

let key = random.key(0);
function normal(shape, scale = 1) {
  const [k1, k2] = random.split(key);
  key = k1;
  const x = random.normal(k2, shape);
  return scale === 1 ? x : x.mul(scale);
}
/** One-hot labels from a fixed pattern (jax-js has no randint that suits here). */
function oneHot(batch, mult) {
  const a = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) a[i * 10 + ((i * mult + 3) % 10)] = 1;
  return np.array(a).reshape([batch, 10]);
}
const refs = (t) => tree.map((a) => a.ref, t);
const crossEntropy = (logits, y, batch) => nn.logSoftmax(logits).mul(y).sum().mul(-1 / batch);

async function w1() {
  const mm = jit((a, b) => np.matmul(a, b));
  for (const n of W1_SIZES) {
    const a = normal([n, n]);
    const b = normal([n, n]);
    const t = await timeit(async () => { const c = mm(a.ref, b.ref); await c.data(); }, { warm: 2, reps: 5, inner: n <= 256 ? 10 : 1 });
    emit('W1', 'gflops', (2 * n ** 3) / t.s / 1e9, { n });
  }
}

const glorot = (fanIn, fanOut) => normal([fanIn, fanOut], Math.sqrt(2 / (fanIn + fanOut)));
const mlpParams = () => ({ w1: glorot(784, 512), b1: np.zeros([512]), w2: glorot(512, 256), b2: np.zeros([256]), w3: glorot(256, 10), b3: np.zeros([10]) });
function mlp(p, x) {
  const h1 = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const h2 = nn.relu(np.matmul(h1, p.w2).add(p.b2));
  return np.matmul(h2, p.w3).add(p.b3);
}

async function w2() {
  let p = mlpParams();
  let m = tree.map((a) => np.zerosLike(a.ref), p);
  let v = tree.map((a) => np.zerosLike(a.ref), p);
  const x = normal([128, 784]);
  const y = oneHot(128, 7);
  const b1 = 0.9, b2 = 0.999, lr = 1e-3, eps = 1e-8;
  // Adam; the bias corrections of step t come in as scalars so that one trace serves every step
  const step = jit((p, m, v, x, y, c1, c2) => {
    const [loss, g] = valueAndGrad((q) => crossEntropy(mlp(q, x), y, 128))(p.ref ? p : refs(p));
    const gr = refs(g);
    const m2 = tree.map((mi, gi) => mi.mul(b1).add(gi.mul(1 - b1)), m, g);
    const v2 = tree.map((vi, gi) => vi.mul(b2).add(gi.ref.mul(gi).mul(1 - b2)), v, gr);
    const p2 = tree.map((pi, mi, vi) => pi.sub(mi.mul(c1.ref).div(np.sqrt(vi.mul(c2.ref)).add(eps))), p, refs(m2), refs(v2));
    c1.dispose(); c2.dispose();
    return [loss, p2, m2, v2];
  });
  let t = 0;
  const run = async () => {
    t++;
    const c1 = np.array(lr / (1 - b1 ** t));
    const c2 = np.array(1 / (1 - b2 ** t));
    const [loss, p2, m2, v2] = step(refs(p), m, v, x.ref, y.ref, c1, c2);
    tree.dispose(p);
    p = p2; m = m2; v = v2;
    await loss.data();
  };
  const r = await timeit(run, { warm: 2, reps: 5, inner: 2 });
  emit('W2', 'samples_per_s', 128 / r.s);
  return p;
}

async function w4(p) {
  p ??= mlpParams();
  const inf = jit((q, x) => mlp(q, x));
  const x = normal([1024, 784]);
  const r = await timeit(async () => { const o = inf(refs(p), x.ref); await o.data(); }, { warm: 2, reps: 5, inner: 2 });
  emit('W4', 'samples_per_s', 1024 / r.s);
}

async function w3() {
  const kaiming = (shape, fanIn) => normal(shape, Math.sqrt(2 / fanIn));
  let p = {
    c1: kaiming([32, 1, 3, 3], 9), cb1: np.zeros([32]), c2: kaiming([64, 32, 3, 3], 288), cb2: np.zeros([64]),
    f1: glorot(3136, 128), fb1: np.zeros([128]), f2: glorot(128, 10), fb2: np.zeros([10]),
  };
  // 2×2 max pooling, stride 2, as a reshape and a max over the two window axes
  const pool = (h, c, s) => np.max(h.reshape([64, c, s / 2, 2, s / 2, 2]), [3, 5]);
  const cnn = (q, x) => {
    let h = nn.relu(lax.conv(x, q.c1, [1, 1], 'SAME').add(q.cb1.reshape([1, 32, 1, 1])));
    h = pool(h, 32, 28);
    h = nn.relu(lax.conv(h, q.c2, [1, 1], 'SAME').add(q.cb2.reshape([1, 64, 1, 1])));
    h = pool(h, 64, 14).reshape([64, 3136]);
    h = nn.relu(np.matmul(h, q.f1).add(q.fb1));
    return np.matmul(h, q.f2).add(q.fb2);
  };
  let mom = tree.map((a) => np.zerosLike(a.ref), p);
  const x = normal([64, 1, 28, 28]);
  const y = oneHot(64, 3);
  // SGD with momentum 0.9 (PyTorch's form: buf = 0.9·buf + g; p -= lr·buf), lr 0.01
  const step = jit((q, mo, x, y) => {
    const [loss, g] = valueAndGrad((r) => crossEntropy(cnn(r, x), y, 64))(q.ref ? q : refs(q));
    const mo2 = tree.map((mi, gi) => mi.mul(0.9).add(gi), mo, g);
    const q2 = tree.map((qi, mi) => qi.sub(mi.mul(0.01)), q, refs(mo2));
    return [loss, q2, mo2];
  });
  const run = async () => {
    const [loss, p2, mo2] = step(refs(p), mom, x.ref, y.ref);
    tree.dispose(p);
    p = p2; mom = mo2;
    await loss.data();
  };
  const r = await timeit(run, { warm: 2, reps: 5, inner: 1 });
  emit('W3', 'samples_per_s', 64 / r.s);
}

let trained;
for (const w of workloads) {
  try {
    if (w === 'W1') await w1();
    else if (w === 'W2') trained = await w2();
    else if (w === 'W3') await w3();
    else if (w === 'W4') await w4(trained);
  } catch (e) {
    emitNull(emit, w, `error: ${String(e?.message ?? e).split('\n')[0].slice(0, 200)}`);
  }
}

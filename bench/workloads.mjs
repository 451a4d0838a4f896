// nabla's implementation of the fixed workloads W1–W4 of ../shared/BENCHMARKS.md.
import * as nb from 'nabla';

const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];

// Yield to the event loop after each call, as nabla's training loop does (and as the TF.js
// runs await each step): that is when finalizers return dead tensors' wasm memory.
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Median seconds per call of fn over `reps` timed repetitions of `inner` calls, after warm-up. */
export async function timeit(fn, { warm = 2, reps = 5, inner = 1 } = {}) {
  for (let i = 0; i < warm; i++) {
    fn();
    await tick();
  }
  const ts = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) {
      fn();
      await tick();
    }
    ts.push((performance.now() - t) / 1000 / inner);
  }
  return median(ts);
}

export async function w1(emit) {
  const g = new nb.Generator(1);
  for (const n of [128, 256, 512, 1024]) {
    const a = nb.randn([n, n], { generator: g });
    const b = nb.randn([n, n], { generator: g });
    const t = await timeit(() => a.matmul(b), { warm: 2, reps: 5, inner: n <= 256 ? 10 : 1 });
    emit('W1', 'gflops', (2 * n ** 3) / t / 1e9, { n });
  }
}

function mlp() {
  return new nb.nn.Sequential(
    new nb.nn.Linear(784, 512), new nb.nn.ReLU(),
    new nb.nn.Linear(512, 256), new nb.nn.ReLU(),
    new nb.nn.Linear(256, 10),
  );
}

function trainStep(model, opt, lossFn, x, y) {
  opt.zeroGrad();
  const loss = lossFn.call(model.call(x), y);
  loss.backward();
  opt.step();
  return loss;
}

export async function w2(emit) {
  nb.manualSeed(0);
  const model = mlp();
  const opt = new nb.optim.Adam(model.parameters(), { lr: 1e-3 });
  const lossFn = new nb.nn.CrossEntropyLoss();
  const x = nb.randn([128, 784]);
  const y = nb.randint(0, 10, [128]);
  const t = await timeit(() => trainStep(model, opt, lossFn, x, y), { warm: 2, reps: 5, inner: 2 });
  emit('W2', 'samples_per_s', 128 / t);
}

export async function w3(emit) {
  nb.manualSeed(0);
  const model = new nb.nn.Sequential(
    new nb.nn.Conv2d(1, 32, 3, { padding: 1 }), new nb.nn.ReLU(), new nb.nn.MaxPool2d(2),
    new nb.nn.Conv2d(32, 64, 3, { padding: 1 }), new nb.nn.ReLU(), new nb.nn.MaxPool2d(2),
    new nb.nn.Flatten(),
    new nb.nn.Linear(3136, 128), new nb.nn.ReLU(),
    new nb.nn.Linear(128, 10),
  );
  const opt = new nb.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const lossFn = new nb.nn.CrossEntropyLoss();
  const x = nb.randn([64, 1, 28, 28]);
  const y = nb.randint(0, 10, [64]);
  const t = await timeit(() => trainStep(model, opt, lossFn, x, y), { warm: 2, reps: 5, inner: 1 });
  emit('W3', 'samples_per_s', 64 / t);
}

export async function w4(emit) {
  nb.manualSeed(0);
  const model = mlp().eval();
  const x = nb.randn([1024, 784]);
  const t = await timeit(() => nb.noGrad(() => model.call(x)), { warm: 2, reps: 5, inner: 2 });
  emit('W4', 'samples_per_s', 1024 / t);
}

export const WORKLOADS = { W1: w1, W2: w2, W3: w3, W4: w4 };

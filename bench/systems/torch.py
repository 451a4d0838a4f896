"""PyTorch side of the benchmark: the workloads W1-W4 of ../shared/BENCHMARKS.md on the CPU.

    /usr/bin/python3 bench/systems/torch.py --threads 1 --workloads W1,W2,W3,W4

Prints one JSON object per line (the same fields as nabla's lines), plus {"meta": ...} lines.
Same layer sizes, batch, optimizer and loss as bench/workloads.mjs; timing as in
bench/systems/common.mjs: warm-up, then the median of 5 repetitions, each long enough to time.
"""
import argparse
import json
import os
import statistics
import sys
import time

# This file is named torch.py: keep its own folder off the import path so that `import torch`
# finds PyTorch rather than this script.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [q for q in sys.path if os.path.abspath(q or ".") != _here]

W1_SIZES = (128, 256, 512, 1024)
METRIC = {"W1": "gflops", "W2": "samples_per_s", "W3": "samples_per_s", "W4": "samples_per_s"}

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--workloads", default="W1,W2,W3,W4")
args = p.parse_args()
threads = args.threads
workloads = args.workloads.split(",")
done = set()


def emit(workload, metric, value, **extra):
    line = {"system": "torch", "backend": "cpu", "workload": workload, "threads": threads,
            "metric": metric, "value": None if value is None else round(value, 2), **extra}
    done.add((workload, extra.get("n")))
    print(json.dumps(line), flush=True)


def emit_null(workload, note):
    if workload == "W1":
        for n in W1_SIZES:
            if ("W1", n) not in done:
                emit("W1", "gflops", None, n=n, note=note)
    elif (workload, None) not in done:
        emit(workload, METRIC[workload], None, note=note)


try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except Exception as e:  # noqa: BLE001 - any import failure means "no torch here"
    print(json.dumps({"meta": {"system": "torch", "error": f"no torch: {e}"}}), flush=True)
    for w in workloads:
        emit_null(w, f"torch not available in {sys.executable}: {e}"[:200])
    sys.exit(0)

torch.set_num_threads(threads)
torch.manual_seed(0)


def blas_libraries():
    """The BLAS shared objects mapped into this process (after a first matmul has loaded them)."""
    torch.randn(8, 8) @ torch.randn(8, 8)
    found = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                name = os.path.basename(path).lower()
                if path.startswith("/") and any(k in name for k in ("blas", "blis", "mkl_rt", "libmkl")):
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


blas = blas_libraries()
# Debian's torch calls whatever libblas.so.3 the alternatives system points at; the netlib
# reference BLAS (package libblas3) runs GEMM an order of magnitude slower than OpenBLAS or BLIS.
reference_blas = any("/blas/libblas.so" in p for p in blas)
print(json.dumps({"meta": {"system": "torch", "threads": threads, "actualThreads": torch.get_num_threads(),
                           "version": torch.__version__, "python": sys.version.split()[0], "blas": blas,
                           "referenceBlas": reference_blas}}), flush=True)


def timeit(fn, warm=2, reps=5, inner=1, min_rep_s=0.02):
    last = 0.0
    for _ in range(warm):
        t = time.perf_counter()
        fn()
        last = time.perf_counter() - t
    if last > 0:
        inner = max(inner, -(-min_rep_s // last))
    inner = int(inner)
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(inner):
            fn()
        ts.append((time.perf_counter() - t) / inner)
    return statistics.median(ts)


def w1():
    for n in W1_SIZES:
        a, b = torch.randn(n, n), torch.randn(n, n)
        t = timeit(lambda: a @ b, inner=10 if n <= 256 else 1)
        emit("W1", "gflops", 2 * n**3 / t / 1e9, n=n)


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))


def train_step(model, opt, x, y):
    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    return step


def w2():
    m = mlp()
    opt = torch.optim.Adam(m.parameters(), lr=1e-3)
    x, y = torch.randn(128, 784), torch.randint(0, 10, (128,))
    emit("W2", "samples_per_s", 128 / timeit(train_step(m, opt, x, y), inner=2))


def w3():
    cnn = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.SGD(cnn.parameters(), lr=0.01, momentum=0.9)
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    emit("W3", "samples_per_s", 64 / timeit(train_step(cnn, opt, x, y)))


def w4():
    m = mlp().eval()
    x = torch.randn(1024, 784)
    with torch.no_grad():
        emit("W4", "samples_per_s", 1024 / timeit(lambda: m(x), inner=2))


RUN = {"W1": w1, "W2": w2, "W3": w3, "W4": w4}
for w in workloads:
    try:
        RUN[w]()
    except Exception as e:  # noqa: BLE001 - report, do not abort the other workloads
        emit_null(w, f"error: {e}"[:200])

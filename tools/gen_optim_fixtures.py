#!/usr/bin/env python3
"""Generate PyTorch reference trajectories for nabla's optimizers and gradient utilities.

Usage (from the repository root):

    /usr/bin/python3 tools/gen_optim_fixtures.py [output_path]

Default output: test/fixtures/torch/optim.json.  Needs only torch + the standard
library; deterministic (fixed seeds, one thread, float64 everywhere — the default
dtype is set to float64 so that optimizer step counters and NAdam's mu_product are
float64 too).

The problem: a tiny MLP, f(X) = tanh(X W1 + b1) W2 + b2, with W1 [3,3], b1 [3],
W2 [3,1], b2 [1], on fixed data X [6,3], Y [6,1]; the objective is the mean
squared error (negated for the `maximize` cases, so that maximizing it still
trains the model).  Every optimizer case starts from the same parameters and
records all parameters after each of 30 steps.

Deliberate deviation: NAdam.  torch 1.13's _single_tensor_nadam computes
mu_product_next = mu_product * mu * mu_next, multiplying mu into the product a
second time.  PyTorch 2.0 fixed it (pytorch/pytorch#92699) to
mu_product * mu_next, and nabla follows the fix; this script patches the 1.13
function source with that one-line change (and fails if the line is not found).

Fixture format:

    { "generator", "torch_version", "steps": 30,
      "problem": { "x": TENSOR, "y": TENSOR, "params": [TENSOR...] },   (W1, b1, W2, b2)
      "optimizers": [ OPT_CASE, ... ],
      "clipGradNorm": [ CLIP_CASE, ... ],
      "clipGradValue": [ CLIP_CASE, ... ],
      "renorm": [ RENORM_CASE, ... ] }
    OPT_CASE    = { "id", "optimizer": "SGD"|..., "options": {camelCase},
                    "groups": [ {"params": [indices], ...options} ] | null,
                    "sign": 1 | -1,                       (objective = sign * mse)
                    "losses": [mse before step k, k = 1..30],
                    "trajectory": [[all params flattened after step k], k = 1..30] }
    CLIP_CASE   = { "id", "grads": [TENSOR...], "maxNorm"?, "normType"?, "clipValue"?,
                    "totalNorm"?: number, "clipped": [TENSOR...] }
    RENORM_CASE = { "id", "input": TENSOR, "maxNorm", "dim", "normType", "output": TENSOR }
    TENSOR      = { "shape", "dtype": "float64", "data": [flat row-major] }
"""

import inspect
import json
import math
import os
import sys
import zlib
from collections import OrderedDict

import torch
import torch.optim.nadam as nadam_module

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
torch.set_default_dtype(torch.float64)

GENERATOR = "tools/gen_optim_fixtures.py"
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "optim.json"
)
STEPS = 30


# ---------------------------------------------------------------------------
# NAdam: apply PyTorch 2.0's fix (pytorch/pytorch#92699) to torch 1.13's code.
# ---------------------------------------------------------------------------

def _patch_nadam():
    src = inspect.getsource(nadam_module._single_tensor_nadam)
    bad = "mu_product_next = mu_product * mu * mu_next"
    if torch.__version__.startswith("1.") and bad in src:
        src = src.replace(bad, "mu_product_next = mu_product * mu_next")
        ns = dict(nadam_module.__dict__)
        exec(compile(src, "<patched _single_tensor_nadam>", "exec"), ns)
        nadam_module._single_tensor_nadam = ns["_single_tensor_nadam"]
    elif bad in src:
        sys.exit("gen_optim_fixtures: unexpected NAdam source in torch %s" % torch.__version__)


_patch_nadam()


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def gen_for(name):
    g = torch.Generator()
    g.manual_seed(zlib.crc32(name.encode("utf-8")))
    return g


def _num(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def tensor_json(x):
    x = x.detach()
    assert x.dtype == torch.float64
    return OrderedDict([("shape", list(x.shape)), ("dtype", "float64"),
                        ("data", [_num(v) for v in x.contiguous().reshape(-1).tolist()])])


def flat(params):
    return [v for p in params for v in p.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------------------
# The fixed problem
# ---------------------------------------------------------------------------

_g = gen_for("optim/problem")
X = torch.randn(6, 3, generator=_g)
Y = torch.randn(6, 1, generator=_g) * 0.5
INIT = [
    torch.randn(3, 3, generator=_g) * 0.6,   # W1
    torch.randn(3, generator=_g) * 0.1,      # b1
    torch.randn(3, 1, generator=_g) * 0.6,   # W2
    torch.randn(1, generator=_g) * 0.1,      # b2
]


def mse(params):
    w1, b1, w2, b2 = params
    return (torch.tanh(X @ w1 + b1) @ w2 + b2 - Y).pow(2).mean()


# camelCase (nabla) -> snake_case (torch)
TORCH_NAMES = {
    "lr": "lr", "momentum": "momentum", "dampening": "dampening", "nesterov": "nesterov",
    "weightDecay": "weight_decay", "maximize": "maximize", "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value", "eps": "eps", "rho": "rho",
    "alpha": "alpha", "centered": "centered", "betas": "betas", "amsgrad": "amsgrad",
    "momentumDecay": "momentum_decay",
}


def torch_options(options):
    out = {}
    for k, v in options.items():
        out[TORCH_NAMES[k]] = tuple(v) if isinstance(v, list) else v
    return out


OPT_CASES = []
IDS = set()


def opt_case(name, optimizer, options=None, groups=None, sign=None):
    options = options or {}
    id = "%s/%s" % (optimizer, name)
    assert id not in IDS, "duplicate id " + id
    IDS.add(id)
    if sign is None:
        sign = -1 if options.get("maximize") else 1
    params = [p.clone().requires_grad_(True) for p in INIT]
    if groups is None:
        spec = params
    else:
        spec = []
        for g in groups:
            d = {"params": [params[i] for i in g["params"]]}
            d.update(torch_options({k: v for k, v in g.items() if k != "params"}))
            spec.append(d)
    opt = getattr(torch.optim, optimizer)(spec, **torch_options(options))
    losses, traj = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = mse(params)
        (sign * loss).backward()
        opt.step()
        losses.append(loss.item())
        traj.append(flat(params))
    for row in traj:
        assert all(math.isfinite(v) for v in row), id + ": non-finite trajectory"
    OPT_CASES.append(OrderedDict([
        ("id", id), ("optimizer", optimizer), ("options", options), ("groups", groups),
        ("sign", sign), ("losses", losses), ("trajectory", traj),
    ]))


def optimizer_cases():
    # SGD (lr is required)
    opt_case("plain", "SGD", {"lr": 0.1})
    opt_case("momentum", "SGD", {"lr": 0.05, "momentum": 0.9})
    opt_case("dampening", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5})
    opt_case("nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True})
    opt_case("weight_decay", "SGD", {"lr": 0.1, "weightDecay": 0.1})
    opt_case("momentum_weight_decay_nesterov", "SGD",
             {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weightDecay": 0.05})
    opt_case("maximize", "SGD", {"lr": 0.1, "momentum": 0.5, "maximize": True})
    opt_case("groups", "SGD", {"lr": 0.1, "momentum": 0.5},
             groups=[{"params": [0, 1], "lr": 0.05}, {"params": [2, 3], "momentum": 0.9, "weightDecay": 0.01}])
    # Adagrad
    opt_case("default", "Adagrad", {})
    opt_case("lr", "Adagrad", {"lr": 0.1})
    opt_case("lr_decay", "Adagrad", {"lr": 0.1, "lrDecay": 0.05})
    opt_case("initial_accumulator_value", "Adagrad", {"lr": 0.1, "initialAccumulatorValue": 0.5})
    opt_case("weight_decay", "Adagrad", {"lr": 0.1, "weightDecay": 0.1})
    opt_case("eps", "Adagrad", {"lr": 0.1, "eps": 1e-2})
    opt_case("maximize", "Adagrad", {"lr": 0.1, "maximize": True})
    # Adadelta
    opt_case("default", "Adadelta", {})
    opt_case("rho_eps", "Adadelta", {"rho": 0.5, "eps": 1e-3})
    opt_case("lr", "Adadelta", {"lr": 0.5, "eps": 1e-4})
    opt_case("weight_decay", "Adadelta", {"weightDecay": 0.1})
    opt_case("maximize", "Adadelta", {"maximize": True})
    # RMSprop
    opt_case("default", "RMSprop", {})
    opt_case("alpha", "RMSprop", {"lr": 0.02, "alpha": 0.9})
    opt_case("centered", "RMSprop", {"lr": 0.01, "centered": True})
    opt_case("momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9})
    opt_case("centered_momentum", "RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5})
    opt_case("weight_decay", "RMSprop", {"lr": 0.01, "weightDecay": 0.1})
    opt_case("eps", "RMSprop", {"lr": 0.01, "eps": 1e-3})
    opt_case("maximize", "RMSprop", {"lr": 0.01, "maximize": True})
    # Adam
    opt_case("default", "Adam", {})
    opt_case("lr", "Adam", {"lr": 0.05})
    opt_case("betas", "Adam", {"lr": 0.02, "betas": [0.8, 0.99]})
    opt_case("eps", "Adam", {"lr": 0.02, "eps": 1e-3})
    opt_case("weight_decay", "Adam", {"lr": 0.02, "weightDecay": 0.1})
    opt_case("amsgrad", "Adam", {"lr": 0.05, "amsgrad": True})
    opt_case("maximize", "Adam", {"lr": 0.02, "maximize": True})
    opt_case("groups", "Adam", {"lr": 0.02},
             groups=[{"params": [0, 2], "betas": [0.5, 0.9]}, {"params": [1, 3], "lr": 0.05, "amsgrad": True}])
    # AdamW
    opt_case("default", "AdamW", {})
    opt_case("weight_decay", "AdamW", {"lr": 0.02, "weightDecay": 0.5})
    opt_case("amsgrad", "AdamW", {"lr": 0.05, "weightDecay": 0.1, "amsgrad": True})
    opt_case("maximize", "AdamW", {"lr": 0.02, "maximize": True})
    # Adamax
    opt_case("default", "Adamax", {})
    opt_case("lr_betas", "Adamax", {"lr": 0.05, "betas": [0.8, 0.99]})
    opt_case("eps", "Adamax", {"lr": 0.05, "eps": 1e-2})
    opt_case("weight_decay", "Adamax", {"lr": 0.05, "weightDecay": 0.1})
    opt_case("maximize", "Adamax", {"lr": 0.05, "maximize": True})
    # NAdam (torch 1.13 has no maximize for NAdam)
    opt_case("default", "NAdam", {})
    opt_case("lr", "NAdam", {"lr": 0.05})
    opt_case("momentum_decay", "NAdam", {"lr": 0.05, "momentumDecay": 0.05})
    opt_case("betas_eps", "NAdam", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-4})
    opt_case("weight_decay", "NAdam", {"lr": 0.05, "weightDecay": 0.1})


# ---------------------------------------------------------------------------
# Gradient utilities
# ---------------------------------------------------------------------------

CLIP_NORM, CLIP_VALUE, RENORM = [], [], []


def grads_for(name, scale=1.0):
    g = gen_for(name)
    return [torch.randn(3, 4, generator=g) * scale, torch.randn(5, generator=g) * scale,
            torch.randn(2, 2, 2, generator=g) * scale]


def clip_norm_case(name, max_norm, norm_type, scale=1.0):
    id = "clipGradNorm/" + name
    grads = grads_for(id, scale)
    params = [torch.zeros_like(g, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    CLIP_NORM.append(OrderedDict([
        ("id", id), ("grads", [tensor_json(g) for g in grads]), ("maxNorm", max_norm),
        ("normType", "inf" if norm_type == math.inf else norm_type),
        ("totalNorm", total.item()), ("clipped", [tensor_json(p.grad) for p in params]),
    ]))


def clip_value_case(name, clip_value, scale=1.0):
    id = "clipGradValue/" + name
    grads = grads_for(id, scale)
    params = [torch.zeros_like(g, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(params, clip_value)
    CLIP_VALUE.append(OrderedDict([
        ("id", id), ("grads", [tensor_json(g) for g in grads]), ("clipValue", clip_value),
        ("clipped", [tensor_json(p.grad) for p in params]),
    ]))


def renorm_case(name, shape, max_norm, dim, p=2.0):
    id = "renorm/" + name
    x = torch.randn(*shape, generator=gen_for(id))
    RENORM.append(OrderedDict([
        ("id", id), ("input", tensor_json(x)), ("maxNorm", max_norm), ("dim", dim),
        ("normType", p), ("output", tensor_json(torch.renorm(x, p, dim, max_norm))),
    ]))


def util_cases():
    for norm_type, tag in [(2.0, "l2"), (1.0, "l1"), (math.inf, "inf"), (3.0, "p3")]:
        clip_norm_case(tag + "_clips", 1.0, norm_type)
        clip_norm_case(tag + "_no_clip", 100.0, norm_type)
    clip_norm_case("l2_large_grads", 0.5, 2.0, scale=1e3)
    clip_value_case("c0.5", 0.5)
    clip_value_case("c2_no_clip", 10.0)
    clip_value_case("c1e-3", 1e-3)
    renorm_case("rows", (4, 5), 1.5, 0)
    renorm_case("cols", (4, 5), 1.5, 1)
    renorm_case("filters", (3, 2, 3, 3), 2.0, 0)
    renorm_case("rows_p1", (4, 5), 3.0, 0, 1.0)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    optimizer_cases()
    util_cases()
    head = OrderedDict([
        ("generator", GENERATOR), ("torch_version", torch.__version__), ("steps", STEPS),
        ("problem", OrderedDict([("x", tensor_json(X)), ("y", tensor_json(Y)),
                                 ("params", [tensor_json(p) for p in INIT])])),
    ])
    dump = lambda o: json.dumps(o, separators=(",", ":"), allow_nan=False)
    parts = [dump(head)[:-1]]
    for key, cases in [("optimizers", OPT_CASES), ("clipGradNorm", CLIP_NORM),
                       ("clipGradValue", CLIP_VALUE), ("renorm", RENORM)]:
        parts.append(',"%s":[\n' % key + ",\n".join(dump(c) for c in cases) + "\n]")
    text = "".join(parts) + "}\n"
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w") as f:
        f.write(text)
    with open(out_path) as f:
        back = json.load(f)
    assert len(back["optimizers"]) == len(OPT_CASES)
    assert back["optimizers"] == json.loads(dump(OPT_CASES))
    counts = OrderedDict()
    for c in OPT_CASES:
        counts[c["optimizer"]] = counts.get(c["optimizer"], 0) + 1
    print("torch %s: wrote %d optimizer cases x %d steps, %d clipGradNorm, %d clipGradValue, %d renorm to %s (%d bytes)" % (
        torch.__version__, len(OPT_CASES), STEPS, len(CLIP_NORM), len(CLIP_VALUE), len(RENORM),
        os.path.relpath(out_path), len(text.encode("utf-8"))))
    for name, n in counts.items():
        print("  %-10s %d" % (name, n))


if __name__ == "__main__":
    main()

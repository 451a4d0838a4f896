#!/usr/bin/env python3
"""Generate PyTorch reference fixtures for nabla's layers (nb.nn).

Usage (from the repository root):

    /usr/bin/python3 tools/gen_nn_fixtures.py [output_path]

Default output: test/fixtures/torch/nn.json.  Needs only torch + the standard
library.  Deterministic: every case draws its data (parameters, buffers,
inputs, gradOutputs) from its own torch.Generator seeded with crc32(case id);
torch runs on CPU with one thread and deterministic algorithms.

Layers are described as nabla would build them: a layer name, positional args
and an options object with nabla's camelCase names.  The script builds the
torch equivalent, overwrites every parameter and buffer with values from the
case's generator (so nabla loads exactly the same state), and records

    { "generator", "torch_version", "cases": [CASE, ...] }
    CASE (kind "forward") =
      { id, kind, layer: SPEC, state: {name: TENSOR}, input: TENSOR, gradOutput: TENSOR,
        train: MODE, eval: MODE }
    MODE = { output: TENSOR, gradInput: TENSOR, grads: {name: TENSOR}, state: {name: TENSOR} }
           (grads of every parameter for gradOutput; state = the buffers after the forward)
    CASE (kind "steps") =  (running statistics)
      { id, kind, layer: SPEC, state, batches: [TENSOR x5], stateAfter: {name: TENSOR},
        evalInput: TENSOR, evalOutput: TENSOR }
    SPEC = { layer: "Linear", args: [...], options: {...} }   (Residual/Sequential: args are SPECs)
    TENSOR = { shape, dtype: "float64"|"float32"|"int32", data: [flat row-major] }

State-dict keys are PyTorch's converted to camelCase per dotted component
(running_mean -> runningMean, num_batches_tracked -> numBatchesTracked).
Non-finite numbers would be written as "nan"/"inf"/"-inf" strings; no case
produces one (the script checks).  Dropout-family layers are random and are
tested statistically in TypeScript instead.
"""

import json
import os
import re
import sys
import zlib
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

GENERATOR = "tools/gen_nn_fixtures.py"
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "nn.json"
)
TORCH_DTYPE = {"float64": torch.float64, "float32": torch.float32}
# the JSON encoding shared with the other generators
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_torch_fixtures import tensor_json  # noqa: E402


def camel(name):
    """running_mean -> runningMean, per dotted component."""
    return ".".join(re.sub(r"_([a-z])", lambda m: m.group(1).upper(), part) for part in name.split("."))


def snake(name):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def finite(x):
    return not x.is_floating_point() or bool(torch.isfinite(x).all())


# ---------------------------------------------------------------------------
# Layers that torch.nn lacks, written as nabla defines them
# ---------------------------------------------------------------------------


class Maxout(nn.Module):
    """Linear to out*pieces, then max over each unit's consecutive pieces."""

    def __init__(self, in_features, out_features, pieces, bias=True, dtype=None):
        super().__init__()
        self.out_features, self.pieces = out_features, pieces
        self.weight = nn.Parameter(torch.zeros(out_features * pieces, in_features, dtype=dtype))
        self.bias = nn.Parameter(torch.zeros(out_features * pieces, dtype=dtype)) if bias else None

    def forward(self, x):
        z = F.linear(x, self.weight, self.bias)
        return z.reshape(*x.shape[:-1], self.out_features, self.pieces).amax(-1)


class Residual(nn.Module):
    def __init__(self, block, shortcut=None):
        super().__init__()
        self.block = block
        self.shortcut = shortcut

    def forward(self, x):
        return self.block(x) + (self.shortcut(x) if self.shortcut is not None else x)


def _tup(v):
    return tuple(None if e is None else e for e in v) if isinstance(v, list) else v


def build(spec):
    """A torch module from a nabla layer SPEC {layer, args, options}."""
    name, args, opts = spec["layer"], list(spec.get("args", [])), dict(spec.get("options", {}))
    dtype = TORCH_DTYPE[opts.pop("dtype", "float64")]
    if name == "Residual":
        block = build(args[0])
        shortcut = build(args[1]) if len(args) > 1 and args[1] is not None else None
        return Residual(block, shortcut)
    if name == "Sequential":
        return nn.Sequential(*[build(a) for a in args])
    if name == "Maxout":
        return Maxout(*args, **{snake(k): v for k, v in opts.items()}, dtype=dtype)
    if name == "LayerNorm" and opts.pop("bias", True) is False:
        m = nn.LayerNorm(_tup(args[0]), **{snake(k): v for k, v in opts.items()}, dtype=dtype)
        if m.elementwise_affine:
            m.register_parameter("bias", None)  # torch 1.13's LayerNorm has no bias flag
        return m
    kw = {snake(k): _tup(v) for k, v in opts.items()}
    args = [_tup(a) for a in args]
    cls = getattr(nn, name)
    if name in ("Linear", "Conv2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "GroupNorm", "InstanceNorm2d"):
        kw["dtype"] = dtype
    return cls(*args, **kw)


def fill_state(module, gen):
    """Overwrite every parameter and buffer with values from gen; returns {camelName: tensor}."""
    state = OrderedDict()
    with torch.no_grad():
        for name, t in module.state_dict().items():
            leaf = name.split(".")[-1]
            if leaf == "num_batches_tracked":
                t.fill_(3)
            elif leaf == "running_var":
                t.copy_(torch.rand(t.shape, generator=gen, dtype=torch.float64) * 1.5 + 0.5)
            elif leaf == "running_mean":
                t.copy_(torch.randn(t.shape, generator=gen, dtype=torch.float64) * 0.5)
            elif leaf == "weight" and t.dim() <= 1:
                # norm scales γ: around 1
                t.copy_(torch.rand(t.shape, generator=gen, dtype=torch.float64) + 0.5)
            else:
                t.copy_(torch.randn(t.shape, generator=gen, dtype=torch.float64) * 0.5)
            state[camel(name)] = t.detach().clone()
    return state


def buffers(module):
    return OrderedDict((camel(n), b.detach().clone()) for n, b in module.named_buffers())


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def randn(*shape, scale=1.0, shift=0.0):
    return lambda gen, dtype: (torch.randn(list(shape), generator=gen, dtype=torch.float64) * scale + shift).to(dtype)


def distinct(*shape, scale=0.1):
    """Distinct values (no ties for max pooling / maxout)."""

    def make(gen, dtype):
        n = 1
        for d in shape:
            n *= d
        p = torch.randperm(n, generator=gen).to(torch.float64)
        noise = torch.rand(n, generator=gen, dtype=torch.float64) * 0.5
        return (((p + noise) * scale - n * scale / 2).reshape(list(shape))).to(dtype)

    return make


# ---------------------------------------------------------------------------
# Case builders
# ---------------------------------------------------------------------------

CASES = []
IDS = set()


def spec(layer, *args, **options):
    return OrderedDict([("layer", layer), ("args", list(args)), ("options", options)])


def _start(id):
    assert id not in IDS, "duplicate case id " + id
    IDS.add(id)
    return torch.Generator().manual_seed(zlib.crc32(id.encode("utf-8")))


def forward_case(id, layer, make_input, dtype="float64"):
    """Forward in train and eval mode from the same state, with input and parameter gradients."""
    gen = _start(id)
    tdtype = TORCH_DTYPE[dtype]
    module = build(layer)
    state = fill_state(module, gen)
    x0 = make_input(gen, tdtype)
    rec = OrderedDict([("id", id), ("kind", "forward"), ("layer", layer)])
    rec["state"] = OrderedDict((k, tensor_json(v)) for k, v in state.items())
    rec["input"] = tensor_json(x0)
    go = None
    checked = []
    for mode in ("train", "eval"):
        m = build(layer)
        m.load_state_dict(OrderedDict((n, state[camel(n)]) for n in m.state_dict().keys()))
        m.train(mode == "train")
        x = x0.detach().clone().requires_grad_(True)
        out = m(x)
        if go is None:
            go = torch.randn(list(out.shape), generator=gen, dtype=torch.float64).to(out.dtype)
            rec["gradOutput"] = tensor_json(go)
        params = list(m.named_parameters())
        grads = torch.autograd.grad(out, [x] + [p for _, p in params], go, allow_unused=True)
        res = OrderedDict()
        res["output"] = tensor_json(out)
        res["gradInput"] = tensor_json(grads[0])
        res["grads"] = OrderedDict(
            (camel(n), tensor_json(g if g is not None else torch.zeros_like(p))) for (n, p), g in zip(params, grads[1:])
        )
        res["state"] = OrderedDict((k, tensor_json(v)) for k, v in buffers(m).items())
        checked += [out] + [g for g in grads if g is not None]
        rec[mode] = res
    assert all(finite(t) for t in checked), "case %s has a non-finite value" % id
    CASES.append(rec)


def steps_case(id, layer, make_batch, eval_input, n_steps=5):
    """Running statistics after n_steps training forwards on different batches, then one eval forward."""
    gen = _start(id)
    module = build(layer)
    state = fill_state(module, gen)
    rec = OrderedDict([("id", id), ("kind", "steps"), ("layer", layer)])
    rec["state"] = OrderedDict((k, tensor_json(v)) for k, v in state.items())
    module.train()
    batches = []
    with torch.no_grad():
        for i in range(n_steps):
            x = make_batch(i)(gen, torch.float64)
            batches.append(tensor_json(x))
            module(x)
        rec["batches"] = batches
        rec["stateAfter"] = OrderedDict((k, tensor_json(v)) for k, v in buffers(module).items())
        module.eval()
        xe = eval_input(gen, torch.float64)
        out = module(xe)
    assert finite(out)
    rec["evalInput"] = tensor_json(xe)
    rec["evalOutput"] = tensor_json(out)
    CASES.append(rec)


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

F64 = "float64"


def linear_cases():
    forward_case("Linear/basic", spec("Linear", 4, 3, dtype=F64), randn(2, 4))
    forward_case("Linear/no_bias", spec("Linear", 4, 3, bias=False, dtype=F64), randn(5, 4))
    forward_case("Linear/batched_3d", spec("Linear", 3, 2, dtype=F64), randn(2, 3, 3))
    forward_case("Linear/1d_input", spec("Linear", 5, 2, dtype=F64), randn(5))
    forward_case("Linear/float32", spec("Linear", 4, 3, dtype="float32"), randn(3, 4), dtype="float32")


def conv_cases():
    forward_case("Conv2d/pad1", spec("Conv2d", 2, 3, 3, padding=1, dtype=F64), randn(2, 2, 5, 5))
    forward_case("Conv2d/stride2_pad_pair", spec("Conv2d", 2, 3, 3, stride=2, padding=[1, 0], dtype=F64), randn(1, 2, 6, 7))
    forward_case("Conv2d/dilation", spec("Conv2d", 1, 2, 3, dilation=2, dtype=F64), randn(2, 1, 7, 7))
    forward_case("Conv2d/groups", spec("Conv2d", 4, 6, [2, 3], groups=2, dtype=F64), randn(1, 4, 5, 6))
    forward_case("Conv2d/same_even_kernel", spec("Conv2d", 2, 2, 4, padding="same", dtype=F64), randn(1, 2, 5, 6))
    forward_case("Conv2d/valid_no_bias", spec("Conv2d", 3, 2, 2, padding="valid", bias=False, dtype=F64), randn(2, 3, 4, 4))
    forward_case("Conv2d/unbatched", spec("Conv2d", 2, 2, 3, padding=1, dtype=F64), randn(2, 4, 4))
    forward_case("Conv2d/float32", spec("Conv2d", 2, 3, 3, padding=1, dtype="float32"), randn(1, 2, 4, 4), dtype="float32")


def pool_cases():
    forward_case("MaxPool2d/k2", spec("MaxPool2d", 2), distinct(2, 2, 4, 6))
    forward_case("MaxPool2d/k3_s2_p1", spec("MaxPool2d", 3, stride=2, padding=1), distinct(1, 2, 7, 7))
    forward_case("MaxPool2d/ceil_mode", spec("MaxPool2d", 2, ceilMode=True), distinct(1, 2, 5, 5))
    forward_case("MaxPool2d/dilation", spec("MaxPool2d", 2, stride=1, dilation=2), distinct(1, 1, 6, 6))
    forward_case("MaxPool2d/rect_unbatched", spec("MaxPool2d", [2, 3], stride=[1, 2]), distinct(2, 5, 7))
    forward_case("AvgPool2d/k2", spec("AvgPool2d", 2), randn(2, 2, 4, 6))
    forward_case("AvgPool2d/k3_s2_p1", spec("AvgPool2d", 3, stride=2, padding=1), randn(1, 2, 7, 7))
    forward_case(
        "AvgPool2d/exclude_pad", spec("AvgPool2d", 3, stride=2, padding=1, countIncludePad=False), randn(1, 2, 6, 6)
    )
    forward_case("AvgPool2d/ceil_mode", spec("AvgPool2d", 2, ceilMode=True), randn(1, 1, 5, 5))
    forward_case("AvgPool2d/divisor_override", spec("AvgPool2d", 2, divisorOverride=3), randn(1, 2, 4, 4))
    forward_case("AdaptiveAvgPool2d/global", spec("AdaptiveAvgPool2d", 1), randn(2, 3, 4, 5))
    forward_case("AdaptiveAvgPool2d/divisible", spec("AdaptiveAvgPool2d", 2), randn(1, 2, 4, 6))
    forward_case("AdaptiveAvgPool2d/overlapping", spec("AdaptiveAvgPool2d", [2, 3]), randn(1, 2, 5, 7))
    forward_case("AdaptiveAvgPool2d/upsample_and_none", spec("AdaptiveAvgPool2d", [4, None]), randn(1, 1, 3, 5))
    forward_case("AdaptiveAvgPool2d/unbatched", spec("AdaptiveAvgPool2d", [3, 2]), randn(2, 7, 5))


def shape_cases():
    forward_case("Flatten/default", spec("Flatten"), randn(2, 3, 2, 2))
    forward_case("Flatten/start0", spec("Flatten", startDim=0), randn(2, 3, 2))
    forward_case("Flatten/middle", spec("Flatten", startDim=1, endDim=2), randn(2, 3, 2, 2))
    forward_case("Identity/basic", spec("Identity"), randn(3, 4))


def norm_cases():
    bn = "BatchNorm1d"
    forward_case("BatchNorm1d/2d_input", spec(bn, 3, dtype=F64), randn(6, 3, scale=2.0, shift=0.5))
    forward_case("BatchNorm1d/3d_input", spec(bn, 3, dtype=F64), randn(4, 3, 5, scale=1.5, shift=-1.0))
    forward_case("BatchNorm1d/no_affine", spec(bn, 4, affine=False, dtype=F64), randn(5, 4))
    forward_case("BatchNorm1d/momentum_null_eps", spec(bn, 3, momentum=None, eps=1e-3, dtype=F64), randn(4, 3))
    forward_case("BatchNorm1d/no_running_stats", spec(bn, 3, trackRunningStats=False, dtype=F64), randn(4, 3, 2))
    forward_case("BatchNorm1d/batch2", spec(bn, 2, dtype=F64), randn(2, 2))
    bn = "BatchNorm2d"
    forward_case("BatchNorm2d/default", spec(bn, 3, dtype=F64), randn(2, 3, 4, 4, scale=2.0, shift=1.0))
    forward_case("BatchNorm2d/batch1_spatial", spec(bn, 2, dtype=F64), randn(1, 2, 3, 3))
    forward_case("BatchNorm2d/no_affine_momentum", spec(bn, 2, affine=False, momentum=0.3, dtype=F64), randn(3, 2, 2, 3))
    forward_case("BatchNorm2d/no_running_stats", spec(bn, 3, trackRunningStats=False, dtype=F64), randn(2, 3, 3, 2))
    ln = "LayerNorm"
    forward_case("LayerNorm/last_dim", spec(ln, 5, dtype=F64), randn(3, 5, scale=2.0, shift=1.0))
    forward_case("LayerNorm/two_dims", spec(ln, [3, 4], dtype=F64), randn(2, 3, 4))
    forward_case("LayerNorm/no_affine", spec(ln, 4, elementwiseAffine=False, eps=1e-3, dtype=F64), randn(2, 3, 4))
    forward_case("LayerNorm/no_bias", spec(ln, 6, bias=False, dtype=F64), randn(4, 6))
    gn = "GroupNorm"
    forward_case("GroupNorm/two_groups", spec(gn, 2, 4, dtype=F64), randn(2, 4, 3, 3, scale=2.0, shift=0.5))
    forward_case("GroupNorm/one_group", spec(gn, 1, 4, dtype=F64), randn(2, 4, 3))
    forward_case("GroupNorm/per_channel", spec(gn, 3, 3, dtype=F64), randn(2, 3, 2, 2))
    forward_case("GroupNorm/no_affine_2d", spec(gn, 2, 6, affine=False, eps=1e-4, dtype=F64), randn(3, 6))
    inn = "InstanceNorm2d"
    forward_case("InstanceNorm2d/default", spec(inn, 3, dtype=F64), randn(2, 3, 4, 4, scale=2.0, shift=1.0))
    forward_case("InstanceNorm2d/affine", spec(inn, 2, affine=True, dtype=F64), randn(2, 2, 3, 3))
    forward_case(
        "InstanceNorm2d/running_stats", spec(inn, 2, affine=True, trackRunningStats=True, dtype=F64), randn(3, 2, 3, 2)
    )
    forward_case("InstanceNorm2d/unbatched", spec(inn, 2, affine=True, dtype=F64), randn(2, 3, 4))


def composite_cases():
    forward_case("Maxout/basic", spec("Maxout", 4, 3, 2, dtype=F64), randn(5, 4))
    forward_case("Maxout/three_pieces_no_bias", spec("Maxout", 3, 2, 3, bias=False, dtype=F64), randn(2, 2, 3))
    forward_case("Residual/identity_shortcut", spec("Residual", spec("Linear", 4, 4, dtype=F64)), randn(3, 4))
    forward_case(
        "Residual/projection",
        spec("Residual", spec("Linear", 4, 3, dtype=F64), spec("Linear", 4, 3, bias=False, dtype=F64)),
        randn(2, 4),
    )
    forward_case(
        "Residual/sequential_block",
        spec("Residual", spec("Sequential", spec("Linear", 4, 6, dtype=F64), spec("Maxout", 6, 4, 2, dtype=F64))),
        randn(3, 4),
    )
    forward_case(
        "Residual/conv_bn",
        spec(
            "Residual",
            spec("Sequential", spec("Conv2d", 2, 2, 3, padding=1, dtype=F64), spec("BatchNorm2d", 2, dtype=F64)),
        ),
        randn(2, 2, 3, 3),
    )


def running_stats_cases():
    def shifted(*shape):
        # each batch has its own mean and scale, so the running averages are non-trivial
        return lambda i: randn(*shape, scale=0.5 + 0.4 * i, shift=1.0 - 0.7 * i)

    steps_case("BatchNorm1d/steps_momentum", spec("BatchNorm1d", 3, dtype=F64), shifted(4, 3), randn(3, 3))
    steps_case(
        "BatchNorm1d/steps_cumulative_3d", spec("BatchNorm1d", 2, momentum=None, dtype=F64), shifted(3, 2, 4), randn(2, 2, 4)
    )
    steps_case("BatchNorm2d/steps_momentum", spec("BatchNorm2d", 2, dtype=F64), shifted(2, 2, 3, 3), randn(2, 2, 3, 3))
    steps_case(
        "BatchNorm2d/steps_cumulative", spec("BatchNorm2d", 3, momentum=None, affine=False, dtype=F64),
        shifted(2, 3, 2, 2), randn(1, 3, 2, 2),
    )
    steps_case(
        "InstanceNorm2d/steps_running", spec("InstanceNorm2d", 2, momentum=0.2, trackRunningStats=True, dtype=F64),
        shifted(3, 2, 3, 3), randn(2, 2, 3, 3),
    )


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    linear_cases()
    conv_cases()
    pool_cases()
    shape_cases()
    norm_cases()
    composite_cases()
    running_stats_cases()

    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in CASES]
    head = json.dumps(OrderedDict([("generator", GENERATOR), ("torch_version", torch.__version__)]), separators=(",", ":"))
    text = head[:-1] + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(out_path, "w") as f:
        f.write(text)
    with open(out_path) as f:
        back = json.load(f)
    assert len(back["cases"]) == len(CASES)

    counts = OrderedDict()
    for c in CASES:
        key = c["id"].split("/")[0]
        counts[key] = counts.get(key, 0) + 1
    print("torch %s: wrote %d cases to %s (%d bytes)" % (
        torch.__version__, len(CASES), os.path.relpath(out_path), len(text.encode("utf-8"))))
    for k, n in counts.items():
        print("  %-18s %d" % (k, n))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate PyTorch reference fixtures for nabla's op tests.

Usage (from the repository root):

    /usr/bin/python3 tools/gen_torch_fixtures.py [output_path]

Default output: test/fixtures/torch/ops.json.  Needs only torch + the standard
library.  The output is deterministic: every case draws its random data from
its own torch.Generator seeded with crc32(case id), and torch runs on CPU with
a single thread.

Fixture format (read by the TypeScript harness):

    { "generator": "tools/gen_torch_fixtures.py", "torch_version": "...",
      "cases": [ CASE, ... ] }
    CASE = { "id", "op", "inputs": [INPUT...], "args": {...},
             "output": TENSOR | "outputs": [TENSOR...],
             "gradOutput": TENSOR | "gradOutputs": [TENSOR...],   (if differentiable)
             "grads": [TENSOR | null, ...] }                       (if differentiable)
    INPUT  = TENSOR + { "requiresGrad": bool, "transform"?: [STEP...] }
    STEP   = {"op":"mT"} | {"op":"expand","shape":[...]}
           | {"op":"slice","dim":d,"start":s,"end":e,"step":k}
    TENSOR = { "shape": [...], "dtype": "float64"|"float32"|"int32"|"bool",
               "data": [flat row-major] }

Non-finite numbers are written as the strings "nan", "inf", "-inf".  Torch
int64 tensors (indices, labels, argmax results) are written as "int32".
Grads are with respect to the leaf (pre-transform) tensors.
"""

import json
import math
import os
import sys
import zlib
from collections import OrderedDict

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

GENERATOR = "tools/gen_torch_fixtures.py"
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "ops.json"
)

F64 = "float64"
F32 = "float32"
TORCH_DTYPE = {F64: torch.float64, F32: torch.float32}

# ---------------------------------------------------------------------------
# Input specifications.  Each spec is materialised lazily inside case() with
# the case's own seeded generator, so adding/removing a case never changes the
# data of other cases.
# ---------------------------------------------------------------------------


class Spec:
    def __init__(self, make, requires_grad, transform=None):
        self._make = make  # gen -> torch tensor (leaf, no grad yet)
        self.requires_grad = requires_grad
        self.transform = transform or []

    def make(self, gen):
        t = self._make(gen).detach().clone()
        if self.requires_grad:
            t.requires_grad_(True)
        return t


def _float(shape, dtype, sample, rg, t):
    def make(gen):
        x = sample(list(shape), gen)
        return x.to(TORCH_DTYPE[dtype])

    return Spec(make, rg, t)


def randn(*shape, dtype=F64, rg=True, t=None, scale=1.0, shift=0.0, away=0.0):
    """Normal samples; `away` pushes values away from 0 by that amount (kinks)."""

    def sample(s, gen):
        x = torch.randn(s, generator=gen, dtype=torch.float64) * scale + shift
        if away:
            x = x + away * torch.where(x >= 0, 1.0, -1.0).to(torch.float64)
        return x

    return _float(shape, dtype, sample, rg, t)


def unif(*shape, lo=0.0, hi=1.0, dtype=F64, rg=True, t=None):
    def sample(s, gen):
        return torch.rand(s, generator=gen, dtype=torch.float64) * (hi - lo) + lo

    return _float(shape, dtype, sample, rg, t)


def pos(*shape, dtype=F64, rg=True, t=None):
    return unif(*shape, lo=0.5, hi=3.0, dtype=dtype, rg=rg, t=t)


def intf(*shape, lo=-2, hi=3, dtype=F64, rg=False, t=None):
    """Integer-valued floats (so equality comparisons have ties)."""

    def sample(s, gen):
        return torch.randint(lo, hi, s, generator=gen).to(torch.float64)

    return _float(shape, dtype, sample, rg, t)


def vals(data, shape=None, dtype=F64, rg=True, t=None):
    """Explicit values (nested list or flat list + shape)."""

    def make(gen):
        x = torch.tensor(data, dtype=torch.float64)
        if shape is not None:
            x = x.reshape(shape)
        return x.to(TORCH_DTYPE[dtype])

    return Spec(make, rg, t)


def ints(*shape, lo=0, hi=3, data=None):
    """Index / label tensor (torch int64, written as int32); never requires grad."""

    def make(gen):
        if data is not None:
            x = torch.tensor(data, dtype=torch.int64)
            return x.reshape(shape) if shape else x
        return torch.randint(lo, hi, list(shape), generator=gen, dtype=torch.int64)

    return Spec(make, False)


def bools(*shape, data=None):
    def make(gen):
        if data is not None:
            return torch.tensor(data, dtype=torch.bool).reshape(list(shape))
        return torch.rand(list(shape), generator=gen) < 0.5

    return Spec(make, False)


def perm_vals(*shape, dtype=F64, rg=True, t=None, scale=0.1):
    """Distinct values (random permutation + small noise): no ties for max/argmax."""

    def sample(s, gen):
        n = 1
        for d in s:
            n *= d
        p = torch.randperm(n, generator=gen).to(torch.float64)
        noise = torch.rand(n, generator=gen, dtype=torch.float64) * 0.5
        return ((p + noise) * scale - n * scale / 2).reshape(s)

    return _float(shape, dtype, sample, rg, t)


# Transform steps
MT = {"op": "mT"}


def EXPAND(*shape):
    return {"op": "expand", "shape": list(shape)}


def SLICE(dim, start, end, step=1):
    return {"op": "slice", "dim": dim, "start": start, "end": end, "step": step}


def apply_transform(x, steps):
    for st in steps:
        if st["op"] == "mT":
            x = x.transpose(-2, -1)
        elif st["op"] == "expand":
            x = x.expand(*st["shape"])
        elif st["op"] == "slice":
            d = st["dim"] % x.dim()
            idx = [slice(None)] * x.dim()
            idx[d] = slice(st["start"], st["end"], st["step"])
            x = x[tuple(idx)]
        else:
            raise ValueError("unknown transform %r" % st)
    return x


# ---------------------------------------------------------------------------
# nabla op name -> torch implementation.  fn(tensors, args) -> Tensor | tuple
# ---------------------------------------------------------------------------


def _tup(v):
    return tuple(v) if isinstance(v, list) else v


def _dim(v):
    return tuple(v) if isinstance(v, list) else v


def _sum_like(fn):
    def f(t, a):
        x = t[0]
        dim = a.get("dim")
        keep = a.get("keepdim", False)
        if dim is None:
            if keep:
                return fn(x, dim=tuple(range(x.dim())), keepdim=True)
            return fn(x)
        return fn(x, dim=_dim(dim), keepdim=keep)

    return f


def _minmax(amfn, fullfn):
    def f(t, a):
        if a.get("dim") is None:
            return fullfn(t[0])
        return amfn(t[0], dim=a["dim"], keepdim=a.get("keepdim", False))

    return f


def _arg(fn):
    def f(t, a):
        if a.get("dim") is None:
            return fn(t[0])
        return fn(t[0], dim=a["dim"], keepdim=a.get("keepdim", False))

    return f


def _var_like(fn):
    def f(t, a):
        kw = {"correction": a.get("correction", 1), "keepdim": a.get("keepdim", False)}
        dim = a.get("dim")
        return fn(t[0], dim=_dim(dim) if dim is not None else None, **kw)

    return f


def _norm(t, a):
    p = a.get("p", 2)
    p = math.inf if p == "inf" else (-math.inf if p == "-inf" else p)
    dim = a.get("dim")
    return torch.linalg.vector_norm(
        t[0], ord=p, dim=_dim(dim) if dim is not None else None, keepdim=a.get("keepdim", False)
    )


def _slice(t, a):
    x = t[0]
    d = a["dim"] % x.dim()
    idx = [slice(None)] * x.dim()
    idx[d] = slice(a.get("start"), a.get("end"), a.get("step", 1))
    return x[tuple(idx)]


def _conv2d(t, a):
    bias = t[2] if len(t) > 2 else None
    return F.conv2d(
        t[0],
        t[1],
        bias,
        stride=_tup(a.get("stride", 1)),
        padding=_tup(a.get("padding", 0)),
        dilation=_tup(a.get("dilation", 1)),
        groups=a.get("groups", 1),
    )


def _max_pool2d(t, a):
    return F.max_pool2d(
        t[0],
        _tup(a["kernelSize"]),
        stride=_tup(a.get("stride")) if a.get("stride") is not None else None,
        padding=_tup(a.get("padding", 0)),
        dilation=_tup(a.get("dilation", 1)),
        ceil_mode=a.get("ceilMode", False),
    )


def _avg_pool2d(t, a):
    return F.avg_pool2d(
        t[0],
        _tup(a["kernelSize"]),
        stride=_tup(a.get("stride")) if a.get("stride") is not None else None,
        padding=_tup(a.get("padding", 0)),
        ceil_mode=a.get("ceilMode", False),
        count_include_pad=a.get("countIncludePad", True),
        divisor_override=a.get("divisorOverride"),
    )


def _unfold(t, a):
    return F.unfold(
        t[0],
        _tup(a["kernelSize"]),
        dilation=_tup(a.get("dilation", 1)),
        padding=_tup(a.get("padding", 0)),
        stride=_tup(a.get("stride", 1)),
    )


def _fold(t, a):
    return F.fold(
        t[0],
        _tup(a["outputSize"]),
        _tup(a["kernelSize"]),
        dilation=_tup(a.get("dilation", 1)),
        padding=_tup(a.get("padding", 0)),
        stride=_tup(a.get("stride", 1)),
    )


OPS = {
    # unary
    "neg": lambda t, a: torch.neg(t[0]),
    "abs": lambda t, a: torch.abs(t[0]),
    "sign": lambda t, a: torch.sign(t[0]),
    "exp": lambda t, a: torch.exp(t[0]),
    "log": lambda t, a: torch.log(t[0]),
    "log1p": lambda t, a: torch.log1p(t[0]),
    "expm1": lambda t, a: torch.expm1(t[0]),
    "sqrt": lambda t, a: torch.sqrt(t[0]),
    "rsqrt": lambda t, a: torch.rsqrt(t[0]),
    "square": lambda t, a: torch.square(t[0]),
    "sin": lambda t, a: torch.sin(t[0]),
    "cos": lambda t, a: torch.cos(t[0]),
    "tanh": lambda t, a: torch.tanh(t[0]),
    "sigmoid": lambda t, a: torch.sigmoid(t[0]),
    "relu": lambda t, a: torch.relu(t[0]),
    "reciprocal": lambda t, a: torch.reciprocal(t[0]),
    "erf": lambda t, a: torch.erf(t[0]),
    "floor": lambda t, a: torch.floor(t[0]),
    "ceil": lambda t, a: torch.ceil(t[0]),
    "round": lambda t, a: torch.round(t[0]),
    # binary
    "add": lambda t, a: torch.add(t[0], t[1], alpha=a.get("alpha", 1)),
    "sub": lambda t, a: torch.sub(t[0], t[1], alpha=a.get("alpha", 1)),
    "mul": lambda t, a: torch.mul(t[0], t[1]),
    "div": lambda t, a: torch.div(t[0], t[1]),
    "pow": lambda t, a: torch.pow(t[0], t[1]),
    "maximum": lambda t, a: torch.maximum(t[0], t[1]),
    "minimum": lambda t, a: torch.minimum(t[0], t[1]),
    "pow_scalar": lambda t, a: torch.pow(t[0], a["exponent"]),
    "clamp": lambda t, a: torch.clamp(t[0], min=a.get("min"), max=a.get("max")),
    "where": lambda t, a: torch.where(t[0], t[1], t[2]),
    # comparisons
    "eq": lambda t, a: torch.eq(t[0], t[1]),
    "ne": lambda t, a: torch.ne(t[0], t[1]),
    "lt": lambda t, a: torch.lt(t[0], t[1]),
    "le": lambda t, a: torch.le(t[0], t[1]),
    "gt": lambda t, a: torch.gt(t[0], t[1]),
    "ge": lambda t, a: torch.ge(t[0], t[1]),
    # reductions
    "sum": _sum_like(torch.sum),
    "mean": _sum_like(torch.mean),
    "max": _minmax(torch.amax, torch.max),
    "min": _minmax(torch.amin, torch.min),
    "argmax": _arg(torch.argmax),
    "argmin": _arg(torch.argmin),
    "var": _var_like(torch.var),
    "std": _var_like(torch.std),
    "logsumexp": lambda t, a: torch.logsumexp(t[0], dim=_dim(a["dim"]), keepdim=a.get("keepdim", False)),
    "softmax": lambda t, a: torch.softmax(t[0], dim=a["dim"]),
    "logSoftmax": lambda t, a: torch.log_softmax(t[0], dim=a["dim"]),
    "norm": _norm,
    # linear algebra
    "matmul": lambda t, a: torch.matmul(t[0], t[1]),
    # movement
    "reshape": lambda t, a: t[0].reshape(a["shape"]),
    "flatten": lambda t, a: torch.flatten(t[0], a.get("startDim", 0), a.get("endDim", -1)),
    "squeeze": lambda t, a: t[0].squeeze() if a.get("dim") is None else t[0].squeeze(a["dim"]),
    "unsqueeze": lambda t, a: t[0].unsqueeze(a["dim"]),
    "permute": lambda t, a: t[0].permute(*a["dims"]),
    "transpose": lambda t, a: t[0].transpose(a["dim0"], a["dim1"]),
    "expand": lambda t, a: t[0].expand(*a["shape"]),
    "narrow": lambda t, a: t[0].narrow(a["dim"], a["start"], a["length"]),
    "slice": _slice,
    "flip": lambda t, a: torch.flip(t[0], a["dims"]),
    "cat": lambda t, a: torch.cat(list(t), dim=a.get("dim", 0)),
    "stack": lambda t, a: torch.stack(list(t), dim=a.get("dim", 0)),
    "split": lambda t, a: torch.split(t[0], a["splitSize"], dim=a.get("dim", 0)),
    "chunk": lambda t, a: torch.chunk(t[0], a["chunks"], dim=a.get("dim", 0)),
    # indexing
    "indexSelect": lambda t, a: torch.index_select(t[0], a["dim"], t[1].long()),
    "gather": lambda t, a: torch.gather(t[0], a["dim"], t[1].long()),
    "scatterAdd": lambda t, a: torch.scatter_add(t[0], a["dim"], t[1].long(), t[2]),
    "pad": lambda t, a: F.pad(t[0], tuple(a["pad"]), mode="constant", value=a.get("value", 0.0)),
    "oneHot": lambda t, a: F.one_hot(t[0].long(), a.get("numClasses", -1)),
    # image
    "conv2d": _conv2d,
    "maxPool2d": _max_pool2d,
    "avgPool2d": _avg_pool2d,
    "unfold": _unfold,
    "fold": _fold,
    # activations
    "logSigmoid": lambda t, a: F.logsigmoid(t[0]),
    "softplus": lambda t, a: F.softplus(t[0], beta=a.get("beta", 1), threshold=a.get("threshold", 20)),
    "gelu": lambda t, a: F.gelu(t[0], approximate=a.get("approximate", "none")),
    "silu": lambda t, a: F.silu(t[0]),
    "elu": lambda t, a: F.elu(t[0], alpha=a.get("alpha", 1.0)),
    "leakyRelu": lambda t, a: F.leaky_relu(t[0], negative_slope=a.get("negativeSlope", 0.01)),
    "hardtanh": lambda t, a: F.hardtanh(t[0], min_val=a.get("minVal", -1.0), max_val=a.get("maxVal", 1.0)),
    "softsign": lambda t, a: F.softsign(t[0]),
    "mish": lambda t, a: F.mish(t[0]),
    "selu": lambda t, a: F.selu(t[0]),
    "celu": lambda t, a: F.celu(t[0], alpha=a.get("alpha", 1.0)),
}

# ---------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------

DTYPE_NAME = {
    torch.float64: "float64",
    torch.float32: "float32",
    torch.int64: "int32",
    torch.int32: "int32",
    torch.bool: "bool",
}


def _num(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def tensor_json(x):
    x = x.detach()
    dt = DTYPE_NAME[x.dtype]
    flat = x.contiguous().reshape(-1).tolist()
    if x.dtype in (torch.int64, torch.int32):
        for v in flat:
            assert -(2**31) <= v < 2**31, "int value out of int32 range"
    return OrderedDict([("shape", list(x.shape)), ("dtype", dt), ("data", [_num(v) for v in flat])])


def all_finite(x):
    if not x.is_floating_point():
        return True
    return bool(torch.isfinite(x).all())


# ---------------------------------------------------------------------------
# Case builder
# ---------------------------------------------------------------------------

CASES = []
IDS = set()


def case(id, op, inputs, args=None, fn=None, grad=True, nonfinite=False):
    """Record one fixture case.

    id        unique "<op>/<description>"; crc32(id) seeds the case's generator
    op        nabla op name
    inputs    list of Spec
    args      nabla (camelCase) non-tensor arguments
    fn        torch implementation fn(tensors, args); defaults to OPS[op]
    grad      False to skip gradients even if inputs require grad
    nonfinite True when non-finite outputs/grads are intended
    """
    assert id not in IDS, "duplicate case id " + id
    assert id.split("/")[0] == op, "id must start with op: " + id
    IDS.add(id)
    args = args or {}
    fn = fn or OPS[op]
    gen = torch.Generator().manual_seed(zlib.crc32(id.encode("utf-8")))

    leaves = [s.make(gen) for s in inputs]
    views = [apply_transform(l, s.transform) for l, s in zip(leaves, inputs)]
    res = fn(views, args)
    multi = isinstance(res, (tuple, list))
    outs = list(res) if multi else [res]

    rec = OrderedDict()
    rec["id"] = id
    rec["op"] = op
    rec["inputs"] = []
    for l, s in zip(leaves, inputs):
        j = tensor_json(l)
        j["requiresGrad"] = bool(s.requires_grad)
        if s.transform:
            j["transform"] = s.transform
        rec["inputs"].append(j)
    rec["args"] = args
    if multi:
        rec["outputs"] = [tensor_json(o) for o in outs]
    else:
        rec["output"] = tensor_json(outs[0])

    differentiable = (
        grad and any(s.requires_grad for s in inputs) and all(o.is_floating_point() for o in outs)
    )
    checked = list(outs)
    if differentiable:
        gos = [torch.randn(list(o.shape), generator=gen, dtype=torch.float64).to(o.dtype) for o in outs]
        gl = [l for l, s in zip(leaves, inputs) if s.requires_grad]
        pairs = [(o, g) for o, g in zip(outs, gos) if o.requires_grad]
        if pairs:
            got = torch.autograd.grad(
                [p[0] for p in pairs], gl, grad_outputs=[p[1] for p in pairs], allow_unused=True
            )
        else:
            got = [None] * len(gl)
        it = iter(got)
        grads = []
        for l, s in zip(leaves, inputs):
            if not s.requires_grad:
                grads.append(None)
                continue
            g = next(it)
            if g is None:
                g = torch.zeros_like(l)
            assert list(g.shape) == list(l.shape) and g.dtype == l.dtype
            grads.append(g)
            checked.append(g)
        if multi:
            rec["gradOutputs"] = [tensor_json(g) for g in gos]
        else:
            rec["gradOutput"] = tensor_json(gos[0])
        rec["grads"] = [None if g is None else tensor_json(g) for g in grads]

    finite = all(all_finite(x) for x in checked)
    if nonfinite:
        assert not finite, "case %s marked nonfinite but everything is finite" % id
    else:
        assert finite, "case %s has non-finite output/grad" % id
    CASES.append(rec)


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


def unary_cases():
    # op -> spec factory(shape..., dtype=, t=)
    domain = {
        "neg": lambda *s, **k: randn(*s, **k),
        "abs": lambda *s, **k: randn(*s, away=0.1, **k),
        "sign": lambda *s, **k: randn(*s, away=0.1, **k),
        "exp": lambda *s, **k: randn(*s, **k),
        "log": lambda *s, **k: pos(*s, **k),
        "log1p": lambda *s, **k: unif(*s, lo=-0.9, hi=3.0, **k),
        "expm1": lambda *s, **k: randn(*s, **k),
        "sqrt": lambda *s, **k: pos(*s, **k),
        "rsqrt": lambda *s, **k: pos(*s, **k),
        "square": lambda *s, **k: randn(*s, **k),
        "sin": lambda *s, **k: randn(*s, scale=2.0, **k),
        "cos": lambda *s, **k: randn(*s, scale=2.0, **k),
        "tanh": lambda *s, **k: randn(*s, scale=1.5, **k),
        "sigmoid": lambda *s, **k: randn(*s, scale=2.0, **k),
        "relu": lambda *s, **k: randn(*s, away=0.1, **k),
        "reciprocal": lambda *s, **k: randn(*s, away=0.5, **k),
        "erf": lambda *s, **k: randn(*s, **k),
        "floor": lambda *s, **k: randn(*s, scale=3.0, **k),
        "ceil": lambda *s, **k: randn(*s, scale=3.0, **k),
        "round": lambda *s, **k: randn(*s, scale=3.0, **k),
    }
    for op, mk in domain.items():
        case(op + "/basic_3d", op, [mk(2, 3, 4)])
        case(op + "/scalar_0d", op, [mk()])
        case(op + "/noncontig_mT", op, [mk(4, 3, t=[MT])])
        case(op + "/float32", op, [mk(7, dtype=F32)])
    case("neg/noncontig_slice_step2", "neg", [randn(3, 8, t=[SLICE(1, 0, 8, 2)])])
    case("exp/noncontig_slice_step2", "exp", [randn(3, 8, t=[SLICE(-1, 1, 8, 2)])])
    case("sqrt/noncontig_expand", "sqrt", [pos(3, 1, t=[EXPAND(3, 4)])])
    half = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49, 0.51, 3.5, -3.5, 4.5, 1.0, -2.0, 0.0, 2.4999, -0.7]
    case("round/half_to_even", "round", [vals(half)])
    case("round/half_to_even_float32", "round", [vals(half, dtype=F32)])
    case("floor/integers_and_negatives", "floor", [vals([-2.0, -1.5, -0.5, 0.0, 0.5, 1.0, 1.5, 2.999])])
    case("ceil/integers_and_negatives", "ceil", [vals([-2.0, -1.5, -0.5, 0.0, 0.5, 1.0, 1.5, 2.001])])
    case("sign/with_zero", "sign", [vals([-3.0, 0.0, 2.0, -0.25])], grad=True)
    case("exp/large_range", "exp", [vals([-50.0, -10.0, 0.0, 10.0, 50.0])])
    case("sigmoid/saturated", "sigmoid", [vals([-40.0, -10.0, 0.0, 10.0, 40.0])])
    case("tanh/saturated", "tanh", [vals([-25.0, -5.0, 0.0, 5.0, 25.0])])
    case("log1p/small", "log1p", [vals([1e-10, -1e-10, 1e-5, 0.0, 0.25])])
    case("expm1/small", "expm1", [vals([1e-10, -1e-10, 1e-5, 0.0, -0.25])])
    # intentionally non-finite
    case("log/zero_and_negative", "log", [vals([0.0, -1.0, 1.0, 2.0])], nonfinite=True)
    case("sqrt/zero_and_negative", "sqrt", [vals([0.0, -1.0, 4.0])], nonfinite=True)
    case("reciprocal/zero", "reciprocal", [vals([0.0, -0.0, 2.0])], nonfinite=True)
    case("exp/nan_inf", "exp", [vals([math.nan, math.inf, -math.inf, 1.0])], grad=False, nonfinite=True)
    case("relu/nan", "relu", [vals([math.nan, -1.0, 1.0])], grad=False, nonfinite=True)


def binary_cases():
    # a-domain, b-domain per op (b away from zero for div, a positive for pow)
    dom = {
        "add": (randn, randn),
        "sub": (randn, randn),
        "mul": (randn, randn),
        "div": (randn, lambda *s, **k: randn(*s, away=0.5, **k)),
        "pow": (pos, randn),
        "maximum": (randn, randn),
        "minimum": (randn, randn),
    }
    for op, (A, B) in dom.items():
        case(op + "/same_shape", op, [A(3, 4), B(3, 4)])
        case(op + "/broadcast_row", op, [A(3, 4), B(4)])
        case(op + "/broadcast_col_row", op, [A(3, 1), B(1, 4)])
        case(op + "/broadcast_rank", op, [A(2, 3, 4), B(3, 1)])
        case(op + "/scalar_0d_with_2d", op, [A(), B(2, 3)])
        case(op + "/2d_with_scalar_0d", op, [A(2, 3), B()])
        case(op + "/noncontig_mT", op, [A(4, 3, t=[MT]), B(3, 4)])
        case(op + "/float32", op, [A(2, 5, dtype=F32), B(5, dtype=F32)])
        case(op + "/b_no_grad", op, [A(2, 3), B(2, 3, rg=False)])
    case("add/scalars_0d", "add", [randn(), randn()])
    case("add/alpha", "add", [randn(3, 4), randn(3, 4)], {"alpha": 2.5})
    case("add/alpha_broadcast", "add", [randn(2, 3), randn(3)], {"alpha": -3})
    case("add/noncontig_expand_slice", "add",
         [randn(3, 1, t=[EXPAND(3, 4)]), randn(3, 8, t=[SLICE(1, 0, 8, 2)])])
    case("sub/alpha", "sub", [randn(3, 4), randn(4)], {"alpha": -0.5})
    case("mul/noncontig_slice_step2", "mul", [randn(6, 4, t=[SLICE(0, 1, 6, 2)]), randn(3, 4)])
    case("mul/same_tensor_shape_broadcast_both", "mul", [randn(4, 1, 3), randn(1, 5, 1)])
    case("div/a_no_grad", "div", [randn(3, 2, rg=False), randn(3, 2, away=0.5)])
    case("div/by_zero", "div", [vals([1.0, -1.0, 0.0, 2.0]), vals([0.0, 0.0, 0.0, 4.0])], nonfinite=True)
    case("maximum/nan_propagation", "maximum",
         [vals([math.nan, 1.0, 2.0]), vals([0.0, math.nan, 1.0])], grad=False, nonfinite=True)
    for e in [2, 3, 0.5, -1, 0, 1.5, -2.5]:
        if e in (2, 3, 0, -1):
            spec = randn(3, 4, away=0.3)
        else:
            spec = pos(3, 4)
        case("pow_scalar/exp_%s" % str(e).replace(".", "p").replace("-", "m"), "pow_scalar", [spec],
             {"exponent": e})
    case("pow_scalar/float32", "pow_scalar", [pos(5, dtype=F32)], {"exponent": 2.5})
    case("pow_scalar/noncontig_mT", "pow_scalar", [randn(3, 2, t=[MT])], {"exponent": 3})
    case("pow_scalar/scalar_0d", "pow_scalar", [pos()], {"exponent": 1.5})


def clamp_where_cases():
    case("clamp/min_max", "clamp", [randn(3, 4, scale=2)], {"min": -1.0, "max": 0.5})
    case("clamp/min_only", "clamp", [randn(3, 4)], {"min": 0.2})
    case("clamp/max_only", "clamp", [randn(3, 4)], {"max": -0.1})
    case("clamp/noncontig_mT", "clamp", [randn(4, 3, t=[MT])], {"min": -0.5, "max": 0.5})
    case("clamp/float32", "clamp", [randn(6, dtype=F32)], {"min": -0.3, "max": 0.7})
    case("clamp/scalar_0d", "clamp", [randn(scale=3)], {"min": -1.0, "max": 1.0})

    case("where/same_shape", "where", [bools(3, 4), randn(3, 4), randn(3, 4)])
    case("where/broadcast", "where", [bools(3, 1), randn(1, 4), randn(3, 4)])
    case("where/scalar_branch", "where", [bools(2, 3), randn(2, 3), randn()])
    case("where/noncontig_mT", "where", [bools(3, 4), randn(4, 3, t=[MT]), randn(3, 4)])
    case("where/float32", "where", [bools(5), randn(5, dtype=F32), randn(5, dtype=F32)])
    case("where/b_no_grad", "where", [bools(2, 3), randn(2, 3), randn(2, 3, rg=False)])


def comparison_cases():
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        case(op + "/same_shape_ties", op, [intf(3, 4), intf(3, 4)])
        case(op + "/broadcast", op, [intf(3, 1), intf(4)])
        case(op + "/scalar_0d", op, [intf(2, 3), vals(0.0, rg=False)])
        case(op + "/noncontig_mT", op, [intf(4, 3, t=[MT]), intf(3, 4)])
        case(op + "/float32", op, [intf(6, dtype=F32), intf(6, dtype=F32)])
    nan = [math.nan, 1.0, math.nan, 2.0]
    other = [math.nan, 1.0, 1.0, math.inf]
    case("eq/nan", "eq", [vals(nan, rg=False), vals(other, rg=False)])
    case("ne/nan", "ne", [vals(nan, rg=False), vals(other, rg=False)])
    case("lt/nan_inf", "lt", [vals(nan, rg=False), vals(other, rg=False)])


def reduction_cases():
    for op in ["sum", "mean"]:
        case(op + "/all", op, [randn(3, 4)])
        case(op + "/dim0", op, [randn(3, 4)], {"dim": 0})
        case(op + "/dim_neg1_keepdim", op, [randn(2, 3, 4)], {"dim": -1, "keepdim": True})
        case(op + "/dims_0_2", op, [randn(2, 3, 4)], {"dim": [0, 2]})
        case(op + "/dims_neg_keepdim", op, [randn(2, 3, 4)], {"dim": [-1, -3], "keepdim": True})
        case(op + "/scalar_0d", op, [randn()])
        case(op + "/noncontig_mT", op, [randn(4, 3, t=[MT])], {"dim": 1})
        case(op + "/float32", op, [randn(4, 5, dtype=F32)], {"dim": 1})
    case("sum/all_keepdim", "sum", [randn(3, 4)], {"keepdim": True})
    case("sum/noncontig_expand", "sum", [randn(3, 1, t=[EXPAND(2, 3, 4)])], {"dim": [0, 2]})
    case("sum/1d", "sum", [randn(7)], {"dim": 0})

    for op in ["max", "min"]:
        case(op + "/all", op, [perm_vals(3, 4)])
        case(op + "/dim1", op, [perm_vals(3, 4)], {"dim": 1})
        case(op + "/dim_neg1_keepdim", op, [perm_vals(2, 3, 4)], {"dim": -1, "keepdim": True})
        case(op + "/dim0_3d", op, [perm_vals(2, 3, 4)], {"dim": 0})
        case(op + "/noncontig_mT", op, [perm_vals(4, 3, t=[MT])], {"dim": 0})
        case(op + "/float32", op, [perm_vals(3, 5, dtype=F32)], {"dim": 1})
        case(op + "/scalar_0d", op, [randn()])
    for op in ["argmax", "argmin"]:
        case(op + "/all_flat", op, [perm_vals(3, 4, rg=False)])
        case(op + "/dim0", op, [perm_vals(3, 4, rg=False)], {"dim": 0})
        case(op + "/dim_neg1_keepdim", op, [perm_vals(2, 3, 4, rg=False)], {"dim": -1, "keepdim": True})
        case(op + "/noncontig_mT", op, [perm_vals(4, 3, rg=False, t=[MT])], {"dim": 1})
        case(op + "/float32", op, [perm_vals(6, dtype=F32, rg=False)], {"dim": 0})
    # ties: torch returns the first occurrence
    case("argmax/ties_first", "argmax", [vals([1.0, 3.0, 3.0, 0.0, 3.0], rg=False)], {"dim": 0})
    case("argmin/ties_first", "argmin", [vals([1.0, -3.0, 2.0, -3.0], rg=False)], {"dim": 0})

    for op in ["var", "std"]:
        case(op + "/all_default", op, [randn(3, 4)])
        case(op + "/dim0_correction0", op, [randn(4, 3)], {"dim": 0, "correction": 0})
        case(op + "/dim1_default", op, [randn(3, 5)], {"dim": 1})
        case(op + "/dims_keepdim", op, [randn(2, 3, 4)], {"dim": [0, -1], "keepdim": True})
        case(op + "/correction2", op, [randn(2, 6)], {"dim": -1, "correction": 2})
        case(op + "/noncontig_mT", op, [randn(4, 3, t=[MT])], {"dim": 1})
        case(op + "/float32", op, [randn(3, 6, dtype=F32)], {"dim": 1, "keepdim": True})
        case(op + "/all_correction0", op, [randn(2, 5)], {"correction": 0})

    case("logsumexp/dim1", "logsumexp", [randn(3, 4)], {"dim": 1})
    case("logsumexp/dim0_keepdim", "logsumexp", [randn(3, 4)], {"dim": 0, "keepdim": True})
    case("logsumexp/dims_0_2", "logsumexp", [randn(2, 3, 4)], {"dim": [0, 2]})
    case("logsumexp/dim_neg1_3d", "logsumexp", [randn(2, 3, 4)], {"dim": -1})
    case("logsumexp/noncontig_mT", "logsumexp", [randn(4, 3, t=[MT])], {"dim": -1})
    case("logsumexp/large_f64", "logsumexp", [randn(3, 4, scale=1e4)], {"dim": 1})
    case("logsumexp/large_f32", "logsumexp", [randn(3, 4, scale=1e4, dtype=F32)], {"dim": 1})
    case("logsumexp/float32", "logsumexp", [randn(3, 5, dtype=F32)], {"dim": -1})
    case("logsumexp/neg_inf_entry", "logsumexp",
         [vals([[1.0, -math.inf, 0.5], [-math.inf, 2.0, -1.0]])], {"dim": 1})
    case("logsumexp/all_equal_large", "logsumexp", [vals([[1e4, 1e4, 1e4], [-1e4, -1e4, -1e4]])], {"dim": 1})

    for op in ["softmax", "logSoftmax"]:
        case(op + "/dim_neg1", op, [randn(3, 4)], {"dim": -1})
        case(op + "/dim0", op, [randn(3, 4)], {"dim": 0})
        case(op + "/3d_dim1", op, [randn(2, 3, 4)], {"dim": 1})
        case(op + "/noncontig_mT", op, [randn(4, 3, t=[MT])], {"dim": -1})
        case(op + "/large_f64", op, [randn(3, 4, scale=1e4)], {"dim": -1})
        case(op + "/large_f32", op, [randn(3, 4, scale=1e4, dtype=F32)], {"dim": -1})
        case(op + "/float32", op, [randn(2, 5, dtype=F32)], {"dim": 1})
        case(op + "/1d", op, [randn(6)], {"dim": 0})
        case(op + "/large_equal_f64", op, [vals([[1e4, 1e4, -1e4], [-1e4, -1e4 + 1.0, -1e4]])], {"dim": -1})

    case("norm/p2_all", "norm", [randn(3, 4)])
    case("norm/p1_dim1", "norm", [randn(3, 4, away=0.1)], {"p": 1, "dim": 1})
    case("norm/pinf_dim_neg1_keepdim", "norm", [perm_vals(3, 4)], {"p": "inf", "dim": -1, "keepdim": True})
    case("norm/p2_dims_keepdim", "norm", [randn(2, 3, 4)], {"p": 2, "dim": [0, 1], "keepdim": True})
    case("norm/p3_dim0", "norm", [randn(3, 4, away=0.1)], {"p": 3, "dim": 0})
    case("norm/pinf_all", "norm", [perm_vals(2, 5)], {"p": "inf"})
    case("norm/p1_all", "norm", [randn(2, 5, away=0.1)], {"p": 1})
    case("norm/noncontig_mT", "norm", [randn(4, 3, t=[MT])], {"dim": 1})
    case("norm/float32", "norm", [randn(3, 4, dtype=F32)], {"dim": -1})


def matmul_cases():
    case("matmul/1d_1d", "matmul", [randn(5), randn(5)])
    case("matmul/2d_1d", "matmul", [randn(3, 4), randn(4)])
    case("matmul/1d_2d", "matmul", [randn(4), randn(4, 3)])
    case("matmul/2d_2d", "matmul", [randn(3, 4), randn(4, 5)])
    case("matmul/3d_3d", "matmul", [randn(2, 3, 4), randn(2, 4, 2)])
    case("matmul/broadcast_batch", "matmul", [randn(2, 1, 3, 4), randn(5, 4, 2)])
    case("matmul/3d_2d", "matmul", [randn(2, 3, 4), randn(4, 2)])
    case("matmul/2d_3d", "matmul", [randn(3, 4), randn(2, 4, 2)])
    case("matmul/1d_3d", "matmul", [randn(4), randn(2, 4, 3)])
    case("matmul/3d_1d", "matmul", [randn(2, 3, 4), randn(4)])
    case("matmul/noncontig_mT_a", "matmul", [randn(4, 3, t=[MT]), randn(4, 2)])
    case("matmul/noncontig_mT_both", "matmul", [randn(2, 4, 3, t=[MT]), randn(2, 5, 4, t=[MT])])
    case("matmul/noncontig_expand_slice", "matmul",
         [randn(1, 3, 4, t=[EXPAND(2, 3, 4)]), randn(2, 4, 6, t=[SLICE(-1, 0, 6, 2)])])
    case("matmul/float32", "matmul", [randn(3, 4, dtype=F32), randn(4, 2, dtype=F32)])
    case("matmul/float32_batched", "matmul", [randn(2, 2, 3, dtype=F32), randn(3, 4, dtype=F32)])
    case("matmul/b_no_grad", "matmul", [randn(3, 4), randn(4, 2, rg=False)])


def movement_cases():
    case("reshape/basic", "reshape", [randn(2, 6)], {"shape": [3, 4]})
    case("reshape/infer_neg1", "reshape", [randn(2, 3, 4)], {"shape": [-1, 4]})
    case("reshape/to_0d", "reshape", [randn(1)], {"shape": []})
    case("reshape/from_0d", "reshape", [randn()], {"shape": [1, 1]})
    case("reshape/noncontig_mT", "reshape", [randn(4, 3, t=[MT])], {"shape": [12]})
    case("reshape/float32", "reshape", [randn(6, dtype=F32)], {"shape": [2, -1]})

    case("flatten/default", "flatten", [randn(2, 3, 4)])
    case("flatten/start1", "flatten", [randn(2, 3, 4)], {"startDim": 1})
    case("flatten/start0_end_neg2", "flatten", [randn(2, 3, 2, 2)], {"startDim": 0, "endDim": -2})
    case("flatten/middle", "flatten", [randn(2, 3, 2, 2)], {"startDim": 1, "endDim": 2})
    case("flatten/scalar_0d", "flatten", [randn()])
    case("flatten/noncontig_mT", "flatten", [randn(2, 4, 3, t=[MT])], {"startDim": 1})
    case("flatten/float32", "flatten", [randn(2, 2, 2, dtype=F32)])

    case("squeeze/all", "squeeze", [randn(1, 3, 1, 2)])
    case("squeeze/dim", "squeeze", [randn(1, 3, 1, 2)], {"dim": 2})
    case("squeeze/dim_not_one_noop", "squeeze", [randn(1, 3, 1, 2)], {"dim": 1})
    case("squeeze/neg_dim", "squeeze", [randn(3, 1)], {"dim": -1})
    case("squeeze/noncontig_mT", "squeeze", [randn(3, 1, t=[MT])], {"dim": 0})
    case("squeeze/float32", "squeeze", [randn(1, 4, dtype=F32)])

    case("unsqueeze/dim0", "unsqueeze", [randn(3, 4)], {"dim": 0})
    case("unsqueeze/dim_neg1", "unsqueeze", [randn(3, 4)], {"dim": -1})
    case("unsqueeze/middle", "unsqueeze", [randn(3, 4)], {"dim": 1})
    case("unsqueeze/scalar_0d", "unsqueeze", [randn()], {"dim": 0})
    case("unsqueeze/noncontig_mT", "unsqueeze", [randn(4, 3, t=[MT])], {"dim": -2})
    case("unsqueeze/float32", "unsqueeze", [randn(5, dtype=F32)], {"dim": 1})

    case("permute/3d", "permute", [randn(2, 3, 4)], {"dims": [2, 0, 1]})
    case("permute/neg_dims", "permute", [randn(2, 3, 4)], {"dims": [-1, -3, -2]})
    case("permute/identity", "permute", [randn(2, 3)], {"dims": [0, 1]})
    case("permute/noncontig_mT", "permute", [randn(2, 4, 3, t=[MT])], {"dims": [1, 2, 0]})
    case("permute/float32", "permute", [randn(2, 3, 2, dtype=F32)], {"dims": [2, 1, 0]})

    case("transpose/2d", "transpose", [randn(3, 4)], {"dim0": 0, "dim1": 1})
    case("transpose/neg_dims", "transpose", [randn(2, 3, 4)], {"dim0": -1, "dim1": -3})
    case("transpose/same_dim", "transpose", [randn(2, 3)], {"dim0": 1, "dim1": 1})
    case("transpose/noncontig_slice", "transpose", [randn(3, 8, t=[SLICE(1, 1, 8, 2)])], {"dim0": 0, "dim1": 1})
    case("transpose/float32", "transpose", [randn(2, 3, dtype=F32)], {"dim0": 1, "dim1": 0})

    case("expand/basic", "expand", [randn(3, 1)], {"shape": [3, 4]})
    case("expand/neg1", "expand", [randn(3, 1)], {"shape": [-1, 5]})
    case("expand/new_leading", "expand", [randn(1, 4)], {"shape": [2, 3, 4]})
    case("expand/from_0d", "expand", [randn()], {"shape": [2, 3]})
    case("expand/noncontig_mT", "expand", [randn(3, 1, t=[MT])], {"shape": [2, -1, 3]})
    case("expand/float32", "expand", [randn(1, 3, dtype=F32)], {"shape": [4, 3]})

    case("narrow/dim0", "narrow", [randn(5, 3)], {"dim": 0, "start": 1, "length": 3})
    case("narrow/dim_neg1", "narrow", [randn(2, 3, 6)], {"dim": -1, "start": 2, "length": 2})
    case("narrow/full", "narrow", [randn(4)], {"dim": 0, "start": 0, "length": 4})
    case("narrow/noncontig_mT", "narrow", [randn(4, 3, t=[MT])], {"dim": 1, "start": 1, "length": 2})
    case("narrow/float32", "narrow", [randn(6, dtype=F32)], {"dim": 0, "start": 3, "length": 2})

    case("slice/step2", "slice", [randn(3, 8)], {"dim": 1, "start": 0, "end": 8, "step": 2})
    case("slice/negative_bounds", "slice", [randn(6, 2)], {"dim": 0, "start": -4, "end": -1})
    case("slice/end_beyond", "slice", [randn(5)], {"dim": 0, "start": 2, "end": 100})
    case("slice/only_step", "slice", [randn(2, 7)], {"dim": -1, "step": 3})
    case("slice/only_start", "slice", [randn(5, 2)], {"dim": 0, "start": 3})
    case("slice/empty", "slice", [randn(4, 2)], {"dim": 0, "start": 3, "end": 1})
    case("slice/noncontig_mT", "slice", [randn(6, 3, t=[MT])], {"dim": 1, "start": 1, "end": 6, "step": 2})
    case("slice/float32", "slice", [randn(9, dtype=F32)], {"dim": 0, "start": 1, "end": 8, "step": 3})

    case("flip/dim0", "flip", [randn(3, 4)], {"dims": [0]})
    case("flip/multi", "flip", [randn(2, 3, 4)], {"dims": [0, 2]})
    case("flip/neg_dim", "flip", [randn(2, 3, 4)], {"dims": [-1]})
    case("flip/noncontig_mT", "flip", [randn(4, 3, t=[MT])], {"dims": [1]})
    case("flip/float32", "flip", [randn(5, dtype=F32)], {"dims": [0]})

    case("cat/dim0", "cat", [randn(2, 3), randn(4, 3)], {"dim": 0})
    case("cat/dim_neg1_three", "cat", [randn(2, 1), randn(2, 3), randn(2, 2)], {"dim": -1})
    case("cat/1d", "cat", [randn(3), randn(2)], {"dim": 0})
    case("cat/3d_middle", "cat", [randn(2, 1, 2), randn(2, 3, 2)], {"dim": 1})
    case("cat/mixed_grad", "cat", [randn(2, 2), randn(2, 2, rg=False)], {"dim": 0})
    case("cat/noncontig_mT", "cat", [randn(3, 2, t=[MT]), randn(2, 2)], {"dim": 1})
    case("cat/float32", "cat", [randn(2, dtype=F32), randn(3, dtype=F32)], {"dim": 0})

    case("stack/dim0", "stack", [randn(2, 3), randn(2, 3)], {"dim": 0})
    case("stack/dim_neg1", "stack", [randn(2, 3), randn(2, 3), randn(2, 3)], {"dim": -1})
    case("stack/dim1", "stack", [randn(2, 3), randn(2, 3)], {"dim": 1})
    case("stack/scalars_0d", "stack", [randn(), randn(), randn()], {"dim": 0})
    case("stack/noncontig_mT", "stack", [randn(3, 2, t=[MT]), randn(2, 3)], {"dim": 0})
    case("stack/float32", "stack", [randn(4, dtype=F32), randn(4, dtype=F32)], {"dim": 1})

    case("split/even", "split", [randn(6, 2)], {"splitSize": 2, "dim": 0})
    case("split/uneven", "split", [randn(7, 2)], {"splitSize": 3, "dim": 0})
    case("split/sections", "split", [randn(2, 6)], {"splitSize": [1, 3, 2], "dim": 1})
    case("split/dim_neg1_default", "split", [randn(2, 5)], {"splitSize": 2, "dim": -1})
    case("split/default_dim", "split", [randn(4, 3)], {"splitSize": 3})
    case("split/noncontig_mT", "split", [randn(4, 3, t=[MT])], {"splitSize": 2, "dim": 1})
    case("split/float32", "split", [randn(5, dtype=F32)], {"splitSize": [2, 3]})

    case("chunk/even", "chunk", [randn(6, 2)], {"chunks": 3, "dim": 0})
    case("chunk/uneven", "chunk", [randn(2, 7)], {"chunks": 3, "dim": 1})
    case("chunk/fewer_than_requested", "chunk", [randn(5)], {"chunks": 4})
    case("chunk/more_than_size", "chunk", [randn(3, 2)], {"chunks": 5, "dim": 0})
    case("chunk/noncontig_mT", "chunk", [randn(2, 4, t=[MT])], {"chunks": 2, "dim": -1})
    case("chunk/float32", "chunk", [randn(4, dtype=F32)], {"chunks": 2})


def indexing_cases():
    case("indexSelect/dim0", "indexSelect", [randn(5, 3), ints(4, data=[4, 0, 2, 2])], {"dim": 0})
    case("indexSelect/dim_neg1_repeats", "indexSelect", [randn(2, 3, 4), ints(5, data=[3, 1, 1, 0, 3])], {"dim": -1})
    case("indexSelect/1d", "indexSelect", [randn(6), ints(3, data=[5, 0, 5])], {"dim": 0})
    case("indexSelect/noncontig_mT", "indexSelect", [randn(4, 3, t=[MT]), ints(2, data=[3, 1])], {"dim": 1})
    case("indexSelect/float32", "indexSelect", [randn(4, 2, dtype=F32), ints(3, data=[1, 1, 3])], {"dim": 0})

    case("gather/dim0", "gather", [randn(3, 4), ints(2, 4, lo=0, hi=3)], {"dim": 0})
    case("gather/dim1", "gather", [randn(3, 4), ints(3, 5, lo=0, hi=4)], {"dim": 1})
    case("gather/dim_neg1_smaller_index", "gather", [randn(2, 3, 4), ints(2, 2, 3, lo=0, hi=4)], {"dim": -1})
    case("gather/repeats", "gather", [randn(4), ints(6, data=[0, 0, 3, 3, 3, 1])], {"dim": 0})
    case("gather/noncontig_mT", "gather", [randn(4, 3, t=[MT]), ints(3, 2, lo=0, hi=4)], {"dim": 1})
    case("gather/float32", "gather", [randn(3, 3, dtype=F32), ints(3, 2, lo=0, hi=3)], {"dim": 1})

    case("scatterAdd/dim0_repeats", "scatterAdd",
         [randn(3, 4), ints(2, 4, data=[0, 1, 2, 0, 0, 1, 2, 0]), randn(2, 4)], {"dim": 0})
    case("scatterAdd/dim1", "scatterAdd",
         [randn(2, 5), ints(2, 3, data=[4, 4, 0, 1, 2, 1]), randn(2, 3)], {"dim": 1})
    # index smaller than self in the non-scatter dim (src shaped like index;
    # torch 1.13's scatter_add backward rejects a src larger than index)
    case("scatterAdd/index_smaller_than_self", "scatterAdd",
         [randn(3, 4), ints(2, 2, data=[2, 2, 1, 0]), randn(2, 2)], {"dim": 0})
    case("scatterAdd/dim_neg1_3d", "scatterAdd",
         [randn(2, 2, 3), ints(2, 2, 4, lo=0, hi=3), randn(2, 2, 4)], {"dim": -1})
    case("scatterAdd/noncontig_mT", "scatterAdd",
         [randn(4, 3, t=[MT]), ints(3, 2, data=[0, 3, 3, 3, 1, 0]), randn(3, 2)], {"dim": 1})
    case("scatterAdd/float32", "scatterAdd",
         [randn(4, dtype=F32), ints(5, data=[0, 1, 1, 3, 0]), randn(5, dtype=F32)], {"dim": 0})

    case("pad/last_dim", "pad", [randn(2, 3)], {"pad": [1, 2]})
    case("pad/last_two_dims_value", "pad", [randn(2, 3)], {"pad": [1, 0, 2, 1], "value": 1.5})
    case("pad/negative_crop", "pad", [randn(3, 5)], {"pad": [-1, -2, 1, -1]})
    case("pad/three_dims", "pad", [randn(2, 2, 2)], {"pad": [0, 1, 1, 0, 1, 1]})
    case("pad/mixed_neg_pos", "pad", [randn(2, 4)], {"pad": [-1, 2], "value": -3.0})
    case("pad/nchw", "pad", [randn(1, 2, 3, 3)], {"pad": [1, 1, 1, 1]})
    case("pad/noncontig_mT", "pad", [randn(4, 3, t=[MT])], {"pad": [2, 0]})
    case("pad/float32", "pad", [randn(3, dtype=F32)], {"pad": [1, 1], "value": 0.25})

    case("oneHot/num_classes", "oneHot", [ints(5, data=[0, 2, 1, 4, 2])], {"numClasses": 6})
    case("oneHot/inferred", "oneHot", [ints(4, data=[1, 3, 0, 1])])
    case("oneHot/2d", "oneHot", [ints(2, 3, data=[0, 1, 2, 2, 1, 0])], {"numClasses": 3})


def image_cases():
    C = "conv2d"
    case(C + "/basic", C, [randn(2, 3, 5, 5), randn(4, 3, 3, 3), randn(4)])
    case(C + "/stride2", C, [randn(1, 2, 7, 7), randn(3, 2, 3, 3), randn(3)], {"stride": 2})
    case(C + "/padding1", C, [randn(1, 2, 5, 5), randn(3, 2, 3, 3), randn(3)], {"padding": 1})
    case(C + "/dilation2", C, [randn(1, 2, 7, 7), randn(2, 2, 3, 3), randn(2)], {"dilation": 2})
    case(C + "/groups2", C, [randn(1, 4, 5, 5), randn(6, 2, 3, 3), randn(6)], {"groups": 2, "padding": 1})
    case(C + "/depthwise", C, [randn(2, 3, 5, 5), randn(3, 1, 3, 3), randn(3)], {"groups": 3})
    case(C + "/depthwise_multiplier", C, [randn(1, 2, 4, 4), randn(4, 1, 2, 2), randn(4)], {"groups": 2})
    case(C + "/no_bias", C, [randn(2, 2, 4, 4), randn(3, 2, 3, 3)])
    case(C + "/rect_kernel_tuple_args", C, [randn(1, 2, 6, 7), randn(3, 2, 2, 3), randn(3)],
         {"stride": [2, 1], "padding": [1, 0], "dilation": [1, 2]})
    case(C + "/kernel_1x1", C, [randn(2, 3, 4, 4), randn(5, 3, 1, 1), randn(5)])
    case(C + "/stride_pad_uneven", C, [randn(1, 1, 6, 6), randn(2, 1, 3, 3), randn(2)], {"stride": 2, "padding": 1})
    case(C + "/noncontig_mT", C, [randn(1, 2, 5, 4, t=[MT]), randn(2, 2, 3, 3), randn(2)], {"padding": 1})
    case(C + "/weight_no_grad", C, [randn(1, 2, 4, 4), randn(2, 2, 3, 3, rg=False), randn(2, rg=False)])
    case(C + "/float32", C, [randn(1, 2, 5, 5, dtype=F32), randn(3, 2, 3, 3, dtype=F32), randn(3, dtype=F32)],
         {"padding": 1})

    M = "maxPool2d"
    case(M + "/k2", M, [perm_vals(2, 2, 4, 4)], {"kernelSize": 2})
    case(M + "/k3_s2", M, [perm_vals(1, 2, 7, 7)], {"kernelSize": 3, "stride": 2})
    case(M + "/ceil_mode_partial", M, [perm_vals(1, 2, 5, 5)], {"kernelSize": 2, "stride": 2, "ceilMode": True})
    case(M + "/padding1", M, [perm_vals(1, 2, 5, 5)], {"kernelSize": 3, "stride": 2, "padding": 1})
    case(M + "/dilation2", M, [perm_vals(1, 1, 7, 7)], {"kernelSize": 2, "stride": 1, "dilation": 2})
    case(M + "/rect_tuple", M, [perm_vals(1, 2, 6, 5)], {"kernelSize": [3, 2], "stride": [2, 1]})
    case(M + "/overlap_s1", M, [perm_vals(1, 1, 4, 5)], {"kernelSize": 2, "stride": 1})
    case(M + "/ceil_pad", M, [perm_vals(1, 1, 6, 6)],
         {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True})
    case(M + "/noncontig_mT", M, [perm_vals(1, 2, 5, 4, t=[MT])], {"kernelSize": 2})
    case(M + "/float32", M, [perm_vals(1, 2, 4, 4, dtype=F32)], {"kernelSize": 2})
    # all-negative input: padded positions must act as -inf, not 0
    case(M + "/padding_all_negative", M, [randn(1, 1, 4, 4, shift=-10.0)],
         {"kernelSize": 2, "stride": 2, "padding": 1})

    A = "avgPool2d"
    case(A + "/k2", A, [randn(2, 2, 4, 4)], {"kernelSize": 2})
    case(A + "/k3_s1", A, [randn(1, 2, 5, 5)], {"kernelSize": 3, "stride": 1})
    case(A + "/pad_include", A, [randn(1, 2, 5, 5)], {"kernelSize": 3, "stride": 2, "padding": 1})
    case(A + "/pad_exclude", A, [randn(1, 2, 5, 5)],
         {"kernelSize": 3, "stride": 2, "padding": 1, "countIncludePad": False})
    case(A + "/ceil_mode", A, [randn(1, 2, 5, 5)], {"kernelSize": 2, "stride": 2, "ceilMode": True})
    case(A + "/ceil_pad_include", A, [randn(1, 1, 6, 6)],
         {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True})
    case(A + "/ceil_pad_exclude", A, [randn(1, 1, 6, 6)],
         {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False})
    case(A + "/divisor_override", A, [randn(1, 2, 4, 4)], {"kernelSize": 2, "divisorOverride": 3})
    case(A + "/rect_tuple", A, [randn(1, 2, 6, 5)], {"kernelSize": [2, 3], "stride": [2, 1], "padding": [1, 1]})
    case(A + "/noncontig_mT", A, [randn(1, 2, 5, 4, t=[MT])], {"kernelSize": 2})
    case(A + "/float32", A, [randn(1, 2, 4, 4, dtype=F32)], {"kernelSize": 2})

    U = "unfold"
    case(U + "/basic", U, [randn(2, 2, 4, 4)], {"kernelSize": 2})
    case(U + "/pad_stride", U, [randn(1, 2, 5, 5)], {"kernelSize": 3, "padding": 1, "stride": 2})
    case(U + "/dilation", U, [randn(1, 1, 6, 6)], {"kernelSize": 2, "dilation": 2})
    case(U + "/rect_tuple", U, [randn(1, 2, 4, 5)], {"kernelSize": [2, 3], "stride": [1, 2], "padding": [0, 1]})
    case(U + "/noncontig_mT", U, [randn(1, 2, 5, 4, t=[MT])], {"kernelSize": 3})
    case(U + "/float32", U, [randn(1, 2, 3, 3, dtype=F32)], {"kernelSize": 2})

    Fo = "fold"
    case(Fo + "/basic_overlap", Fo, [randn(2, 2 * 4, 9)], {"outputSize": [4, 4], "kernelSize": 2})
    case(Fo + "/non_overlap_stride", Fo, [randn(1, 3 * 4, 4)], {"outputSize": [4, 4], "kernelSize": 2, "stride": 2})
    case(Fo + "/padding", Fo, [randn(1, 1 * 9, 9)], {"outputSize": [5, 5], "kernelSize": 3, "padding": 1, "stride": 2})
    case(Fo + "/dilation", Fo, [randn(1, 2 * 4, 16)], {"outputSize": [6, 6], "kernelSize": 2, "dilation": 2})
    case(Fo + "/rect_tuple", Fo, [randn(1, 2 * 6, 9)],
         {"outputSize": [4, 5], "kernelSize": [2, 3], "stride": [1, 2], "padding": [0, 1]})
    case(Fo + "/noncontig_mT", Fo, [randn(1, 9, 8, t=[MT])], {"outputSize": [4, 4], "kernelSize": 2})
    case(Fo + "/float32", Fo, [randn(1, 4, 4, dtype=F32)], {"outputSize": [3, 3], "kernelSize": 2})


def activation_cases():
    plain = ["logSigmoid", "silu", "softsign", "mish", "selu"]
    for op in plain:
        kinked = op in ("selu",)
        case(op + "/basic", op, [randn(3, 4, scale=2.0, away=0.05 if kinked else 0.0)])
        case(op + "/noncontig_mT", op, [randn(4, 3, t=[MT], away=0.05 if kinked else 0.0)])
        case(op + "/float32", op, [randn(6, dtype=F32, scale=2.0, away=0.05 if kinked else 0.0)])
    case("logSigmoid/extreme", "logSigmoid", [vals([-800.0, -40.0, 0.0, 40.0, 800.0])])
    case("silu/scalar_0d", "silu", [randn()])

    case("softplus/default", "softplus", [randn(3, 4, scale=3.0)])
    case("softplus/beta_threshold", "softplus", [unif(3, 4, lo=-3.0, hi=6.0)], {"beta": 2.0, "threshold": 5.0})
    case("softplus/extreme", "softplus", [vals([-50.0, -5.0, 0.0, 5.0, 19.0, 21.0, 50.0])])
    case("softplus/noncontig_mT", "softplus", [randn(4, 3, t=[MT])], {"beta": 0.5})
    case("softplus/float32", "softplus", [randn(5, dtype=F32, scale=3.0)])

    case("gelu/none", "gelu", [randn(3, 4, scale=2.0)])
    case("gelu/none_explicit", "gelu", [randn(5, scale=2.0)], {"approximate": "none"})
    case("gelu/tanh", "gelu", [randn(3, 4, scale=2.0)], {"approximate": "tanh"})
    case("gelu/noncontig_mT", "gelu", [randn(4, 3, t=[MT])], {"approximate": "tanh"})
    case("gelu/float32", "gelu", [randn(6, dtype=F32, scale=2.0)])
    case("gelu/float32_tanh", "gelu", [randn(6, dtype=F32, scale=2.0)], {"approximate": "tanh"})

    case("elu/default", "elu", [randn(3, 4, away=0.05)])
    case("elu/alpha", "elu", [randn(3, 4, away=0.05)], {"alpha": 0.5})
    case("elu/noncontig_mT", "elu", [randn(4, 3, t=[MT], away=0.05)])
    case("elu/float32", "elu", [randn(6, dtype=F32, away=0.05)], {"alpha": 2.0})

    case("leakyRelu/default", "leakyRelu", [randn(3, 4, away=0.05)])
    case("leakyRelu/slope", "leakyRelu", [randn(3, 4, away=0.05)], {"negativeSlope": 0.2})
    case("leakyRelu/noncontig_mT", "leakyRelu", [randn(4, 3, t=[MT], away=0.05)], {"negativeSlope": 0.1})
    case("leakyRelu/float32", "leakyRelu", [randn(6, dtype=F32, away=0.05)])

    case("hardtanh/default", "hardtanh", [randn(3, 4, scale=2.0)])
    case("hardtanh/custom", "hardtanh", [randn(3, 4, scale=2.0)], {"minVal": -2.0, "maxVal": 0.5})
    case("hardtanh/noncontig_mT", "hardtanh", [randn(4, 3, t=[MT], scale=2.0)])
    case("hardtanh/float32", "hardtanh", [randn(6, dtype=F32, scale=2.0)], {"minVal": -0.5, "maxVal": 0.5})

    case("celu/default", "celu", [randn(3, 4, away=0.05)])
    case("celu/alpha", "celu", [randn(3, 4, away=0.05)], {"alpha": 2.0})
    case("celu/noncontig_mT", "celu", [randn(4, 3, t=[MT], away=0.05)], {"alpha": 0.5})
    case("celu/float32", "celu", [randn(6, dtype=F32, away=0.05)])


# ---------------------------------------------------------------------------


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    unary_cases()
    binary_cases()
    clamp_where_cases()
    comparison_cases()
    reduction_cases()
    matmul_cases()
    movement_cases()
    indexing_cases()
    image_cases()
    activation_cases()

    doc = OrderedDict(
        [("generator", GENERATOR), ("torch_version", torch.__version__), ("cases", CASES)]
    )
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    # One case per line: compact but diff-friendly.  allow_nan=False guarantees
    # no bare NaN/Infinity tokens slip into the JSON.
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in CASES]
    head = json.dumps(OrderedDict([("generator", GENERATOR), ("torch_version", torch.__version__)]),
                      separators=(",", ":"))
    text = head[:-1] + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(out_path, "w") as f:
        f.write(text)
    # Sanity check: round trip.
    with open(out_path) as f:
        back = json.load(f)
    assert len(back["cases"]) == len(CASES)
    assert back == json.loads(json.dumps(doc, allow_nan=False))

    counts = OrderedDict()
    for c in CASES:
        counts[c["op"]] = counts.get(c["op"], 0) + 1
    print("torch %s: wrote %d cases to %s (%d bytes)" % (
        torch.__version__, len(CASES), os.path.relpath(out_path), len(text.encode("utf-8"))))
    for op, n in counts.items():
        print("  %-12s %d" % (op, n))


if __name__ == "__main__":
    main()

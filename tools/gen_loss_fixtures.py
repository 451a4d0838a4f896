#!/usr/bin/env python3
"""Generate PyTorch reference fixtures for nabla's losses and activation modules.

Usage (from the repository root):

    /usr/bin/python3 tools/gen_loss_fixtures.py [output_path]

Default output: test/fixtures/torch/losses.json.  Needs only torch + the
standard library; reuses the input specs and serialisation of
tools/gen_torch_fixtures.py, and its conventions: every case draws its data
from its own torch.Generator seeded with crc32(case id), torch runs on CPU
with one thread, NaN/Inf are written as strings, one case per line.

Fixture format (read by test/losses/fixtures.ts):

    { "generator": "tools/gen_loss_fixtures.py", "torch_version": "...",
      "cases": [ CASE, ... ] }
    CASE = { "id": "<Module>/<description>",
             "kind": "loss" | "activation",
             "module": nabla module name (nn.<module>),
             "functional": nabla functional name or null,
             "options": {...}            nabla camelCase options; a TENSOR value
                                         (weight, posWeight) is a tensor option
             "params": {name: TENSOR}    parameter values to load first (PReLU)
             "inputs": [INPUT...],       forward's positional arguments
             "output": TENSOR,
             "gradOutput": TENSOR,       (if differentiable)
             "grads": [TENSOR | null],   d(output·gradOutput)/d(input), null if no grad
             "paramGrads": {name: TENSOR} }
    INPUT  = TENSOR + { "requiresGrad": bool }
    TENSOR = { "shape", "dtype": "float64"|"float32"|"int32"|"bool", "data" }

Sources of truth: torch.nn.functional for PyTorch's losses and activations;
torch.distributions for the two losses PyTorch lacks (LaplaceNLLLoss:
-Laplace(mu, b).log_prob(y); MixtureDensityNLLLoss:
-MixtureSameFamily(Categorical(logits), Independent(Normal(means, scales), 1))
.log_prob(y)).  Softmax/LogSoftmax "temperature" (not in PyTorch) is
softmax(x / T).
"""

import json
import math
import os
import sys
import zlib
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torch.distributions as D  # noqa: E402

from gen_torch_fixtures import (  # noqa: E402  (also sets threads / determinism)
    F32,
    F64,
    Spec,
    all_finite,
    ints,
    pos,
    randn,
    tensor_json,
    unif,
    vals,
)

GENERATOR = "tools/gen_loss_fixtures.py"
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "losses.json"
)
TD = {F64: torch.float64, F32: torch.float32}

# ---------------------------------------------------------------------------
# Extra input specs
# ---------------------------------------------------------------------------


def probs(*shape, dim=1, dtype=F64, rg=True):
    """Rows of class probabilities (softmax of normal samples along `dim`)."""

    def make(gen):
        x = torch.randn(list(shape), generator=gen, dtype=torch.float64)
        return torch.softmax(x, dim=dim).to(TD[dtype])

    return Spec(make, rg)


def logprobs(*shape, dtype=F64, rg=True):
    """Log-probabilities along dim 1 (dim 0 for 1-D): NLLLoss inputs."""

    def make(gen):
        x = torch.randn(list(shape), generator=gen, dtype=torch.float64)
        return torch.log_softmax(x, dim=1 if len(shape) > 1 else 0).to(TD[dtype])

    return Spec(make, rg)


def signs(*shape, dtype=F64):
    """Labels in {-1, +1} (float)."""

    def make(gen):
        return (torch.randint(0, 2, list(shape), generator=gen) * 2 - 1).to(TD[dtype])

    return Spec(make, False)


def extreme(*shape, big=1e4, dtype=F64, rg=True):
    """Values of ±big with a little noise: stability cases."""

    def make(gen):
        s = torch.randint(0, 2, list(shape), generator=gen).to(torch.float64) * 2 - 1
        n = torch.rand(list(shape), generator=gen, dtype=torch.float64)
        return (s * (big - n)).to(TD[dtype])

    return Spec(make, rg)


def labels(*shape, classes=3, ignore=None, ignore_every=0):
    """Class indices in [0, classes); every `ignore_every`-th entry set to `ignore`."""

    def make(gen):
        t = torch.randint(0, classes, list(shape), generator=gen, dtype=torch.int64)
        if ignore is not None and ignore_every:
            flat = t.reshape(-1)
            flat[::ignore_every] = ignore
            t = flat.reshape(list(shape))
        return t

    return Spec(make, False)


# ---------------------------------------------------------------------------
# torch implementations: fn(tensors, options) with options already holding
# torch tensors for tensor-valued options.
# ---------------------------------------------------------------------------


def R(o):
    return o.get("reduction", "mean")


def _huber(t, o):
    return F.huber_loss(t[0], t[1], reduction=R(o), delta=o.get("delta", 1.0))


def _ce(t, o):
    return F.cross_entropy(
        t[0],
        t[1],
        weight=o.get("weight"),
        ignore_index=o.get("ignoreIndex", -100),
        reduction=R(o),
        label_smoothing=o.get("labelSmoothing", 0.0),
    )


def _nll(t, o):
    return F.nll_loss(t[0], t[1], weight=o.get("weight"), ignore_index=o.get("ignoreIndex", -100), reduction=R(o))


def _gauss(t, o):
    return F.gaussian_nll_loss(
        t[0], t[1], t[2], full=o.get("full", False), eps=o.get("eps", 1e-6), reduction=R(o)
    )


def _reduce(loss, reduction):
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _laplace(t, o):
    mu, y, b = t
    # scale shape rules and clamp exactly as gaussian_nll_loss treats var
    if b.shape != mu.shape and mu.shape[:-1] == b.shape:
        b = b.unsqueeze(-1)
    b = b.clone()
    with torch.no_grad():
        b.clamp_(min=o.get("eps", 1e-6))
    loss = -D.Laplace(mu, b, validate_args=False).log_prob(y)
    return _reduce(loss, R(o))


def _mdn(t, o):
    logits, means, scales, y = t
    mix = D.MixtureSameFamily(
        D.Categorical(logits=logits), D.Independent(D.Normal(means, scales), 1), validate_args=False
    )
    return _reduce(-mix.log_prob(y), R(o))


LOSSES = {
    "MSELoss": ("mseLoss", lambda t, o: F.mse_loss(t[0], t[1], reduction=R(o))),
    "L1Loss": ("l1Loss", lambda t, o: F.l1_loss(t[0], t[1], reduction=R(o))),
    "HuberLoss": ("huberLoss", _huber),
    "BCELoss": (
        "binaryCrossEntropy",
        lambda t, o: F.binary_cross_entropy(t[0], t[1], weight=o.get("weight"), reduction=R(o)),
    ),
    "BCEWithLogitsLoss": (
        "binaryCrossEntropyWithLogits",
        lambda t, o: F.binary_cross_entropy_with_logits(
            t[0], t[1], weight=o.get("weight"), pos_weight=o.get("posWeight"), reduction=R(o)
        ),
    ),
    "CrossEntropyLoss": ("crossEntropy", _ce),
    "NLLLoss": ("nllLoss", _nll),
    "SoftMarginLoss": ("softMarginLoss", lambda t, o: F.soft_margin_loss(t[0], t[1], reduction=R(o))),
    "GaussianNLLLoss": ("gaussianNllLoss", _gauss),
    "LaplaceNLLLoss": ("laplaceNllLoss", _laplace),
    "MixtureDensityNLLLoss": ("mdnNll", _mdn),
}


def _softmax(log):
    def f(t, o):
        x = t[0] / o.get("temperature", 1.0)
        d = o.get("dim", -1)
        return torch.log_softmax(x, dim=d) if log else torch.softmax(x, dim=d)

    return f


ACTIVATIONS = {
    "Sigmoid": lambda t, o, p: torch.sigmoid(t[0]),
    "Tanh": lambda t, o, p: torch.tanh(t[0]),
    "ReLU": lambda t, o, p: F.relu(t[0]),
    "LeakyReLU": lambda t, o, p: F.leaky_relu(t[0], negative_slope=o.get("negativeSlope", 0.01)),
    "PReLU": lambda t, o, p: F.prelu(t[0], p["weight"]),
    "ELU": lambda t, o, p: F.elu(t[0], alpha=o.get("alpha", 1.0)),
    "SELU": lambda t, o, p: F.selu(t[0]),
    "CELU": lambda t, o, p: F.celu(t[0], alpha=o.get("alpha", 1.0)),
    "GELU": lambda t, o, p: F.gelu(t[0], approximate=o.get("approximate", "none")),
    "SiLU": lambda t, o, p: F.silu(t[0]),
    "Mish": lambda t, o, p: F.mish(t[0]),
    "Softplus": lambda t, o, p: F.softplus(t[0], beta=o.get("beta", 1.0), threshold=o.get("threshold", 20.0)),
    "Softsign": lambda t, o, p: F.softsign(t[0]),
    "Hardtanh": lambda t, o, p: F.hardtanh(t[0], min_val=o.get("minVal", -1.0), max_val=o.get("maxVal", 1.0)),
    "Softmax": lambda t, o, p: _softmax(False)(t, o),
    "LogSoftmax": lambda t, o, p: _softmax(True)(t, o),
}

# ---------------------------------------------------------------------------
# Case builder
# ---------------------------------------------------------------------------

CASES = []
IDS = set()


def case(id, inputs, options=None, params=None, grad=True, nonfinite=False, fn=None, reference=None):
    """Record one case.  `id` is "<Module>/<description>"; the module picks the torch function.

    fn, reference  override the torch function (and say why, in the JSON) where torch's own
                   implementation is not a usable reference (it overflows)

    inputs   list of Spec, forward's positional arguments
    options  nabla options; Spec values become tensor options (weight, posWeight)
    params   {name: Spec} parameter values (PReLU weight); gradients are recorded for them
    """
    assert id not in IDS, "duplicate case id " + id
    IDS.add(id)
    module = id.split("/")[0]
    kind = "loss" if module in LOSSES else "activation"
    assert kind == "loss" or module in ACTIVATIONS, "unknown module " + module
    gen = torch.Generator().manual_seed(zlib.crc32(id.encode("utf-8")))

    options = OrderedDict(options or {})
    params = OrderedDict(params or {})
    leaves = [s.make(gen) for s in inputs]
    topts = OrderedDict()
    jopts = OrderedDict()
    for k, v in options.items():
        if isinstance(v, Spec):
            tv = v.make(gen)
            topts[k] = tv
            jopts[k] = tensor_json(tv)
        else:
            topts[k] = v
            jopts[k] = v
    tparams = OrderedDict((k, s.make(gen)) for k, s in params.items())

    if kind == "loss":
        functional, loss_fn = LOSSES[module]
        out = (fn or loss_fn)(leaves, topts)
    else:
        functional = None
        out = (fn or ACTIVATIONS[module])(leaves, topts, tparams)

    rec = OrderedDict()
    rec["id"] = id
    rec["kind"] = kind
    rec["module"] = module
    rec["functional"] = functional
    rec["options"] = jopts
    if reference:
        rec["reference"] = reference
    if tparams:
        rec["params"] = OrderedDict((k, tensor_json(v)) for k, v in tparams.items())
    rec["inputs"] = []
    for l, s in zip(leaves, inputs):
        j = tensor_json(l)
        j["requiresGrad"] = bool(s.requires_grad)
        rec["inputs"].append(j)
    rec["output"] = tensor_json(out)

    checked = [out]
    wrt = [l for l, s in zip(leaves, inputs) if s.requires_grad] + list(tparams.values())
    if grad and wrt and out.requires_grad:
        go = torch.randn(list(out.shape), generator=gen, dtype=torch.float64).to(out.dtype)
        got = list(torch.autograd.grad([out], wrt, grad_outputs=[go], allow_unused=True))
        got = [torch.zeros_like(w) if g is None else g for w, g in zip(wrt, got)]
        checked += got
        it = iter(got)
        rec["gradOutput"] = tensor_json(go)
        rec["grads"] = [tensor_json(next(it)) if s.requires_grad else None for s in inputs]
        if tparams:
            rec["paramGrads"] = OrderedDict((k, tensor_json(next(it))) for k in tparams)

    finite = all(all_finite(x) for x in checked)
    if nonfinite:
        assert not finite, "case %s marked nonfinite but everything is finite" % id
    else:
        assert finite, "case %s has non-finite output/grad" % id
    CASES.append(rec)


REDUCTIONS = ["mean", "sum", "none"]

# ---------------------------------------------------------------------------
# Loss cases
# ---------------------------------------------------------------------------


def regression_cases():
    for r in REDUCTIONS:
        case("MSELoss/%s" % r, [randn(3, 4), randn(3, 4)], {"reduction": r})
        case("L1Loss/%s" % r, [randn(3, 4), randn(3, 4, shift=0.5)], {"reduction": r})
        case("HuberLoss/%s" % r, [randn(4, 5, scale=1.5), randn(4, 5)], {"reduction": r})
        case("HuberLoss/delta_0p5_%s" % r, [randn(4, 5), randn(4, 5)], {"reduction": r, "delta": 0.5})
    case("MSELoss/default_3d", [randn(2, 3, 4), randn(2, 3, 4)])
    case("MSELoss/target_no_grad", [randn(5), randn(5, rg=False)])
    case("MSELoss/float32", [randn(3, 4, dtype=F32), randn(3, 4, dtype=F32)])
    case("MSELoss/scalar_0d", [randn(), randn()])
    case("L1Loss/float32", [randn(6, dtype=F32), randn(6, dtype=F32, shift=0.3)])
    case("L1Loss/default_3d", [randn(2, 2, 3), randn(2, 2, 3, rg=False)])
    case("HuberLoss/delta_2", [randn(3, 6, scale=2.5), randn(3, 6)], {"delta": 2.0})
    case("HuberLoss/float32", [randn(3, 4, dtype=F32, scale=2.0), randn(3, 4, dtype=F32)], {"delta": 0.7})


def bce_cases():
    B = "BCELoss"
    for r in REDUCTIONS:
        case(B + "/%s" % r, [unif(3, 4, lo=0.05, hi=0.95), unif(3, 4)], {"reduction": r})
        case(B + "/weight_%s" % r, [unif(3, 4, lo=0.05, hi=0.95), unif(3, 4)],
             {"reduction": r, "weight": pos(3, 4, rg=False)})
    case(B + "/weight_broadcast_row", [unif(3, 4, lo=0.05, hi=0.95), unif(3, 4, rg=False)],
         {"weight": pos(4, rg=False)})
    case(B + "/hard_labels", [unif(6, lo=0.05, hi=0.95), vals([0.0, 1.0, 1.0, 0.0, 1.0, 0.0], rg=False)])
    case(B + "/float32", [unif(5, lo=0.05, hi=0.95, dtype=F32), unif(5, dtype=F32)])
    # log clamped at -100: p in {0, 1} and p = 1e-60 give finite values (forward only; the
    # gradient of a clamped term differs on purpose, see src/losses/bce.ts)
    case(B + "/clamped_log_forward", [vals([0.0, 1.0, 1e-60, 1.0, 0.0, 0.5], rg=False),
                                      vals([0.3, 0.6, 1.0, 0.0, 0.0, 1.0], rg=False)], {"reduction": "none"})

    L = "BCEWithLogitsLoss"
    for r in REDUCTIONS:
        case(L + "/%s" % r, [randn(3, 4, scale=2.0), unif(3, 4)], {"reduction": r})
        case(L + "/weight_%s" % r, [randn(3, 4, scale=2.0), unif(3, 4)],
             {"reduction": r, "weight": pos(3, 4, rg=False)})
        case(L + "/pos_weight_%s" % r, [randn(3, 4, scale=2.0), unif(3, 4)],
             {"reduction": r, "posWeight": pos(4, rg=False)})
    case(L + "/weight_and_pos_weight", [randn(2, 3, 4), unif(2, 3, 4)],
         {"weight": pos(3, 4, rg=False), "posWeight": pos(4, rg=False)})
    case(L + "/hard_labels", [randn(6, scale=3.0), vals([0.0, 1.0, 1.0, 0.0, 1.0, 0.0], rg=False)])
    case(L + "/float32", [randn(5, dtype=F32, scale=2.0), unif(5, dtype=F32)], {"posWeight": pos(5, dtype=F32, rg=False)})
    for dt in (F64, F32):
        case(L + "/stable_1e4_%s" % dt, [extreme(2, 4, dtype=dt), vals([[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.3, 0.7]], dtype=dt, rg=False)],
             {"reduction": "none"})
        case(L + "/stable_1e4_mean_%s" % dt, [extreme(8, dtype=dt), unif(8, dtype=dt)],
             {"posWeight": pos(8, dtype=dt, rg=False)})


def soft_margin_cases():
    S = "SoftMarginLoss"
    for r in REDUCTIONS:
        case(S + "/%s" % r, [randn(3, 4, scale=2.0), signs(3, 4)], {"reduction": r})
    case(S + "/float32", [randn(6, dtype=F32), signs(6, dtype=F32)])
    for dt in (F64, F32):
        # torch's soft_margin_loss is log(1 + exp(-y*x)) and overflows to inf here; softplus(-y*x)
        # is the same function computed stably
        case(S + "/stable_1e4_%s" % dt, [extreme(6, dtype=dt), signs(6, dtype=dt)], {"reduction": "none"},
             fn=lambda t, o: F.softplus(-t[1] * t[0]),
             reference="softplus(-target*input): torch.nn.functional.soft_margin_loss overflows for |x| = 1e4")


def cross_entropy_cases():
    C = "CrossEntropyLoss"
    for r in REDUCTIONS:
        case(C + "/index_%s" % r, [randn(4, 5), labels(4, classes=5)], {"reduction": r})
        case(C + "/weight_%s" % r, [randn(6, 3), labels(6, classes=3)], {"reduction": r, "weight": pos(3, rg=False)})
        case(C + "/ignore_%s" % r, [randn(6, 4), labels(6, classes=4, ignore=-100, ignore_every=3)], {"reduction": r})
        case(C + "/weight_ignore_%s" % r, [randn(6, 4), labels(6, classes=4, ignore=-100, ignore_every=2)],
             {"reduction": r, "weight": pos(4, rg=False)})
        case(C + "/smoothing_%s" % r, [randn(5, 4), labels(5, classes=4)], {"reduction": r, "labelSmoothing": 0.1})
        case(C + "/smoothing_weight_%s" % r, [randn(5, 4), labels(5, classes=4)],
             {"reduction": r, "labelSmoothing": 0.2, "weight": pos(4, rg=False)})
        case(C + "/smoothing_weight_ignore_%s" % r, [randn(6, 4), labels(6, classes=4, ignore=-100, ignore_every=3)],
             {"reduction": r, "labelSmoothing": 0.15, "weight": pos(4, rg=False)})
        case(C + "/probs_%s" % r, [randn(4, 5), probs(4, 5)], {"reduction": r})
        case(C + "/probs_weight_%s" % r, [randn(4, 5), probs(4, 5)], {"reduction": r, "weight": pos(5, rg=False)})
        case(C + "/probs_smoothing_weight_%s" % r, [randn(4, 5), probs(4, 5)],
             {"reduction": r, "labelSmoothing": 0.1, "weight": pos(5, rg=False)})
        case(C + "/kdim_%s" % r, [randn(2, 3, 4, 5), labels(2, 4, 5, classes=3)], {"reduction": r})
        case(C + "/kdim_weight_ignore_smoothing_%s" % r, [randn(2, 3, 2, 3), labels(2, 2, 3, classes=3, ignore=-100, ignore_every=4)],
             {"reduction": r, "weight": pos(3, rg=False), "labelSmoothing": 0.1})
        case(C + "/kdim_probs_%s" % r, [randn(2, 3, 2, 2), probs(2, 3, 2, 2, dim=1)], {"reduction": r})
    case(C + "/custom_ignore_index", [randn(6, 3), labels(6, classes=3)], {"ignoreIndex": 1})
    case(C + "/custom_ignore_index_smoothing", [randn(6, 3), labels(6, classes=3)], {"ignoreIndex": 0, "labelSmoothing": 0.3})
    case(C + "/probs_smoothing", [randn(3, 4), probs(3, 4)], {"labelSmoothing": 0.25})
    case(C + "/probs_target_grad", [randn(3, 4), probs(3, 4, rg=True)])
    case(C + "/kdim_probs_weight_smoothing", [randn(2, 3, 3), probs(2, 3, 3, dim=1)],
         {"weight": pos(3, rg=False), "labelSmoothing": 0.1})
    case(C + "/kdim_1d_spatial", [randn(2, 4, 5), labels(2, 5, classes=4)], {"weight": pos(4, rg=False)})
    case(C + "/unbatched_index", [randn(5), ints(data=3)])
    case(C + "/unbatched_probs", [randn(5), probs(5, dim=0)], {"labelSmoothing": 0.1})
    case(C + "/unbatched_none", [randn(4), ints(data=1)], {"reduction": "none"})
    case(C + "/float32", [randn(4, 6, dtype=F32), labels(4, classes=6)], {"labelSmoothing": 0.1})
    case(C + "/float32_weight", [randn(4, 3, dtype=F32), labels(4, classes=3)], {"weight": pos(3, dtype=F32, rg=False)})
    for dt in (F64, F32):
        case(C + "/stable_1e4_%s" % dt, [extreme(4, 5, dtype=dt), labels(4, classes=5)], {"reduction": "none"})
        case(C + "/stable_1e4_smoothing_%s" % dt, [extreme(4, 5, dtype=dt), labels(4, classes=5)], {"labelSmoothing": 0.1})
        case(C + "/stable_1e4_probs_%s" % dt, [extreme(3, 4, dtype=dt), probs(3, 4, dtype=dt)])

    N = "NLLLoss"
    for r in REDUCTIONS:
        case(N + "/%s" % r, [logprobs(5, 4), labels(5, classes=4)], {"reduction": r})
        case(N + "/weight_%s" % r, [logprobs(6, 3), labels(6, classes=3)], {"reduction": r, "weight": pos(3, rg=False)})
        case(N + "/weight_ignore_%s" % r, [logprobs(6, 3), labels(6, classes=3, ignore=-100, ignore_every=3)],
             {"reduction": r, "weight": pos(3, rg=False)})
        case(N + "/kdim_%s" % r, [logprobs(2, 3, 2, 3), labels(2, 2, 3, classes=3)], {"reduction": r})
    case(N + "/ignore", [logprobs(5, 4), labels(5, classes=4, ignore=-100, ignore_every=2)])
    case(N + "/custom_ignore_index", [logprobs(6, 3), labels(6, classes=3)], {"ignoreIndex": 2, "weight": pos(3, rg=False)})
    case(N + "/kdim_weight_ignore", [logprobs(2, 4, 3), labels(2, 3, classes=4, ignore=-100, ignore_every=2)],
         {"weight": pos(4, rg=False)})
    case(N + "/unbatched", [logprobs(4), ints(data=2)])
    case(N + "/float32", [logprobs(4, 3, dtype=F32), labels(4, classes=3)])


def gaussian_cases():
    G = "GaussianNLLLoss"
    for r in REDUCTIONS:
        for full in (False, True):
            case(G + "/%s_full_%s" % (r, str(full).lower()), [randn(4, 3), randn(4, 3), pos(4, 3)],
                 {"reduction": r, "full": full})
    case(G + "/var_last_dim_1", [randn(4, 3), randn(4, 3), pos(4, 1)], {"reduction": "none"})
    case(G + "/var_dropped_dim", [randn(4, 3), randn(4, 3), pos(4)], {"reduction": "none"})
    case(G + "/var_dropped_dim_mean", [randn(2, 3, 2), randn(2, 3, 2), pos(2, 3)], {"full": True})
    case(G + "/target_broadcast", [randn(4, 3), randn(4, 1), pos(4, 3)])
    case(G + "/eps_clamp_passes_grad", [randn(5), randn(5), vals([1e-9, 0.0, 0.5, 2e-7, 1.0])], {"eps": 1e-6})
    case(G + "/eps_custom", [randn(4), randn(4), vals([0.01, 0.2, 0.05, 1.0])], {"eps": 0.1, "full": True})
    case(G + "/var_no_grad", [randn(3, 2), randn(3, 2, rg=False), pos(3, 2, rg=False)])
    case(G + "/float32", [randn(3, 4, dtype=F32), randn(3, 4, dtype=F32), pos(3, 4, dtype=F32)])

    L = "LaplaceNLLLoss"
    for r in REDUCTIONS:
        case(L + "/%s" % r, [randn(4, 3), randn(4, 3), pos(4, 3)], {"reduction": r})
    case(L + "/scale_last_dim_1", [randn(4, 3), randn(4, 3), pos(4, 1)], {"reduction": "none"})
    case(L + "/scale_dropped_dim", [randn(2, 3), randn(2, 3), pos(2)])
    case(L + "/eps_clamp_passes_grad", [randn(4), randn(4), vals([1e-9, 0.0, 0.5, 1.0])], {"eps": 1e-6})
    case(L + "/float32", [randn(3, 4, dtype=F32), randn(3, 4, dtype=F32), pos(3, 4, dtype=F32)])


def mdn_cases():
    M = "MixtureDensityNLLLoss"
    for r in REDUCTIONS:
        case(M + "/%s" % r, [randn(5, 3), randn(5, 3, 2), pos(5, 3, 2), randn(5, 2)], {"reduction": r})
    case(M + "/one_dim_target", [randn(6, 4), randn(6, 4, 1, scale=2.0), pos(6, 4, 1), randn(6, 1, scale=2.0)])
    case(M + "/one_component", [randn(4, 1), randn(4, 1, 3), pos(4, 1, 3), randn(4, 3)])
    case(M + "/batch_dims", [randn(2, 3, 2), randn(2, 3, 2, 2), pos(2, 3, 2, 2), randn(2, 3, 2)], {"reduction": "none"})
    case(M + "/target_no_grad", [randn(4, 3), randn(4, 3, 2), pos(4, 3, 2), randn(4, 2, rg=False)])
    case(M + "/float32", [randn(4, 3, dtype=F32), randn(4, 3, 2, dtype=F32), pos(4, 3, 2, dtype=F32), randn(4, 2, dtype=F32)])
    # target 1e3 away from every component: no underflow (log-space throughout)
    for dt in (F64, F32):
        case(M + "/far_target_%s" % dt,
             [randn(3, 3, dtype=dt), randn(3, 3, 2, dtype=dt), pos(3, 3, 2, dtype=dt),
              vals([[1000.0, -1000.0], [1000.0, 1000.0], [-1000.0, 5.0]], dtype=dt)], {"reduction": "none"})
        case(M + "/stable_1e4_logits_%s" % dt,
             [extreme(4, 3, dtype=dt), randn(4, 3, 2, dtype=dt), pos(4, 3, 2, dtype=dt), randn(4, 2, dtype=dt)])


# ---------------------------------------------------------------------------
# Activation module cases
# ---------------------------------------------------------------------------


def activation_cases():
    plain = {
        "Sigmoid": dict(scale=2.0),
        "Tanh": dict(scale=1.5),
        "ReLU": dict(away=0.05),
        "SELU": dict(away=0.05),
        "SiLU": dict(scale=2.0),
        "Mish": dict(scale=2.0),
        "Softsign": dict(scale=2.0),
    }
    for m, kw in plain.items():
        case(m + "/basic", [randn(3, 4, **kw)])
        case(m + "/float32", [randn(6, dtype=F32, **kw)])
    case("LeakyReLU/default", [randn(3, 4, away=0.05)])
    case("LeakyReLU/negative_slope", [randn(3, 4, away=0.05)], {"negativeSlope": 0.2})
    case("LeakyReLU/float32", [randn(6, away=0.05, dtype=F32)], {"negativeSlope": 0.1})
    case("ELU/default", [randn(3, 4, away=0.05)])
    case("ELU/alpha", [randn(3, 4, away=0.05)], {"alpha": 0.5})
    case("CELU/default", [randn(3, 4, away=0.05)])
    case("CELU/alpha", [randn(3, 4, away=0.05)], {"alpha": 2.0})
    case("GELU/none", [randn(3, 4, scale=2.0)])
    case("GELU/tanh", [randn(3, 4, scale=2.0)], {"approximate": "tanh"})
    case("GELU/float32_tanh", [randn(6, scale=2.0, dtype=F32)], {"approximate": "tanh"})
    case("Softplus/default", [randn(3, 4, scale=3.0)])
    case("Softplus/beta_threshold", [unif(3, 4, lo=-3.0, hi=6.0)], {"beta": 2.0, "threshold": 5.0})
    case("Softplus/stable_1e4", [extreme(6)])
    case("Hardtanh/default", [randn(3, 4, scale=2.0)])
    case("Hardtanh/min_max", [randn(3, 4, scale=2.0)], {"minVal": -2.0, "maxVal": 0.5})
    case("Softmax/dim1", [randn(3, 4)], {"dim": 1})
    case("Softmax/dim0", [randn(3, 4)], {"dim": 0})
    case("Softmax/temperature", [randn(3, 4, scale=2.0)], {"dim": -1, "temperature": 2.5})
    case("Softmax/temperature_sharpen_3d", [randn(2, 3, 4)], {"dim": 1, "temperature": 0.5})
    case("Softmax/float32", [randn(2, 5, dtype=F32)], {"dim": 1})
    case("LogSoftmax/dim_neg1", [randn(3, 4)], {"dim": -1})
    case("LogSoftmax/temperature", [randn(3, 4, scale=2.0)], {"dim": 1, "temperature": 0.5})
    case("LogSoftmax/float32", [randn(2, 5, dtype=F32)], {"dim": 1, "temperature": 3.0})
    for dt in (F64, F32):
        case("Softmax/stable_1e4_%s" % dt, [extreme(3, 4, dtype=dt)], {"dim": 1})
        case("LogSoftmax/stable_1e4_%s" % dt, [extreme(3, 4, dtype=dt)], {"dim": 1})

    P = "PReLU"
    d64 = {"dtype": "float64"}
    case(P + "/default", [randn(3, 4, away=0.05)], dict(d64), params={"weight": vals([0.25], rg=True)})
    case(P + "/shared_4d", [randn(2, 3, 2, 2, away=0.05)], dict(d64), params={"weight": unif(1, lo=0.05, hi=0.5)})
    case(P + "/channels_2d", [randn(4, 3, away=0.05)], dict(d64, numParameters=3),
         params={"weight": unif(3, lo=-0.5, hi=0.5)})
    case(P + "/channels_4d", [randn(2, 3, 2, 2, away=0.05)], dict(d64, numParameters=3),
         params={"weight": unif(3, lo=0.05, hi=0.5)})
    case(P + "/channels_3d", [randn(2, 4, 3, away=0.05)], dict(d64, numParameters=4, init=0.1),
         params={"weight": unif(4, lo=0.05, hi=0.5)})
    case(P + "/one_dim_input", [randn(5, away=0.05)], dict(d64, init=0.3), params={"weight": vals([0.3], rg=True)})
    case(P + "/float32", [randn(3, 2, away=0.05, dtype=F32)], {"numParameters": 2, "dtype": "float32"},
         params={"weight": unif(2, lo=0.05, hi=0.5, dtype=F32)})


# ---------------------------------------------------------------------------


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    regression_cases()
    bce_cases()
    soft_margin_cases()
    cross_entropy_cases()
    gaussian_cases()
    mdn_cases()
    activation_cases()

    doc = OrderedDict([("generator", GENERATOR), ("torch_version", torch.__version__), ("cases", CASES)])
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in CASES]
    head = json.dumps(OrderedDict([("generator", GENERATOR), ("torch_version", torch.__version__)]), separators=(",", ":"))
    text = head[:-1] + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(out_path, "w") as f:
        f.write(text)
    with open(out_path) as f:
        back = json.load(f)
    assert len(back["cases"]) == len(CASES)
    assert back == json.loads(json.dumps(doc, allow_nan=False))

    counts = OrderedDict()
    for c in CASES:
        counts[c["module"]] = counts.get(c["module"], 0) + 1
    print("torch %s: wrote %d cases to %s (%d bytes)" % (
        torch.__version__, len(CASES), os.path.relpath(out_path), len(text.encode("utf-8"))))
    for m, n in counts.items():
        print("  %-22s %d" % (m, n))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate PyTorch reference fixtures for nabla's learning-rate schedulers.

Usage (from the repository root):

    /usr/bin/python3 tools/gen_sched_fixtures.py [output_path]

Default output: test/fixtures/torch/lr_scheduler.json.  Needs only torch + the
standard library.  Nothing here is random: every case is a scheduler, its
options and a fixed optimizer, stepped STEPS - 1 times.

Fixture format (read by test/optim/lr-scheduler.test.ts):

    { "generator": "tools/gen_sched_fixtures.py", "torch_version": "...", "steps": 200,
      "cases": [ CASE, ... ] }
    CASE = { "id": "<Scheduler>/<description>",
             "scheduler": "StepLR" | ... | "ReduceLROnPlateau",     (nabla class name)
             "optimizer": "SGD" | "Adam",
             "groups": [ {"lr": .., "momentum"?: .., "betas"?: [b1, b2]}, ... ],
             "options": { camelCase nabla options },
             "schedulers"?: [ {"scheduler", "options"}, ... ],      (SequentialLR, ChainedScheduler)
             "calls"?: [ null | number, ... ],                      (STEPS-1 step() arguments; null = step())
             "metrics"?: [ number, ... ],                           (STEPS-1 metrics, ReduceLROnPlateau)
             "lr": [ [lr of each group], ... ],                     (STEPS rows: after construction,
                                                                     then after each step)
             "momentum"?: [ [momentum or beta1 of each group], ... ] (cycling schedulers) }

Functions cannot be written to JSON, so options that take one (lrLambda,
scaleFn) name an entry of FUNCTIONS below; the TypeScript test has the same
table.  InverseTimeLR is nabla-only: its case is computed from its formula,
lr0 / (1 + decayRate * t / decaySteps), with the same operation order.
"""

import json
import math
import os
import re
import sys
import warnings
from collections import OrderedDict

import torch
from torch.optim import lr_scheduler as S

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # deprecation warnings for step(epoch)

GENERATOR = "tools/gen_sched_fixtures.py"
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch", "lr_scheduler.json"
)
STEPS = 200

# Named functions shared with the TypeScript test (keep the two tables equal).
FUNCTIONS = {
    # LambdaLR factors of the epoch
    "pow95": lambda e: 0.95 ** e,
    "epochDiv30": lambda e: e // 30,
    "invSqrt": lambda e: 1 / math.sqrt(1 + e),
    # MultiplicativeLR factors
    "const95": lambda e: 0.95,
    "alternating": lambda e: 1.02 if e % 3 == 0 else 0.98,
    # CyclicLR scale functions
    "halfPow": lambda x: 0.5 ** x,
    "invLinear": lambda x: 1 / (1 + 0.01 * x),
}
FUNCTION_OPTIONS = ("lrLambda", "scaleFn")

# nabla camelCase option -> torch keyword
RENAME = {"t0": "T_0", "tMult": "T_mult", "tMax": "T_max"}


def snake(name):
    if name in RENAME:
        return RENAME[name]
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def torch_kwargs(options):
    kw = {}
    for k, v in options.items():
        if k in FUNCTION_OPTIONS:
            v = [FUNCTIONS[f] for f in v] if isinstance(v, list) else FUNCTIONS[v]
        kw[snake(k)] = v
    return kw


CASES = []


def make_optimizer(kind, groups):
    params = [{"params": [torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))], **g} for g in groups]
    for p in params:
        if "betas" in p:
            p["betas"] = tuple(p["betas"])
    if kind == "SGD":
        return torch.optim.SGD(params, lr=groups[0]["lr"])
    if kind == "Adam":
        return torch.optim.Adam(params, lr=groups[0]["lr"])
    raise ValueError(kind)


def make_scheduler(opt, name, options):
    return getattr(S, name)(opt, **torch_kwargs(options))


def read_momentum(opt):
    out = []
    for g in opt.param_groups:
        out.append(g["betas"][0] if "betas" in g else g["momentum"])
    return out


def check_finite(id, rows):
    for row in rows:
        for v in row:
            assert isinstance(v, float) or isinstance(v, int), "case %s: non-number %r" % (id, v)
            assert math.isfinite(v), "case %s: non-finite value %r" % (id, v)


def add(id, scheduler, options, groups, optimizer="SGD", calls=None, metrics=None, schedulers=None,
        momentum=False):
    """Builds the torch scheduler, steps it STEPS-1 times and records every group's lr."""
    assert id.split("/")[0] == scheduler, id
    assert all(c["id"] != id for c in CASES), "duplicate case id " + id
    opt = make_optimizer(optimizer, groups)
    if schedulers is not None:
        subs = [make_scheduler(opt, s["scheduler"], s["options"]) for s in schedulers]
        if scheduler == "SequentialLR":
            sched = S.SequentialLR(opt, schedulers=subs, **torch_kwargs(options))
        else:
            sched = S.ChainedScheduler(subs)
    else:
        sched = make_scheduler(opt, scheduler, options)
    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = [read_momentum(opt)] if momentum else None
    for i in range(STEPS - 1):
        opt.step()  # a no-op (no gradients); keeps torch's call-order warning quiet
        if metrics is not None:
            sched.step(metrics[i])
        elif calls is not None and calls[i] is not None:
            sched.step(calls[i])
        else:
            sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        assert lrs[-1] == list(sched.get_last_lr() if hasattr(sched, "get_last_lr") else lrs[-1]), id
        if momentum:
            moms.append(read_momentum(opt))
    check_finite(id, lrs)
    c = OrderedDict([("id", id), ("scheduler", scheduler), ("optimizer", optimizer),
                     ("groups", groups), ("options", options)])
    if schedulers is not None:
        c["schedulers"] = schedulers
    if calls is not None:
        c["calls"] = calls
    if metrics is not None:
        c["metrics"] = metrics
    c["lr"] = lrs
    if momentum:
        check_finite(id, moms)
        c["momentum"] = moms
    CASES.append(c)


def sub(scheduler, **options):
    return {"scheduler": scheduler, "options": options}


ONE = [{"lr": 0.1}]
TWO = [{"lr": 0.1}, {"lr": 0.01}]
MOM = [{"lr": 0.1, "momentum": 0.9}]
MOM2 = [{"lr": 0.1, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.5}]
ADAM = [{"lr": 0.001, "betas": [0.9, 0.999]}]


def decay_cases():
    add("StepLR/size7_gamma0.5", "StepLR", {"stepSize": 7, "gamma": 0.5}, ONE)
    add("StepLR/size30_default_gamma_two_groups", "StepLR", {"stepSize": 30}, TWO)
    add("MultiStepLR/three_milestones", "MultiStepLR", {"milestones": [30, 80, 120], "gamma": 0.1}, ONE)
    add("MultiStepLR/repeated_unsorted_two_groups", "MultiStepLR",
        {"milestones": [50, 10, 10, 150], "gamma": 0.5}, TWO)
    add("ConstantLR/defaults", "ConstantLR", {}, ONE)
    add("ConstantLR/half_for_40_two_groups", "ConstantLR", {"factor": 0.5, "totalIters": 40}, TWO)
    add("ExponentialLR/gamma0.95", "ExponentialLR", {"gamma": 0.95}, ONE)
    add("ExponentialLR/gamma0.99_two_groups", "ExponentialLR", {"gamma": 0.99}, TWO)
    add("LinearLR/defaults", "LinearLR", {}, ONE)
    add("LinearLR/warmup_50", "LinearLR", {"startFactor": 0.1, "totalIters": 50}, ONE)
    add("LinearLR/linear_decay_two_groups", "LinearLR",
        {"startFactor": 1.0, "endFactor": 0.01, "totalIters": 150}, TWO)
    add("PolynomialLR/defaults", "PolynomialLR", {}, ONE)
    add("PolynomialLR/quadratic_150", "PolynomialLR", {"totalIters": 150, "power": 2.0}, ONE)
    add("PolynomialLR/sqrt_100_two_groups", "PolynomialLR", {"totalIters": 100, "power": 0.5}, TWO)


def inverse_time_cases():
    """nabla-only: the reference is the formula itself (same operation order as the TypeScript)."""

    def formula(id, options, groups):
        k = options["decayRate"]
        steps = options.get("decaySteps", 1)
        stair = options.get("staircase", False)
        lrs = []
        for t in range(STEPS):
            p = math.floor(t / steps) if stair else t / steps
            lrs.append([g["lr"] / (1 + k * p) for g in groups])
        c = OrderedDict([("id", id), ("scheduler", "InverseTimeLR"), ("optimizer", "SGD"),
                         ("groups", groups), ("options", options), ("lr", lrs)])
        assert all(x["id"] != id for x in CASES), id
        CASES.append(c)

    formula("InverseTimeLR/k0.05", {"decayRate": 0.05}, ONE)
    formula("InverseTimeLR/staircase_two_groups", {"decayRate": 0.5, "decaySteps": 10, "staircase": True}, TWO)
    formula("InverseTimeLR/smooth_decay_steps", {"decayRate": 1.5, "decaySteps": 40}, ONE)


def cosine_cases():
    add("CosineAnnealingLR/tmax50_past_the_end", "CosineAnnealingLR", {"tMax": 50}, ONE)
    add("CosineAnnealingLR/tmax37_eta_min_two_groups", "CosineAnnealingLR",
        {"tMax": 37, "etaMin": 0.001}, TWO)
    add("CosineAnnealingLR/tmax199", "CosineAnnealingLR", {"tMax": 199, "etaMin": 1e-4}, ONE)
    add("CosineAnnealingLR/tmax10", "CosineAnnealingLR", {"tMax": 10}, ONE)
    add("CosineAnnealingWarmRestarts/t0_10", "CosineAnnealingWarmRestarts", {"t0": 10}, ONE)
    add("CosineAnnealingWarmRestarts/t0_10_tmult2_eta_min", "CosineAnnealingWarmRestarts",
        {"t0": 10, "tMult": 2, "etaMin": 0.001}, ONE)
    add("CosineAnnealingWarmRestarts/t0_7_tmult3_two_groups", "CosineAnnealingWarmRestarts",
        {"t0": 7, "tMult": 3}, TWO)
    # batch-wise fractional epochs: step(epoch + i / iters) with 8 iterations per epoch
    frac = [(k + 1) / 8 for k in range(STEPS - 1)]
    add("CosineAnnealingWarmRestarts/fractional_epochs_tmult2", "CosineAnnealingWarmRestarts",
        {"t0": 3, "tMult": 2, "etaMin": 0.0005}, ONE, calls=frac)
    # interleaved: step(), then jumps with step(epoch), then step() again (continues from the jump)
    calls = [None] * (STEPS - 1)
    calls[20] = 26
    calls[60] = 12.5
    calls[100] = 150.25
    add("CosineAnnealingWarmRestarts/interleaved_jumps", "CosineAnnealingWarmRestarts",
        {"t0": 5, "tMult": 2}, ONE, calls=calls)


def cyclic_cases():
    add("CyclicLR/triangular_momentum", "CyclicLR",
        {"baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 20}, MOM, momentum=True)
    add("CyclicLR/triangular2_asymmetric", "CyclicLR",
        {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 15, "stepSizeDown": 25, "mode": "triangular2"},
        MOM, momentum=True)
    add("CyclicLR/exp_range_two_groups", "CyclicLR",
        {"baseLr": [0.001, 0.0005], "maxLr": [0.1, 0.02], "stepSizeUp": 10, "mode": "exp_range",
         "gamma": 0.99, "baseMomentum": [0.8, 0.7], "maxMomentum": 0.95}, MOM2, momentum=True)
    add("CyclicLR/scale_fn_cycle", "CyclicLR",
        {"baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 12, "scaleFn": "halfPow", "scaleMode": "cycle"},
        MOM, momentum=True)
    add("CyclicLR/scale_fn_iterations_no_momentum", "CyclicLR",
        {"baseLr": 0.002, "maxLr": 0.02, "stepSizeUp": 8, "stepSizeDown": 5, "scaleFn": "invLinear",
         "scaleMode": "iterations", "cycleMomentum": False}, ONE)
    add("OneCycleLR/cos_momentum", "OneCycleLR", {"maxLr": 0.1, "totalSteps": 200}, MOM, momentum=True)
    add("OneCycleLR/linear_epochs_two_groups", "OneCycleLR",
        {"maxLr": [0.1, 0.05], "epochs": 10, "stepsPerEpoch": 20, "annealStrategy": "linear",
         "pctStart": 0.25, "baseMomentum": [0.85, 0.6], "maxMomentum": [0.95, 0.9]}, MOM2, momentum=True)
    # total 199: the last row is step total_steps itself, which torch allows
    add("OneCycleLR/three_phase_adam_betas", "OneCycleLR",
        {"maxLr": 0.01, "totalSteps": 199, "threePhase": True, "divFactor": 10.0, "finalDivFactor": 100.0},
        ADAM, optimizer="Adam", momentum=True)
    add("OneCycleLR/no_momentum_cycling", "OneCycleLR",
        {"maxLr": 1.0, "totalSteps": 250, "pctStart": 0.4, "cycleMomentum": False}, ONE)


def lambda_cases():
    add("LambdaLR/pow95", "LambdaLR", {"lrLambda": "pow95"}, ONE)
    add("LambdaLR/per_group_lambdas", "LambdaLR", {"lrLambda": ["epochDiv30", "invSqrt"]}, TWO)
    add("MultiplicativeLR/const95", "MultiplicativeLR", {"lrLambda": "const95"}, ONE)
    add("MultiplicativeLR/alternating_two_groups", "MultiplicativeLR", {"lrLambda": "alternating"}, TWO)


def composite_cases():
    add("SequentialLR/linear_warmup_then_cosine", "SequentialLR", {"milestones": [10]}, ONE,
        schedulers=[sub("LinearLR", startFactor=0.1, totalIters=10), sub("CosineAnnealingLR", tMax=190)])
    add("SequentialLR/warmup_cosine_two_groups_eta_min", "SequentialLR", {"milestones": [5]}, TWO,
        schedulers=[sub("LinearLR", startFactor=0.01, totalIters=5),
                    sub("CosineAnnealingLR", tMax=100, etaMin=0.0001)])
    add("SequentialLR/three_stages", "SequentialLR", {"milestones": [5, 100]}, ONE,
        schedulers=[sub("ConstantLR", factor=0.1, totalIters=5), sub("StepLR", stepSize=30, gamma=0.5),
                    sub("ExponentialLR", gamma=0.97)])
    add("ChainedScheduler/constant_then_exponential", "ChainedScheduler", {}, ONE,
        schedulers=[sub("ConstantLR", factor=0.1, totalIters=2), sub("ExponentialLR", gamma=0.9)])
    add("ChainedScheduler/linear_and_step_two_groups", "ChainedScheduler", {}, TWO,
        schedulers=[sub("LinearLR", startFactor=0.5, totalIters=10), sub("StepLR", stepSize=20, gamma=0.5)])


def metric_sequence(kind):
    """A scripted validation metric: improves, plateaus (with exact repeats), improves slightly, worsens."""
    out = []
    for t in range(STEPS - 1):
        base = 1.0 / (1.0 + 0.05 * min(t, 40)) + 0.1 * math.exp(-t / 30.0)
        wiggle = 0.003 * ((t * 37) % 11) / 11.0
        if 60 <= t < 90:
            v = 0.3  # exact plateau
        elif 90 <= t < 120:
            v = 0.3 - 0.00002 * (t - 90)  # tiny improvements: below the rel threshold, above abs 1e-6
        else:
            v = base + wiggle
        out.append(v if kind == "min" else 1.0 - v)
    return out


def plateau_cases():
    m_min = metric_sequence("min")
    m_max = metric_sequence("max")
    add("ReduceLROnPlateau/min_rel_defaults", "ReduceLROnPlateau", {}, ONE, metrics=m_min)
    add("ReduceLROnPlateau/min_rel_patience3_cooldown2", "ReduceLROnPlateau",
        {"patience": 3, "cooldown": 2, "factor": 0.5}, TWO, metrics=m_min)
    add("ReduceLROnPlateau/min_abs_min_lr_list", "ReduceLROnPlateau",
        {"mode": "min", "thresholdMode": "abs", "threshold": 1e-6, "patience": 2, "factor": 0.7,
         "minLr": [0.01, 0.005]}, TWO, metrics=m_min)
    add("ReduceLROnPlateau/max_rel_cooldown", "ReduceLROnPlateau",
        {"mode": "max", "patience": 4, "cooldown": 3, "factor": 0.3, "threshold": 1e-3}, ONE, metrics=m_max)
    add("ReduceLROnPlateau/max_abs_eps", "ReduceLROnPlateau",
        {"mode": "max", "thresholdMode": "abs", "threshold": 0.0, "patience": 1, "factor": 0.2,
         "minLr": 1e-4, "eps": 1e-3}, ONE, metrics=m_max)


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    decay_cases()
    inverse_time_cases()
    cosine_cases()
    cyclic_cases()
    lambda_cases()
    composite_cases()
    plateau_cases()

    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in CASES]
    head = json.dumps(OrderedDict([("generator", GENERATOR), ("torch_version", torch.__version__),
                                   ("steps", STEPS)]), separators=(",", ":"))
    text = head[:-1] + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(out_path, "w") as f:
        f.write(text)
    with open(out_path) as f:
        back = json.load(f)
    assert back["cases"] == json.loads(json.dumps(CASES, allow_nan=False))

    counts = OrderedDict()
    for c in CASES:
        counts[c["scheduler"]] = counts.get(c["scheduler"], 0) + 1
    print("torch %s: wrote %d cases to %s (%d bytes)" % (
        torch.__version__, len(CASES), os.path.relpath(out_path), len(text.encode("utf-8"))))
    for name, n in counts.items():
        print("  %-28s %d" % (name, n))


if __name__ == "__main__":
    main()

/**
 * Edge cases that the generated fixtures (test/fixtures/torch/ops.json) do not cover yet: values
 * at kinks and thresholds, 0-d tensors reduced over an explicit dim, constant inputs to std, and
 * erf's small-argument branch. Same format and the same runner as the fixtures; the values were
 * produced with PyTorch 1.13 (float64, CPU; gradOutput all ones). Once the fixture generator has
 * equivalent cases, these can move there.
 */
import { test } from 'node:test';
import { runCase, type FixtureCase } from './compare.js';

const CASES: FixtureCase[] = [
  // torch takes the x <= 0 branch at 0: grad alpha·e^0
  {"id": "elu/grad_at_zero", "op": "elu", "inputs": [{"shape": [3], "dtype": "float64", "data": [-1.0, 0.0, 1.0], "requiresGrad": true}], "args": {}, "output": {"shape": [3], "dtype": "float64", "data": [-0.6321205588285577, 0.0, 1.0]}, "gradOutput": {"shape": [3], "dtype": "float64", "data": [1.0, 1.0, 1.0]}, "grads": [{"shape": [3], "dtype": "float64", "data": [0.36787944117144233, 1.0, 1.0]}]},
  // grad alpha at 0
  {"id": "elu/grad_at_zero_alpha", "op": "elu", "inputs": [{"shape": [2], "dtype": "float64", "data": [0.0, -0.5], "requiresGrad": true}], "args": {"alpha": 0.7}, "output": {"shape": [2], "dtype": "float64", "data": [0.0, -0.2754285382011566]}, "gradOutput": {"shape": [2], "dtype": "float64", "data": [1.0, 1.0]}, "grads": [{"shape": [2], "dtype": "float64", "data": [0.7, 0.42457146179884336]}]},
  // grad scale·alpha at 0
  {"id": "selu/grad_at_zero", "op": "selu", "inputs": [{"shape": [2], "dtype": "float64", "data": [0.0, 2.0], "requiresGrad": true}], "args": {}, "output": {"shape": [2], "dtype": "float64", "data": [0.0, 2.101401974710961]}, "gradOutput": {"shape": [2], "dtype": "float64", "data": [1.0, 1.0]}, "grads": [{"shape": [2], "dtype": "float64", "data": [1.7580993408473766, 1.0507009873554805]}]},
  // grad 1 at 0
  {"id": "celu/grad_at_zero", "op": "celu", "inputs": [{"shape": [2], "dtype": "float64", "data": [0.0, -1.0], "requiresGrad": true}], "args": {"alpha": 1.5}, "output": {"shape": [2], "dtype": "float64", "data": [0.0, -0.729874321451112]}, "gradOutput": {"shape": [2], "dtype": "float64", "data": [1.0, 1.0]}, "grads": [{"shape": [2], "dtype": "float64", "data": [1.0, 0.513417119032592]}]},
  // beta·x == threshold takes the soft branch: grad sigmoid(beta·x)
  {"id": "softplus/grad_at_threshold", "op": "softplus", "inputs": [{"shape": [3], "dtype": "float64", "data": [1.5, 1.4, 1.6], "requiresGrad": true}], "args": {"beta": 2, "threshold": 3}, "output": {"shape": [3], "dtype": "float64", "data": [1.524293675786871, 1.4295164131439857, 1.6]}, "gradOutput": {"shape": [3], "dtype": "float64", "data": [1.0, 1.0, 1.0]}, "grads": [{"shape": [3], "dtype": "float64", "data": [0.9525741268224333, 0.9426758241011313, 1.0]}]},
  // x == 20 takes the soft branch
  {"id": "softplus/grad_at_default_threshold", "op": "softplus", "inputs": [{"shape": [3], "dtype": "float64", "data": [20.0, 19.0, 21.0], "requiresGrad": true}], "args": {}, "output": {"shape": [3], "dtype": "float64", "data": [20.000000002061153, 19.000000005602796, 21.0]}, "gradOutput": {"shape": [3], "dtype": "float64", "data": [1.0, 1.0, 1.0]}, "grads": [{"shape": [3], "dtype": "float64", "data": [0.9999999979388464, 0.9999999943972036, 1.0]}]},
  // softplus inside mish at its threshold
  {"id": "mish/at_threshold", "op": "mish", "inputs": [{"shape": [2], "dtype": "float64", "data": [20.0, 0.0], "requiresGrad": true}], "args": {}, "output": {"shape": [2], "dtype": "float64", "data": [20.0, 0.0]}, "gradOutput": {"shape": [2], "dtype": "float64", "data": [1.0, 1.0]}, "grads": [{"shape": [2], "dtype": "float64", "data": [1.0, 0.6]}]},
  // hardtanh_backward is 0 where x <= minVal or x >= maxVal
  {"id": "hardtanh/grad_at_bounds", "op": "hardtanh", "inputs": [{"shape": [4], "dtype": "float64", "data": [-1.0, -0.5, 0.0, 1.0], "requiresGrad": true}], "args": {}, "output": {"shape": [4], "dtype": "float64", "data": [-1.0, -0.5, 0.0, 1.0]}, "gradOutput": {"shape": [4], "dtype": "float64", "data": [1.0, 1.0, 1.0, 1.0]}, "grads": [{"shape": [4], "dtype": "float64", "data": [0.0, 1.0, 1.0, 0.0]}]},
  // 0 at both bounds
  {"id": "hardtanh/grad_at_custom_bounds", "op": "hardtanh", "inputs": [{"shape": [3], "dtype": "float64", "data": [-0.5, 0.2, 1.0], "requiresGrad": true}], "args": {"minVal": -0.5, "maxVal": 1.0}, "output": {"shape": [3], "dtype": "float64", "data": [-0.5, 0.2, 1.0]}, "gradOutput": {"shape": [3], "dtype": "float64", "data": [1.0, 1.0, 1.0]}, "grads": [{"shape": [3], "dtype": "float64", "data": [0.0, 1.0, 0.0]}]},
  // std_backward masks zero std: grad 0, not NaN
  {"id": "std/constant_input", "op": "std", "inputs": [{"shape": [3], "dtype": "float64", "data": [1.0, 1.0, 1.0], "requiresGrad": true}], "args": {}, "output": {"shape": [], "dtype": "float64", "data": [0.0]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [3], "dtype": "float64", "data": [0.0, 0.0, 0.0]}]},
  // one constant row, one not
  {"id": "std/constant_row", "op": "std", "inputs": [{"shape": [2, 2], "dtype": "float64", "data": [1.0, 1.0, 1.0, 2.0], "requiresGrad": true}], "args": {"dim": 1, "correction": 0}, "output": {"shape": [2], "dtype": "float64", "data": [0.0, 0.5]}, "gradOutput": {"shape": [2], "dtype": "float64", "data": [1.0, 1.0]}, "grads": [{"shape": [2, 2], "dtype": "float64", "data": [0.0, 0.0, -0.5, 0.5]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "sum/scalar_0d_explicit_dim", "op": "sum", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": 0}, "output": {"shape": [], "dtype": "float64", "data": [-2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "mean/scalar_0d_explicit_dim", "op": "mean", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": -1}, "output": {"shape": [], "dtype": "float64", "data": [-2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "max/scalar_0d_explicit_dim", "op": "max", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": 0}, "output": {"shape": [], "dtype": "float64", "data": [-2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "min/scalar_0d_explicit_dim", "op": "min", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": -1, "keepdim": true}, "output": {"shape": [], "dtype": "float64", "data": [-2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "softmax/scalar_0d_explicit_dim", "op": "softmax", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": 0}, "output": {"shape": [], "dtype": "float64", "data": [1.0]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [0.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "logSoftmax/scalar_0d_explicit_dim", "op": "logSoftmax", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": -1}, "output": {"shape": [], "dtype": "float64", "data": [0.0]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [0.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "logsumexp/scalar_0d_explicit_dim", "op": "logsumexp", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": 0}, "output": {"shape": [], "dtype": "float64", "data": [-2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "norm/scalar_0d_explicit_dim", "op": "norm", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"p": 3, "dim": 0}, "output": {"shape": [], "dtype": "float64", "data": [2.5]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [-1.0]}]},
  // a 0-d tensor reduced over dim 0/-1 is reduced over nothing
  {"id": "var/scalar_0d_explicit_dim", "op": "var", "inputs": [{"shape": [], "dtype": "float64", "data": [-2.5], "requiresGrad": true}], "args": {"dim": 0, "correction": 0}, "output": {"shape": [], "dtype": "float64", "data": [0.0]}, "gradOutput": {"shape": [], "dtype": "float64", "data": [1.0]}, "grads": [{"shape": [], "dtype": "float64", "data": [0.0]}]},
  // the |x| < 0.5 branch of the rational approximation
  {"id": "erf/small_arguments", "op": "erf", "inputs": [{"shape": [6], "dtype": "float64", "data": [0.01, -0.1, 0.25, 0.4, 0.49, -0.3], "requiresGrad": true}], "args": {}, "output": {"shape": [6], "dtype": "float64", "data": [0.011283415555849618, -0.1124629160182849, 0.27632639016823696, 0.42839235504666845, 0.511668261188523, -0.3286267594591274]}, "gradOutput": {"shape": [6], "dtype": "float64", "data": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]}, "grads": [{"shape": [6], "dtype": "float64", "data": [1.1282663348205109, 1.1171516067889369, 1.0600141293761143, 0.9615412988393078, 0.8875257336732582, 1.031260909618963]}]},
  // gelu(x) = x·Φ(x) uses erf(x/√2)
  {"id": "gelu/small_arguments", "op": "gelu", "inputs": [{"shape": [4], "dtype": "float64", "data": [0.5, -0.5, 0.2, -0.6], "requiresGrad": true}], "args": {}, "output": {"shape": [4], "dtype": "float64", "data": [0.34573123063700656, -0.15426876936299344, 0.11585194188782061, -0.16455187065004412]}, "gradOutput": {"shape": [4], "dtype": "float64", "data": [1.0, 1.0, 1.0, 1.0]}, "grads": [{"shape": [4], "dtype": "float64", "data": [0.8674951246561629, 0.13250487534383712, 0.6574682482341941, 0.07431835601499376]}]},
];

for (const c of CASES) {
  test(`edge case ${c.id}`, () => runCase(c));
}

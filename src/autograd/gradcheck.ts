/**
 * gradcheck: compares the analytical vector-Jacobian products of fn with central finite
 * differences, like torch.autograd.gradcheck. Inputs must be float64 (float32 finite differences
 * are too noisy to mean anything).
 *
 * For each random projection v of the output, backward gives vᵀJ; the numerical side perturbs
 * every input element by ±eps and projects the output difference on v. Two projections catch a
 * wrong Jacobian with probability 1 while costing 2·(#input elements) forward passes.
 */
import { Generator } from '../random/generator.js';
import { fillNormal } from '../random/distributions.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { runBackward } from './engine.js';
import { enableGrad, noGrad } from './grad-mode.js';
import { fromStorage, zerosOn } from '../ops/core.js';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw on failure (default) or return false. */
  raiseException?: boolean;
  /** Number of random output projections (default 2). */
  projections?: number;
  seed?: number;
}

type Outputs = Tensor | readonly Tensor[];

function asList(o: Outputs): Tensor[] {
  return o instanceof Tensor ? [o] : [...o];
}

export function gradcheck(fn: (...inputs: Tensor[]) => Outputs, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true, projections = 2, seed = 0 } = options;
  const diffIdx = inputs.map((t, i) => (t.requiresGrad ? i : -1)).filter((i) => i >= 0);
  for (const i of diffIdx) {
    if (inputs[i]!.dtype !== 'float64') {
      throw new Error(`gradcheck: input ${i} requires grad but has dtype ${inputs[i]!.dtype}; use float64 inputs`);
    }
  }
  if (diffIdx.length === 0) throw new Error('gradcheck: no input requires grad');
  const gen = new Generator(seed);
  // fresh leaves so the check never touches the caller's .grad
  const leaves = inputs.map((t) => (t.requiresGrad ? t.detach().clone().requiresGrad_() : t));
  const base = noGrad(() => asList(fn(...leaves)).map((o) => o.detach()));
  for (let p = 0; p < projections; p++) {
    const vs = base.map((o) => {
      const arr = new Float64Array(o.numel());
      fillNormal(gen, arr);
      return fromStorage(o.storage.backend.fromArray!(arr), o.shape).to(o.dtype);
    });
    // analytical: vᵀJ for every differentiable input
    const outs = enableGrad(() => asList(fn(...leaves)));
    const live = outs.map((o, k) => [o, vs[k]!] as const).filter(([o]) => o.requiresGrad);
    const analytic = live.length
      ? runBackward(live.map(([o]) => o), live.map(([, v]) => v), { inputs: diffIdx.map((i) => leaves[i]!) })!
      : diffIdx.map((i) => zerosOn(leaves[i]!, leaves[i]!.shape));
    // numerical: Σ_k v_k · (f(x + eps·e_j) − f(x − eps·e_j)) / 2eps
    for (let n = 0; n < diffIdx.length; n++) {
      const i = diffIdx[n]!;
      const x = leaves[i]!;
      const flat = x.detach().contiguous().data() as Float64Array;
      const numeric = new Float64Array(flat.length);
      for (let j = 0; j < flat.length; j++) {
        const evalAt = (delta: number): number => {
          const arr = flat.slice();
          arr[j]! += delta;
          const xp = fromStorage(x.storage.backend.fromArray!(arr), x.shape);
          const args = leaves.map((t, k) => (k === i ? xp : t.detach()));
          const outs2 = noGrad(() => asList(fn(...args)));
          let acc = 0;
          outs2.forEach((o, k) => {
            const od = o.to('float64').data();
            const vd = vs[k]!.to('float64').data();
            for (let q = 0; q < od.length; q++) acc += od[q]! * vd[q]!;
          });
          return acc;
        };
        numeric[j] = (evalAt(eps) - evalAt(-eps)) / (2 * eps);
      }
      const an = analytic[n]!.to('float64').contiguous().data();
      for (let j = 0; j < numeric.length; j++) {
        const a = an[j]!;
        const b = numeric[j]!;
        if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
          const msg =
            `gradcheck: Jacobian mismatch for input ${i} (shape ${shapeStr(x.shape)}) at element ${j}: ` +
            `analytical ${a}, numerical ${b} (atol ${atol}, rtol ${rtol})`;
          if (raiseException) throw new Error(msg);
          return false;
        }
      }
    }
  }
  return true;
}

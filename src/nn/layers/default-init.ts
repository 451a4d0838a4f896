/**
 * PyTorch's default initialisation of Linear and Conv layers (their reset_parameters):
 *   weight ~ kaimingUniform_(a = √5)  ⇔  U(−1/√fanIn, 1/√fanIn)   (gain √(2/(1+5)) · √(3/fanIn))
 *   bias   ~ U(−1/√fanIn, 1/√fanIn)                               (0 when fanIn = 0)
 * The weight is drawn first, then the bias, both from `generator` (default: the global one).
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init.js';

export function resetLinearLike(weight: Tensor, bias: Tensor | null, generator?: Generator): void {
  const opts = generator ? { generator } : {};
  kaimingUniform_(weight, { a: Math.sqrt(5), ...opts });
  if (bias !== null) {
    const [fanIn] = calculateFanInAndFanOut(weight);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    uniform_(bias, -bound, bound, opts);
  }
}

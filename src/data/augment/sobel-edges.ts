/**
 * SobelEdges (deck 004 "Sobel filtering", SimCLR's figure (j)): the image's intensity I (luma for
 * RGB, the channel itself for grayscale, the channel mean otherwise) is edge-padded by one pixel
 * and cross-correlated with
 *   Gx = [[−1, 0, 1], [−2, 0, 2], [−1, 0, 1]] / 8,   Gy = Gxᵀ,     |∇| = √(Gx² + Gy²)
 * (the /8 with `normalized`, the default, so a ramp of slope a gives gradient a). With `append`
 * (default) the three gradient channels follow the input's: [C + 3, H, W]; otherwise the output is
 * [3, H, W] (gx, gy, magnitude). Composed from conv2d.
 */
import { cat } from '../../ops/movement.js';
import { conv2d } from '../../ops/window.js';
import { tensor } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { padIndex } from './sampling.js';
import { Transform } from './transform.js';
import { bool, checkOptions, imageInput } from './validate.js';

export interface SobelEdgesOptions {
  /** Keep the input channels and append gx, gy, magnitude (default true). */
  append?: boolean;
  /** Divide the kernels by 8 (default true). */
  normalized?: boolean;
}

export interface SobelEdgesConfig {
  append: boolean;
  normalized: boolean;
}

export class SobelEdges extends Transform<SobelEdgesConfig> {
  readonly type = 'SobelEdges';
  readonly config: SobelEdgesConfig;

  constructor(options: SobelEdgesOptions = {}) {
    super();
    checkOptions(this.type, options, ['append', 'normalized']);
    this.config = { append: bool(this.type, 'append', options.append ?? true), normalized: bool(this.type, 'normalized', options.normalized ?? true) };
  }

  static fromConfig(config: SobelEdgesConfig): SobelEdges {
    return new SobelEdges(config);
  }

  call(x: Tensor): Tensor {
    const s = imageInput(this.type, x);
    const x4 = s.batched ? x : x.unsqueeze(0);
    const mix = s.c === 3 ? [0.2989, 0.587, 0.114] : new Array<number>(s.c).fill(1 / s.c);
    const gray = s.c === 1 ? x4 : conv2d(x4, tensor(mix, { dtype: x.dtype }).reshape([1, s.c, 1, 1]));
    const edge = (n: number): Tensor => tensor(Int32Array.from({ length: n + 2 }, (_, i) => padIndex(i - 1, n, 'edge')), { dtype: 'int32' });
    const padded = gray.indexSelect(2, edge(s.h)).indexSelect(3, edge(s.w));
    const k = this.config.normalized ? 1 / 8 : 1;
    const kernels = tensor(
      [
        [[[-k, 0, k], [-2 * k, 0, 2 * k], [-k, 0, k]]],
        [[[-k, -2 * k, -k], [0, 0, 0], [k, 2 * k, k]]],
      ],
      { dtype: x.dtype },
    );
    const grad = conv2d(padded, kernels); // [N, 2, H, W]
    const magnitude = grad.square().sum(1, true).sqrt();
    const out = cat(this.config.append ? [x4, grad, magnitude] : [grad, magnitude], 1);
    return s.batched ? out : out.squeeze(0);
  }
}

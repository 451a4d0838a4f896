/**
 * ElasticTransform (Simard, Steinkraus & Platt 2003, "Best practices for CNNs applied to visual
 * document analysis"; deck 001 "elastic deformation"): for each image draw independent fields
 *   Δx(p), Δy(p) ~ U(−1, 1),
 * smooth each with a Gaussian of standard deviation σ (GaussianBlur's kernel, K = 2⌊4σ⌋ + 1,
 * reflect padding), scale by α, and resample
 *   out(p) = img(p + α·(G_σ ∗ Δ)(p))       (bilinear by default; outside pixels get `fill`).
 * α is in pixels (Simard: α = 34, σ = 4 on MNIST, the defaults). Small σ gives random noise, large σ
 * an almost-translation; α = 0 is the identity.
 */
import type { Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { gaussianBlurPlanes } from './gaussian-blur.js';
import { alloc, readImages, writeImages } from './pixels.js';
import { INTERPOLATIONS } from './resize.js';
import { warpFieldInto, type Interpolation } from './sampling.js';
import { RandomTransform, type CallOptions } from './transform.js';
import { fillOption, fillPerChannel, imageInput, nonNegativeNumber, oneOf } from './validate.js';

export interface ElasticTransformOptions {
  /** Displacement scale in pixels (default 34). */
  alpha?: number;
  /** Smoothness: σ of the Gaussian applied to the random fields, in pixels; 0 = no smoothing (default 4). */
  sigma?: number;
  interpolation?: Interpolation;
  fill?: number | readonly number[];
  generator?: Generator;
}

export interface ElasticTransformConfig {
  alpha: number;
  sigma: number;
  interpolation: Interpolation;
  fill: number | number[];
}

export class ElasticTransform extends RandomTransform<ElasticTransformConfig> {
  readonly type = 'ElasticTransform';
  readonly config: ElasticTransformConfig;

  constructor(options: ElasticTransformOptions = {}) {
    super('ElasticTransform', options, ['alpha', 'sigma', 'interpolation', 'fill']);
    this.config = {
      alpha: nonNegativeNumber(this.type, 'alpha', options.alpha ?? 34),
      sigma: nonNegativeNumber(this.type, 'sigma', options.sigma ?? 4),
      interpolation: oneOf(this.type, 'interpolation', options.interpolation ?? 'bilinear', INTERPOLATIONS),
      fill: fillOption(this.type, options.fill ?? 0),
    };
  }

  static fromConfig(config: ElasticTransformConfig): ElasticTransform {
    return new ElasticTransform(config);
  }

  /**
   * The smoothed, scaled displacement fields of n images of h×w, in pixels: row-major
   * [n, 2 (dx, dy), h, w]. (The smoothing is GaussianBlur's, run as typed-array loops: a 33-tap
   * kernel through conv2d would cost ~100 ms per MNIST batch.)
   */
  displacement(n: number, h: number, w: number, g: Generator): Float64Array {
    const { alpha, sigma } = this.config;
    const d = new Float64Array(n * 2 * h * w);
    // 24-bit uniforms (one draw each) are plenty for a field that is smoothed anyway
    for (let i = 0; i < d.length; i++) d[i] = 2 * g.nextFloat32() - 1;
    if (sigma > 0) gaussianBlurPlanes(d, 2 * n, h, w, 2 * Math.floor(4 * sigma) + 1, sigma);
    for (let i = 0; i < d.length; i++) d[i]! *= alpha;
    return d;
  }

  call(x: Tensor, options?: CallOptions): Tensor {
    const g = this.generatorFor(options);
    const s = imageInput(this.type, x);
    const fill = fillPerChannel(this.type, this.config.fill, s.c);
    const d = this.displacement(s.n, s.h, s.w, g);
    const img = readImages(this.type, x);
    const out = alloc(img.data, img.data.length);
    const hw = s.h * s.w;
    const size = s.c * hw;
    for (let n = 0; n < s.n; n++) {
      const dx = d.subarray(2 * n * hw, (2 * n + 1) * hw);
      const dy = d.subarray((2 * n + 1) * hw, (2 * n + 2) * hw);
      warpFieldInto(img.data, n * size, s.c, s.h, s.w, dx, dy, { interpolation: this.config.interpolation, fill }, out, n * size);
    }
    return writeImages(x, out, x.shape);
  }
}

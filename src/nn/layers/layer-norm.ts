/**
 * LayerNorm, torch.nn.LayerNorm (Ba et al. 2016; deck 004): each sample is normalised over its
 * trailing dims normalizedShape, y = γ·(x − μ)/√(σ² + ε) + β, with the biased variance and
 * γ (init 1), β (init 0) of shape normalizedShape. The same in training and eval (no running
 * statistics). input [*, ...normalizedShape] → same shape.
 */
import { full, zeros } from '../../tensor/creation.js';
import { sameShape, shapeStr } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { layerNorm } from '../functional/layers.js';
import { ones_, zeros_ } from '../init.js';
import { Module } from '../module.js';
import { bool, checkOptions, floatDType, floatInput, nonNegativeNumber, positiveInt } from './validate.js';

export interface LayerNormOptions {
  eps?: number;
  /** Learn γ (and β unless bias is false); default true. */
  elementwiseAffine?: boolean;
  /** Learn β (default true; only with elementwiseAffine). */
  bias?: boolean;
  dtype?: 'float32' | 'float64';
}

export interface LayerNormConfig {
  normalizedShape: number[];
  eps: number;
  elementwiseAffine: boolean;
  bias: boolean;
  dtype: 'float32' | 'float64';
}

export class LayerNorm extends Module {
  readonly config: LayerNormConfig;
  declare weight: Tensor | null;
  declare bias: Tensor | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    const who = 'LayerNorm';
    checkOptions(who, options, ['eps', 'elementwiseAffine', 'bias', 'dtype']);
    const ns = typeof normalizedShape === 'number' ? [normalizedShape] : Array.isArray(normalizedShape) ? [...normalizedShape] : [];
    if (ns.length === 0) throw new Error(`${who}: normalizedShape must be a positive integer or a non-empty list of them, got ${JSON.stringify(normalizedShape)}`);
    ns.forEach((d) => positiveInt(who, 'normalizedShape', d));
    this.config = {
      normalizedShape: ns,
      eps: nonNegativeNumber(who, 'eps', options.eps ?? 1e-5),
      elementwiseAffine: bool(who, 'elementwiseAffine', options.elementwiseAffine ?? true),
      bias: bool(who, 'bias', options.bias ?? true),
      dtype: floatDType(who, options.dtype ?? 'float32'),
    };
    const { elementwiseAffine, bias, dtype } = this.config;
    this.registerParameter('weight', elementwiseAffine ? full(ns, 1, { dtype }) : null);
    this.registerParameter('bias', elementwiseAffine && bias ? zeros(ns, { dtype }) : null);
  }

  static fromConfig(config: LayerNormConfig): LayerNorm {
    const { normalizedShape, ...rest } = config;
    return new LayerNorm(normalizedShape, rest);
  }

  /** γ = 1, β = 0. */
  resetParameters(): void {
    if (this.weight) ones_(this.weight);
    if (this.bias) zeros_(this.bias);
  }

  forward(x: Tensor): Tensor {
    floatInput('LayerNorm', x);
    const ns = this.config.normalizedShape;
    if (x.ndim < ns.length || !sameShape(x.shape.slice(x.ndim - ns.length), ns)) {
      throw new Error(`LayerNorm: expected input with trailing dims ${shapeStr(ns)} (normalizedShape), got shape ${shapeStr(x.shape)}`);
    }
    return layerNorm(x, ns, { weight: this.weight, bias: this.bias, eps: this.config.eps });
  }

  override extraRepr(): string {
    const c = this.config;
    return `${shapeStr(c.normalizedShape)}, eps=${c.eps}, elementwiseAffine=${c.elementwiseAffine}${c.elementwiseAffine && !c.bias ? ', bias=false' : ''}`;
  }
}

/**
 * MDNHead: the output layer of a mixture density network (deck 002). One affine map from the
 * features to K mixture logits, K·D means and K·D scales; scales are made positive with softplus
 * (default) or exp, plus a floor `minScale` that keeps a component from collapsing onto a single
 * point (where the likelihood is unbounded).
 *
 * Module.forward must return one Tensor, so `forward(x)` returns the parameters packed along the
 * last dim, [..., K + 2·K·D] = [logits (K) | means (K·D, component-major) | scales (K·D)], with the
 * scales already positive. `split(packed)` unpacks that into {logits [..., K], means [..., K, D],
 * scales [..., K, D]}, and `predict(x)` = split(call(x)) does both (running forward hooks):
 *
 *   const head = new nn.MDNHead(64, 5, 2);
 *   const { logits, means, scales } = head.predict(features);
 *   const loss = nn.functional.mdnNll(logits, means, scales, y);
 *
 * The affine map is an nn.Linear child named `linear` (so its parameters are `linear.weight`
 * [K + 2KD, inFeatures] and `linear.bias`), with Linear's default init drawn from `generator`.
 */
import { cat, softplus } from '../ops/index.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Generator } from '../random/generator.js';
import { Linear } from '../nn/layers/linear.js';
import { Module } from '../nn/module.js';
import { checkOptions, numberOption, type LossConfig } from './common.js';

export interface MDNHeadOptions {
  /** Added to every scale after the positivity map (default 1e-3; 0 allows any positive scale). */
  minScale?: number;
  /** How raw outputs become positive scales: 'softplus' (default) or 'exp'. */
  scaleActivation?: 'softplus' | 'exp';
  /** dtype of the parameters (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial weights (default: the global generator). */
  generator?: Generator;
}

export interface MixtureParams {
  /** Unnormalised log mixing weights, [..., K]. */
  logits: Tensor;
  /** Component means, [..., K, D]. */
  means: Tensor;
  /** Component standard deviations (> 0), [..., K, D]. */
  scales: Tensor;
}

const KNOWN = ['minScale', 'scaleActivation', 'dtype', 'generator'];

function positiveInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`MDNHead: ${name} must be a positive integer, got ${String(v)}`);
  return v;
}

export class MDNHead extends Module {
  readonly inFeatures: number;
  readonly numComponents: number;
  readonly outFeatures: number;
  readonly minScale: number;
  readonly scaleActivation: 'softplus' | 'exp';
  declare readonly linear: Linear;

  constructor(inFeatures: number, numComponents: number, outFeatures: number, options?: MDNHeadOptions) {
    super();
    const o = checkOptions('MDNHead', options, KNOWN);
    this.inFeatures = positiveInt('inFeatures', inFeatures);
    this.numComponents = positiveInt('numComponents', numComponents);
    this.outFeatures = positiveInt('outFeatures', outFeatures);
    this.minScale = numberOption('MDNHead', 'minScale', o.minScale, 1e-3);
    if (this.minScale < 0) throw new Error(`MDNHead: minScale must be >= 0, got ${this.minScale}`);
    const act = o.scaleActivation ?? 'softplus';
    if (act !== 'softplus' && act !== 'exp') throw new Error(`MDNHead: scaleActivation must be 'softplus' or 'exp', got ${String(act)}`);
    this.scaleActivation = act;
    const dtype = o.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`MDNHead: dtype must be float32 or float64, got ${String(dtype)}`);
    const gen = o.generator as Generator | undefined;
    const width = this.numComponents * (1 + 2 * this.outFeatures);
    this.registerModule('linear', new Linear(this.inFeatures, width, { dtype, ...(gen ? { generator: gen } : {}) }));
  }

  get config(): LossConfig {
    return {
      inFeatures: this.inFeatures, numComponents: this.numComponents, outFeatures: this.outFeatures,
      minScale: this.minScale, scaleActivation: this.scaleActivation, dtype: this.linear.weight.dtype,
    };
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, numComponents=${this.numComponents}, outFeatures=${this.outFeatures}, ` +
      `minScale=${this.minScale}, scaleActivation="${this.scaleActivation}"`;
  }

  /** x [..., inFeatures] → packed [..., K + 2KD] (logits | means | positive scales). */
  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new Error('MDNHead: input must be a Tensor');
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new Error(`MDNHead: input shape ${shapeStr(x.shape)} must end in inFeatures ${this.inFeatures}`);
    }
    const raw = this.linear.call(x);
    const k = this.numComponents;
    const kd = k * this.outFeatures;
    const [logits, means, rawScales] = raw.split([k, kd, kd], -1) as [Tensor, Tensor, Tensor];
    const pos = this.scaleActivation === 'exp' ? rawScales.exp() : softplus(rawScales);
    const scales = this.minScale > 0 ? pos.add(this.minScale) : pos;
    return cat([logits, means, scales], -1);
  }

  /** Unpacks forward's output into the mixture parameters. */
  split(packed: Tensor): MixtureParams {
    const k = this.numComponents;
    const d = this.outFeatures;
    const width = k * (1 + 2 * d);
    if (!(packed instanceof Tensor) || packed.ndim < 1 || packed.shape[packed.ndim - 1] !== width) {
      throw new Error(`MDNHead.split: expected a tensor whose last dim is ${width} (K + 2·K·D), got ${packed instanceof Tensor ? shapeStr(packed.shape) : String(packed)}`);
    }
    const batch = packed.shape.slice(0, -1);
    const [logits, means, scales] = packed.split([k, k * d, k * d], -1) as [Tensor, Tensor, Tensor];
    return { logits, means: means.reshape([...batch, k, d]), scales: scales.reshape([...batch, k, d]) };
  }

  /** split(call(x)): the mixture parameters for x, running forward hooks. */
  predict(x: Tensor): MixtureParams {
    return this.split(this.call(x));
  }
}

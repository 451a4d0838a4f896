/**
 * 2-D average pooling, torch.nn.AvgPool2d.
 *   input [N, C, H, W] (or [C, H, W]) → [N, C, Ho, Wo], Ho = floor((H + 2·padding − k) / stride) + 1
 *   (ceil with ceilMode). Each output is the window's sum divided by the window size — counting
 *   padded zeros when countIncludePad (default true), or by divisorOverride when given.
 */
import { avgPool2d } from '../../ops/window.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { bool, checkOptions, floatInput, inputRank, intPair, positiveInt } from './validate.js';

type Pair = number | readonly [number, number];

export interface AvgPool2dOptions {
  /** Default: kernelSize. */
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

export interface AvgPool2dConfig {
  kernelSize: [number, number];
  stride: [number, number];
  padding: [number, number];
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;
}

export class AvgPool2d extends Module {
  readonly config: AvgPool2dConfig;

  constructor(kernelSize: Pair, options: AvgPool2dOptions = {}) {
    super();
    const who = 'AvgPool2d';
    checkOptions(who, options, ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride']);
    const k = intPair(who, 'kernelSize', kernelSize, 1);
    const padding = intPair(who, 'padding', options.padding ?? 0, 0);
    padding.forEach((p, i) => {
      if (p > k[i]! / 2) throw new Error(`${who}: padding ${p} must be at most half the kernel size ${k[i]}`);
    });
    const d = options.divisorOverride ?? null;
    this.config = {
      kernelSize: k,
      stride: intPair(who, 'stride', options.stride ?? k, 1),
      padding,
      ceilMode: bool(who, 'ceilMode', options.ceilMode ?? false),
      countIncludePad: bool(who, 'countIncludePad', options.countIncludePad ?? true),
      divisorOverride: d === null ? null : positiveInt(who, 'divisorOverride', d),
    };
  }

  static fromConfig(config: AvgPool2dConfig): AvgPool2d {
    const { kernelSize, ...rest } = config;
    return new AvgPool2d(kernelSize, rest);
  }

  forward(x: Tensor): Tensor {
    floatInput('AvgPool2d', x);
    inputRank('AvgPool2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    const { kernelSize, divisorOverride, ...rest } = this.config;
    return avgPool2d(x, kernelSize, divisorOverride === null ? rest : { ...rest, divisorOverride });
  }

  override extraRepr(): string {
    const c = this.config;
    let s = `kernelSize=${JSON.stringify(c.kernelSize)}, stride=${JSON.stringify(c.stride)}, padding=${JSON.stringify(c.padding)}`;
    if (c.ceilMode) s += ', ceilMode=true';
    if (!c.countIncludePad) s += ', countIncludePad=false';
    if (c.divisorOverride !== null) s += `, divisorOverride=${c.divisorOverride}`;
    return s;
  }
}

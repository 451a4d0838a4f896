/**
 * 2-D max pooling, torch.nn.MaxPool2d (deck 003: forward keeps each window's maximum, backward
 * routes the gradient to the arg-max).
 *   input [N, C, H, W] (or [C, H, W]) → [N, C, Ho, Wo],
 *   Ho = floor((H + 2·padding − dilation·(k − 1) − 1) / stride) + 1 (ceil with ceilMode).
 * stride defaults to kernelSize; padding (implicit −∞) is at most half the kernel.
 */
import { maxPool2d } from '../../ops/window.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { bool, checkOptions, floatInput, inputRank, intPair } from './validate.js';

type Pair = number | readonly [number, number];

export interface MaxPool2dOptions {
  /** Default: kernelSize. */
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

export interface MaxPool2dConfig {
  kernelSize: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

export class MaxPool2d extends Module {
  readonly config: MaxPool2dConfig;

  constructor(kernelSize: Pair, options: MaxPool2dOptions = {}) {
    super();
    const who = 'MaxPool2d';
    checkOptions(who, options, ['stride', 'padding', 'dilation', 'ceilMode']);
    const k = intPair(who, 'kernelSize', kernelSize, 1);
    const padding = intPair(who, 'padding', options.padding ?? 0, 0);
    padding.forEach((p, i) => {
      if (p > k[i]! / 2) throw new Error(`${who}: padding ${p} must be at most half the kernel size ${k[i]}`);
    });
    this.config = {
      kernelSize: k,
      stride: intPair(who, 'stride', options.stride ?? k, 1),
      padding,
      dilation: intPair(who, 'dilation', options.dilation ?? 1, 1),
      ceilMode: bool(who, 'ceilMode', options.ceilMode ?? false),
    };
  }

  static fromConfig(config: MaxPool2dConfig): MaxPool2d {
    const { kernelSize, ...rest } = config;
    return new MaxPool2d(kernelSize, rest);
  }

  forward(x: Tensor): Tensor {
    floatInput('MaxPool2d', x);
    inputRank('MaxPool2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    const { kernelSize, ...rest } = this.config;
    return maxPool2d(x, kernelSize, rest);
  }

  override extraRepr(): string {
    const c = this.config;
    return `kernelSize=${JSON.stringify(c.kernelSize)}, stride=${JSON.stringify(c.stride)}, padding=${JSON.stringify(c.padding)}, dilation=${JSON.stringify(c.dilation)}, ceilMode=${c.ceilMode}`;
  }
}

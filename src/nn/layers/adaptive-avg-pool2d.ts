/**
 * Adaptive 2-D average pooling, torch.nn.AdaptiveAvgPool2d: pools any [N, C, H, W] (or
 * [C, H, W]) input to [N, C, oh, ow]. Output cell i along a dim of size n averages the input
 * window [floor(i·n/out), ceil((i + 1)·n/out)). outputSize 1 is global average pooling; null in
 * a pair keeps that input size.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { adaptiveAvgPool2d, type AdaptiveSize } from '../functional/layers.js';
import { Module } from '../module.js';
import { floatInput, inputRank, positiveInt } from './validate.js';

export interface AdaptiveAvgPool2dConfig {
  outputSize: [number | null, number | null];
}

export class AdaptiveAvgPool2d extends Module {
  readonly config: AdaptiveAvgPool2dConfig;

  constructor(outputSize: AdaptiveSize) {
    super();
    const pair = typeof outputSize === 'number' ? [outputSize, outputSize] : Array.isArray(outputSize) ? [...outputSize] : [];
    if (pair.length !== 2) {
      throw new Error(`AdaptiveAvgPool2d: outputSize must be a positive integer or a pair of them (null keeps the input size), got ${JSON.stringify(outputSize)}`);
    }
    for (const v of pair) if (v !== null) positiveInt('AdaptiveAvgPool2d', 'outputSize', v);
    this.config = { outputSize: pair as [number | null, number | null] };
  }

  static fromConfig(config: AdaptiveAvgPool2dConfig): AdaptiveAvgPool2d {
    return new AdaptiveAvgPool2d(config.outputSize);
  }

  forward(x: Tensor): Tensor {
    floatInput('AdaptiveAvgPool2d', x);
    inputRank('AdaptiveAvgPool2d', x, [3, 4], '[N, C, H, W] (or unbatched [C, H, W])');
    return adaptiveAvgPool2d(x, this.config.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=${JSON.stringify(this.config.outputSize)}`;
  }
}

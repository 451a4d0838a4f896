/**
 * Flatten, torch.nn.Flatten: merges dims startDim..endDim into one (a view when possible).
 * Defaults keep the batch dim: [N, C, H, W] → [N, C·H·W].
 */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';
import { checkOptions } from './validate.js';

export interface FlattenOptions {
  startDim?: number;
  endDim?: number;
}

export interface FlattenConfig {
  startDim: number;
  endDim: number;
}

export class Flatten extends Module {
  readonly config: FlattenConfig;

  constructor(options: FlattenOptions = {}) {
    super();
    checkOptions('Flatten', options, ['startDim', 'endDim']);
    const startDim = options.startDim ?? 1;
    const endDim = options.endDim ?? -1;
    for (const [name, d] of [['startDim', startDim], ['endDim', endDim]] as const) {
      if (!Number.isInteger(d)) throw new Error(`Flatten: ${name} must be an integer, got ${String(d)}`);
    }
    this.config = { startDim, endDim };
  }

  static fromConfig(config: FlattenConfig): Flatten {
    return new Flatten(config);
  }

  forward(x: Tensor): Tensor {
    return x.flatten(this.config.startDim, this.config.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.config.startDim}, endDim=${this.config.endDim}`;
  }
}

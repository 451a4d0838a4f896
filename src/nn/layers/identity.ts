/** Identity, torch.nn.Identity: returns its input unchanged (a placeholder, e.g. a no-op shortcut). */
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';

export type IdentityConfig = Record<string, never>;

export class Identity extends Module {
  readonly config: IdentityConfig = {};

  static fromConfig(_config: IdentityConfig = {}): Identity {
    return new Identity();
  }

  forward(x: Tensor): Tensor {
    return x;
  }
}

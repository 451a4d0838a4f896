/**
 * Residual connection (He et al. 2016; deck 000: "not trivial to learn the identity with
 * nonlinearities — easy if y = f(x) + x"): y = block(x) + shortcut(x), where the shortcut is the
 * identity unless given (e.g. a 1×1 Conv2d or a Linear projection when block changes the shape).
 * Both outputs must have the same shape. Children are registered as 'block' and 'shortcut', so
 * parameters are named 'block.0.weight', 'shortcut.weight', … Not a torch.nn layer.
 */
import { shapeStr, sameShape } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Module } from '../module.js';

/** Residual has no hyper-parameters of its own; its children carry their own configs. */
export type ResidualConfig = Record<string, never>;

export class Residual extends Module {
  readonly config: ResidualConfig = {};
  declare block: Module;
  declare shortcut: Module | null;

  constructor(block: Module, shortcut?: Module | null) {
    super();
    if (!(block instanceof Module)) throw new Error('Residual: block must be a Module');
    if (shortcut !== undefined && shortcut !== null && !(shortcut instanceof Module)) {
      throw new Error('Residual: shortcut must be a Module (or omitted for the identity)');
    }
    this.registerModule('block', block);
    this.registerModule('shortcut', shortcut ?? null);
  }

  static fromConfig(_config: ResidualConfig, block: Module, shortcut?: Module | null): Residual {
    return new Residual(block, shortcut);
  }

  forward(x: Tensor): Tensor {
    const y = this.block.call(x);
    const s = this.shortcut ? this.shortcut.call(x) : x;
    if (!sameShape(y.shape, s.shape)) {
      throw new Error(
        `Residual: block output ${shapeStr(y.shape)} and shortcut output ${shapeStr(s.shape)} must have the same shape ` +
          `(input ${shapeStr(x.shape)}; pass a shortcut that projects the input)`,
      );
    }
    return y.add(s);
  }
}

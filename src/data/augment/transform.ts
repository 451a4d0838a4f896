/**
 * The contract every augmentation follows. A transform is a small object with
 *   - `type`: its class name (stable, used in specs and error messages),
 *   - `config`: a plain JSON object of its hyper-parameters (what `toSpec()` and `fromSpec()` use),
 *   - `call(x, {generator})`: the transform applied to a CHW image or an NCHW batch.
 *
 * Randomness (STYLE lesson 6): a random transform draws only from a Generator — the one passed to
 * `call`, else the one given to its constructor, else the global default generator (read at call
 * time, so `nb.manualSeed` applies). On an NCHW batch every image gets its own random parameters,
 * drawn in image order, so `t.call(batch, {generator: g})` equals stacking `t.call(batch[n], {generator: g})`
 * for n = 0, 1, … with the same generator. (Exceptions: RandomApply / RandomChoice draw every
 * image's choice first and then run their children once on the chosen sub-batch, and RandomResize
 * draws one size per batch so that the batch stays one tensor.) torchvision, by contrast, uses one
 * set of parameters for a whole batched tensor.
 *
 * Augmentation is not differentiated: the typed-array transforms return fresh tensors that are not
 * part of any graph (Normalize, GaussianBlur and SobelEdges are tensor-op compositions and do record).
 */
import { defaultGenerator, type Generator } from '../../random/generator.js';
import type { Tensor } from '../../tensor/tensor.js';
import { checkOptions, generatorOption } from '../../nn/layers/validate.js';

export interface CallOptions {
  /** Overrides the transform's own generator for this call (and, in containers, for every child). */
  generator?: Generator;
}

/** A serialised transform: its type plus its config, e.g. `{type: 'RandomCrop', size: [28, 28], padding: [2, 2, 2, 2], …}`. */
export interface TransformSpec {
  type: string;
  [option: string]: unknown;
}

/** A plain function may stand in for a transform inside Compose / RandomApply / RandomChoice. */
export type TransformFn = (x: Tensor, options?: CallOptions) => Tensor;
export type TransformLike = Transform | TransformFn;

export abstract class Transform<C extends object = object> {
  /** The class name, e.g. 'RandomCrop'. */
  abstract readonly type: string;
  /** The transform's hyper-parameters as plain JSON. */
  abstract readonly config: C;

  abstract call(x: Tensor, options?: CallOptions): Tensor;

  /** `{type, ...config}`: JSON that `fromSpec` turns back into an equal transform. */
  toSpec(): TransformSpec {
    return { type: this.type, ...structuredClone(this.config) };
  }

  toString(): string {
    return `${this.type}(${JSON.stringify(this.config)})`;
  }
}

/** A transform that draws random parameters. */
export abstract class RandomTransform<C extends object = object> extends Transform<C> {
  /** Source of randomness when `call` gets none; undefined = the global default generator. */
  generator: Generator | undefined;

  /** Checks `options` has only the `known` keys (plus 'generator') and takes its generator. */
  protected constructor(who: string, options: object, known: readonly string[]) {
    super();
    checkOptions(who, options, [...known, 'generator']);
    this.generator = generatorOption(who, (options as { generator?: unknown }).generator);
  }

  /** The generator for one call: per-call, else the transform's own, else the global default. */
  protected generatorFor(options: CallOptions | undefined): Generator {
    const g = generatorOption(this.type, options?.generator);
    return g ?? this.generator ?? defaultGenerator();
  }
}

/** Calls a transform or a plain function. */
export function applyTransform(t: TransformLike, x: Tensor, options: CallOptions | undefined): Tensor {
  return t instanceof Transform ? t.call(x, options) : t(x, options);
}

/** The spec of a child of a container; plain functions become `{type: 'Lambda'}` (not rebuildable). */
export function specOf(t: TransformLike): TransformSpec {
  return t instanceof Transform ? t.toSpec() : { type: 'Lambda', name: t.name || 'anonymous' };
}

/**
 * The shared machinery of the element-wise scalers (Center, Standardize, MinMaxScaler): each
 * group of elements (per feature or per channel, see groups.ts) gets y = (x − shift) / scale, and
 * inverseTransform computes x = y · scale + shift. Subclasses only say how fit() turns statistics
 * into shift and scale, and what they save.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { checkGroups, groupsOf, groupStats, groupTensor, type Groups, type GroupStats } from './groups.js';
import { asFloat, notFitted, type Preprocessor, type PreprocessorJSON } from './preprocessor.js';

export abstract class AffineScaler implements Preprocessor {
  protected groups: Groups | null = null;
  protected shift: Float64Array | null = null;
  /** null: no scaling (Center). */
  protected scale: Float64Array | null = null;
  private cache = new Map<string, [Tensor, Tensor | null]>();

  protected constructor(
    private readonly cls: string,
    readonly perChannel: boolean,
  ) {}

  get fitted(): boolean {
    return this.shift !== null;
  }

  /** Sets shift and scale (and whatever the subclass keeps) from the fitted statistics. */
  protected abstract fromStats(stats: GroupStats): void;

  protected setState(groups: Groups, shift: Float64Array, scale: Float64Array | null): void {
    this.groups = groups;
    this.shift = shift;
    this.scale = scale;
    this.cache.clear();
  }

  fit(x: Tensor): this {
    const op = `${this.cls}.fit`;
    const xf = asFloat(op, x);
    const groups = groupsOf(op, xf, this.perChannel);
    this.groups = groups;
    this.fromStats(groupStats(op, xf, groups));
    this.cache.clear();
    return this;
  }

  transform(x: Tensor): Tensor {
    const [xf, shift, scale] = this.prepare('transform', x);
    const centred = xf.sub(shift);
    return scale ? centred.div(scale) : centred;
  }

  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  inverseTransform(y: Tensor): Tensor {
    const [yf, shift, scale] = this.prepare('inverseTransform', y);
    return (scale ? yf.mul(scale) : yf).add(shift);
  }

  abstract toJSON(): PreprocessorJSON;

  private prepare(method: string, x: Tensor): [Tensor, Tensor, Tensor | null] {
    const op = `${this.cls}.${method}`;
    if (!this.groups || !this.shift) notFitted(op);
    const xf = asFloat(op, x);
    checkGroups(op, xf, this.groups);
    const key = `${xf.dtype}/${xf.backend}/${xf.ndim}`;
    let params = this.cache.get(key);
    if (!params) {
      params = [groupTensor(this.shift, this.groups, xf), this.scale ? groupTensor(this.scale, this.groups, xf) : null];
      this.cache.set(key, params);
    }
    return [xf, ...params];
  }
}

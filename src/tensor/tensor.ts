/**
 * Tensor: a strided view onto backend storage, plus autograd bookkeeping. It is deliberately
 * thin — every method forwards to a function in src/ops, where the op's forward and its
 * vector-Jacobian product live side by side.
 */
import type { GradNode } from '../autograd/node.js';
import type { Storage } from '../backends/backend.js';
import * as ops from '../ops/index.js';
import type { DType, TypedArray } from './dtype.js';
import { isDType, isFloating } from './dtype.js';
import { format } from './format.js';
import { isContiguous, normalizeDim, numel } from './shape.js';

export type TensorHook = (grad: Tensor) => Tensor | void;
type ShapeArgs = (number | readonly number[])[];

export interface BackwardOptions {
  /** Keep the graph's saved tensors so backward can run through it again. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. Implies retainGraph. */
  createGraph?: boolean;
}

function flatShape(op: string, args: ShapeArgs): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as number[]) : (args as number[]);
  for (const d of list) {
    if (!Number.isInteger(d)) throw new Error(`${op}: shape entries must be integers, got ${JSON.stringify(list)}`);
  }
  return [...list];
}

export class Tensor {
  /** Autograd: the node that produced this tensor (null for leaves). */
  gradFn: GradNode | null = null;
  /** Accumulated gradient (leaves, and non-leaves after retainGrad()). */
  grad: Tensor | null = null;
  /** @internal */ hooks: TensorHook[] = [];
  /** @internal */ retainsGrad = false;
  private _requiresGrad = false;

  constructor(
    /** @internal */ public storage: Storage,
    public shape: number[],
    /** @internal */ public strides: number[],
    /** @internal */ public offset: number,
  ) {}

  // ---- metadata -------------------------------------------------------------------------------
  get dtype(): DType {
    return this.storage.dtype;
  }
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numel(this.shape);
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim('size', dim, this.ndim)]!;
  }
  isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }
  get backend(): string {
    return this.storage.backend.name;
  }

  // ---- autograd -------------------------------------------------------------------------------
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(v: boolean) {
    this.requiresGrad_(v);
  }
  /** Sets requiresGrad on a leaf, in place, and returns this (PyTorch's requires_grad_). */
  requiresGrad_(v = true): this {
    if (this.gradFn !== null && !v) {
      throw new Error('requiresGrad: cannot turn off requiresGrad on a non-leaf tensor; use detach()');
    }
    if (v && !isFloating(this.dtype)) {
      throw new Error(`requiresGrad: only floating-point tensors can require grad, got dtype ${this.dtype}`);
    }
    this._requiresGrad = v;
    return this;
  }
  /** @internal used by ops when recording a node. */
  setRequiresGradUnchecked(v: boolean): void {
    this._requiresGrad = v;
  }
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /** Computes gradients of this tensor w.r.t. graph leaves and accumulates them into `.grad`. */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    ops.backward(this, gradient, options);
  }
  /** Calls hook(grad) whenever this tensor's gradient is computed; a returned tensor replaces it. */
  registerHook(hook: TensorHook): { remove: () => void } {
    if (!this.requiresGrad) throw new Error('registerHook: cannot register a hook on a tensor that does not require grad');
    this.hooks.push(hook);
    return {
      remove: () => {
        const i = this.hooks.indexOf(hook);
        if (i >= 0) this.hooks.splice(i, 1);
      },
    };
  }
  /** Makes backward() also store `.grad` on this non-leaf tensor. */
  retainGrad(): this {
    if (!this.requiresGrad) throw new Error('retainGrad: tensor does not require grad');
    this.retainsGrad = true;
    return this;
  }
  /** A tensor sharing storage but cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.storage, [...this.shape], [...this.strides], this.offset);
  }

  // ---- readout --------------------------------------------------------------------------------
  /** A typed-array copy of the elements in row-major order. */
  data(): TypedArray {
    return ops.readData(this);
  }
  /** Nested JS arrays (a number for a 0-d tensor). */
  toArray(): unknown {
    return ops.toNested(this);
  }
  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) throw new Error(`item: only one-element tensors can be converted to a number, got shape [${this.shape.join(',')}]`);
    return this.data()[0]!;
  }
  toString(): string {
    return format(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return format(this);
  }

  // ---- conversion -----------------------------------------------------------------------------
  /** A copy with another dtype ('float64') or on another backend ('wasm', 'reference'). */
  to(dtypeOrBackend: DType | string): Tensor {
    return isDType(dtypeOrBackend) ? ops.cast(this, dtypeOrBackend) : ops.toBackend(this, dtypeOrBackend);
  }
  float(): Tensor {
    return ops.cast(this, 'float32');
  }
  double(): Tensor {
    return ops.cast(this, 'float64');
  }
  int(): Tensor {
    return ops.cast(this, 'int32');
  }
  bool(): Tensor {
    return ops.cast(this, 'bool');
  }
  clone(): Tensor {
    return ops.clone(this);
  }
  contiguous(): Tensor {
    return ops.contiguous(this);
  }

  // ---- elementwise ----------------------------------------------------------------------------
  add(other: Tensor | number, alpha?: number): Tensor {
    return ops.add(this, other, alpha);
  }
  sub(other: Tensor | number, alpha?: number): Tensor {
    return ops.sub(this, other, alpha);
  }
  mul(other: Tensor | number): Tensor {
    return ops.mul(this, other);
  }
  div(other: Tensor | number): Tensor {
    return ops.div(this, other);
  }
  pow(exponent: Tensor | number): Tensor {
    return ops.pow(this, exponent);
  }
  maximum(other: Tensor | number): Tensor {
    return ops.maximum(this, other);
  }
  minimum(other: Tensor | number): Tensor {
    return ops.minimum(this, other);
  }
  clamp(min?: number | Tensor | null, max?: number | Tensor | null): Tensor {
    return ops.clamp(this, min, max);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  sign(): Tensor {
    return ops.sign(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  log1p(): Tensor {
    return ops.log1p(this);
  }
  expm1(): Tensor {
    return ops.expm1(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this);
  }
  square(): Tensor {
    return ops.square(this);
  }
  reciprocal(): Tensor {
    return ops.reciprocal(this);
  }
  sin(): Tensor {
    return ops.sin(this);
  }
  cos(): Tensor {
    return ops.cos(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  erf(): Tensor {
    return ops.erf(this);
  }
  floor(): Tensor {
    return ops.floor(this);
  }
  ceil(): Tensor {
    return ops.ceil(this);
  }
  round(): Tensor {
    return ops.round(this);
  }
  eq(other: Tensor | number): Tensor {
    return ops.eq(this, other);
  }
  ne(other: Tensor | number): Tensor {
    return ops.ne(this, other);
  }
  lt(other: Tensor | number): Tensor {
    return ops.lt(this, other);
  }
  le(other: Tensor | number): Tensor {
    return ops.le(this, other);
  }
  gt(other: Tensor | number): Tensor {
    return ops.gt(this, other);
  }
  ge(other: Tensor | number): Tensor {
    return ops.ge(this, other);
  }
  logicalNot(): Tensor {
    return ops.logicalNot(this);
  }
  logicalAnd(other: Tensor | number): Tensor {
    return ops.logicalAnd(this, other);
  }
  logicalOr(other: Tensor | number): Tensor {
    return ops.logicalOr(this, other);
  }
  isFinite(): Tensor {
    return ops.isFinite(this);
  }
  isNan(): Tensor {
    return ops.isNan(this);
  }
  /** True when no element is NaN or ±Inf. */
  allFinite(): boolean {
    return ops.allFinite(this);
  }
  /** this where condition holds, other elsewhere (PyTorch's Tensor.where). */
  where(condition: Tensor, other: Tensor | number): Tensor {
    return ops.where(condition, this, other);
  }

  // ---- reductions -----------------------------------------------------------------------------
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return ops.sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return ops.mean(this, dim, keepdim);
  }
  max(dim?: number | readonly number[], keepdim = false): Tensor {
    return ops.max(this, dim, keepdim);
  }
  min(dim?: number | readonly number[], keepdim = false): Tensor {
    return ops.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return ops.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return ops.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options?: ops.VarOptions): Tensor {
    return ops.variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options?: ops.VarOptions): Tensor {
    return ops.std(this, dim, options);
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return ops.logsumexp(this, dim, keepdim);
  }
  softmax(dim: number, options?: ops.SoftmaxOptions): Tensor {
    return ops.softmax(this, dim, options);
  }
  logSoftmax(dim: number, options?: ops.SoftmaxOptions): Tensor {
    return ops.logSoftmax(this, dim, options);
  }
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return ops.norm(this, p, dim, keepdim);
  }

  // ---- linear algebra -------------------------------------------------------------------------
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  /** Transpose of a tensor with at most 2 dims (PyTorch's t()). */
  t(): Tensor {
    if (this.ndim > 2) throw new Error(`t: expects a tensor with <= 2 dims, got ${this.ndim}; use transpose(dim0, dim1)`);
    return this.ndim < 2 ? this : ops.transpose(this, 0, 1);
  }
  /** All dims reversed (PyTorch's .T). */
  get T(): Tensor {
    return ops.permute(this, [...this.shape.keys()].reverse());
  }
  /** The last two dims swapped (PyTorch's .mT). */
  get mT(): Tensor {
    return ops.transpose(this, -2, -1);
  }

  // ---- shape and movement ---------------------------------------------------------------------
  reshape(...shape: ShapeArgs): Tensor {
    return ops.reshape(this, flatShape('reshape', shape));
  }
  view(...shape: ShapeArgs): Tensor {
    return ops.view(this, flatShape('view', shape));
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return ops.flatten(this, startDim, endDim);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return ops.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  permute(...dims: ShapeArgs): Tensor {
    return ops.permute(this, flatShape('permute', dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  expand(...shape: ShapeArgs): Tensor {
    return ops.expand(this, flatShape('expand', shape));
  }
  expandAs(other: Tensor): Tensor {
    return ops.expand(this, other.shape);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
  /** Elements start, start+step, … < end along dim, as a view (Python's x[start:end:step]). */
  slice(dim: number, start?: number, end?: number, step?: number): Tensor {
    return ops.slice(this, dim, start, end, step);
  }
  split(splitSizeOrSections: number | readonly number[], dim = 0): Tensor[] {
    return ops.split(this, splitSizeOrSections, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return ops.chunk(this, chunks, dim);
  }
  /** Constant padding, torch.nn.functional.pad order (last dim first); negative amounts crop. */
  pad(amounts: readonly number[], value = 0): Tensor {
    return ops.pad(this, amounts, value);
  }
  flip(dims: number | readonly number[]): Tensor {
    return ops.flip(this, dims);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return ops.indexSelect(this, dim, index);
  }
  gather(dim: number, index: Tensor): Tensor {
    return ops.gather(this, dim, index);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return ops.scatterAdd(this, dim, index, src);
  }

  // ---- in place (for optimizers and initialisers; refused while recording a graph) ----------
  /** Copies src (broadcast to this shape) into this tensor's memory. */
  copy_(src: Tensor | number): this {
    ops.assignInPlace('copy_', this, src);
    return this;
  }
  fill_(value: number): this {
    ops.assignInPlace('fill_', this, value);
    return this;
  }
  zero_(): this {
    ops.assignInPlace('zero_', this, 0);
    return this;
  }
  add_(other: Tensor | number, alpha?: number): this {
    ops.assignInPlace('add_', this, ops.noGradCompute(() => ops.add(this, other, alpha)));
    return this;
  }
  sub_(other: Tensor | number, alpha?: number): this {
    ops.assignInPlace('sub_', this, ops.noGradCompute(() => ops.sub(this, other, alpha)));
    return this;
  }
  mul_(other: Tensor | number): this {
    ops.assignInPlace('mul_', this, ops.noGradCompute(() => ops.mul(this, other)));
    return this;
  }
  div_(other: Tensor | number): this {
    ops.assignInPlace('div_', this, ops.noGradCompute(() => ops.div(this, other)));
    return this;
  }
  clamp_(min?: number | null, max?: number | null): this {
    ops.assignInPlace('clamp_', this, ops.noGradCompute(() => ops.clamp(this, min, max)));
    return this;
  }
}

/**
 * Elementwise primitives. Each op is its forward dispatch plus its vector-Jacobian product,
 * written with tensor ops so that higher-order gradients work (STYLE lesson 1).
 */
import type { BinaryOp, UnaryOp } from '../backends/backend.js';
import { kernel } from '../backends/backend.js';
import { isFloating, resultType, toFloating, type DType } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { assertTensor, backendOf, broadcastView, fromStorage, record, sumToShape, toTensor, viewOf, type TensorLike } from './core.js';

/** Runs a unary kernel in `dtype` (casting the input first when needed). */
export function unaryKernel(op: UnaryOp, x: Tensor, dtype: DType, outDtype: DType = dtype): Tensor {
  const src = x.dtype === dtype ? x : cast(x, dtype);
  const b = backendOf(op, src);
  return fromStorage(kernel(b, 'unary')(op, viewOf(src), outDtype), src.shape);
}

/** Runs a binary kernel after broadcasting and casting both sides to `dtype`. */
export function binaryKernel(op: BinaryOp, a: Tensor, b: Tensor, dtype: DType, outDtype: DType = dtype): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const ac = a.dtype === dtype ? a : cast(a, dtype);
  const bc = b.dtype === dtype ? b : cast(b, dtype);
  const be = backendOf(op, ac, bc);
  return fromStorage(kernel(be, 'binary')(op, broadcastView(ac, shape), broadcastView(bc, shape), outDtype), shape);
}

// ---- casting ----------------------------------------------------------------------------------

export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = fromStorage(kernel(backendOf('to', x), 'unary')('copy', viewOf(x), dtype), x.shape);
  // Gradients flow between floating dtypes only (casting to int or bool cuts the graph).
  if (isFloating(dtype)) return record(out, 'to', [x], (g) => [cast(g, x.dtype)]);
  return out;
}

// ---- unary ------------------------------------------------------------------------------------

type UnaryVjp = (g: Tensor, x: Tensor, out: Tensor) => Tensor;

/** Defines a floating-point unary op: ints and bools are promoted to float32 first. */
function floatUnary(op: UnaryOp, vjp: UnaryVjp | null): (x: Tensor) => Tensor {
  return (x) => {
    assertTensor(op, 'input', x);
    const out = unaryKernel(op, x, toFloating(x.dtype));
    if (vjp === null) return out;
    return record(out, op, [x], (g) => [vjp(g, x, out)]);
  };
}

/** Defines a unary op that keeps integer dtypes (neg, abs, sign, square, relu). */
function sameTypeUnary(op: UnaryOp, vjp: UnaryVjp): (x: Tensor) => Tensor {
  return (x) => {
    assertTensor(op, 'input', x);
    const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
    const out = unaryKernel(op, x, dtype);
    return record(out, op, [x], (g) => [vjp(g, x, out)]);
  };
}

const zero = (g: Tensor): Tensor => g.mul(0);

export const neg = sameTypeUnary('neg', (g) => g.neg());
export const abs = sameTypeUnary('abs', (g, x) => g.mul(x.sign()));
export const sign = sameTypeUnary('sign', zero);
export const square = sameTypeUnary('square', (g, x) => g.mul(x).mul(2));
export const relu = sameTypeUnary('relu', (g, x) => g.mul(x.gt(0)));
export const exp = floatUnary('exp', (g, _x, out) => g.mul(out));
export const log = floatUnary('log', (g, x) => g.div(x));
export const log1p = floatUnary('log1p', (g, x) => g.div(x.add(1)));
export const expm1 = floatUnary('expm1', (g, _x, out) => g.mul(out.add(1)));
export const sqrt = floatUnary('sqrt', (g, _x, out) => g.div(out.mul(2)));
export const rsqrt = floatUnary('rsqrt', (g, _x, out) => g.mul(out.pow(3)).mul(-0.5));
export const reciprocal = floatUnary('reciprocal', (g, _x, out) => g.mul(out.square()).neg());
export const sin = floatUnary('sin', (g, x) => g.mul(x.cos()));
export const cos = floatUnary('cos', (g, x) => g.mul(x.sin()).neg());
export const tanh = floatUnary('tanh', (g, _x, out) => g.mul(out.square().neg().add(1)));
export const sigmoid = floatUnary('sigmoid', (g, _x, out) => g.mul(out).mul(out.neg().add(1)));
export const erf = floatUnary('erf', (g, x) => g.mul(x.square().neg().exp()).mul(2 / Math.sqrt(Math.PI)));
export const floor = floatUnary('floor', zero);
export const ceil = floatUnary('ceil', zero);
export const round = floatUnary('round', zero);

export function isFinite(x: Tensor): Tensor {
  return unaryKernel('isfinite', x, x.dtype, 'bool');
}
export function isNan(x: Tensor): Tensor {
  return unaryKernel('isnan', x, x.dtype, 'bool');
}
export function logicalNot(x: Tensor): Tensor {
  return unaryKernel('logicalNot', x, x.dtype, 'bool');
}

/** True when every element is finite: the training loop's NaN/Inf guard. */
export function allFinite(x: Tensor): boolean {
  if (!isFloating(x.dtype)) return true;
  const d = x.data();
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  return true;
}

// ---- binary -----------------------------------------------------------------------------------

function operands(a: TensorLike, b: TensorLike, op: string): [Tensor, Tensor] {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) {
    throw new Error(`${op}: at least one operand must be a Tensor, got two numbers`);
  }
  const ta = toTensor(a, b instanceof Tensor ? b : null);
  const tb = toTensor(b, ta);
  return [ta, tb];
}

export function add(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  const [x, y0] = operands(a, b, 'add');
  const y = alpha === 1 ? y0 : y0.mul(alpha);
  const out = binaryKernel('add', x, y, resultType(x, y));
  return record(out, 'add', [x, y], (g) => [sumToShape(g, x.shape), sumToShape(g, y.shape)]);
}

export function sub(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  const [x, y0] = operands(a, b, 'sub');
  const y = alpha === 1 ? y0 : y0.mul(alpha);
  const out = binaryKernel('sub', x, y, resultType(x, y));
  return record(out, 'sub', [x, y], (g) => [sumToShape(g, x.shape), sumToShape(g.neg(), y.shape)]);
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'mul');
  let dtype = resultType(x, y);
  if (dtype === 'bool') dtype = 'int32';
  const out = binaryKernel('mul', x, y, dtype);
  return record(out, 'mul', [x, y], (g) => [sumToShape(g.mul(y), x.shape), sumToShape(g.mul(x), y.shape)]);
}

/** True division: integer operands give float32, as in PyTorch. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'div');
  const out = binaryKernel('div', x, y, toFloating(resultType(x, y)));
  return record(out, 'div', [x, y], (g) => [
    sumToShape(g.div(y), x.shape),
    sumToShape(g.mul(out).div(y).neg(), y.shape),
  ]);
}

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'pow');
  let dtype = resultType(x, y);
  if (dtype === 'bool') dtype = 'int32';
  if (dtype === 'int32') {
    for (const v of y.data()) {
      if (v < 0) throw new Error('pow: integers to negative integer powers are not allowed (use a float tensor)');
    }
  }
  const out = binaryKernel('pow', x, y, dtype);
  return record(out, 'pow', [x, y], (g) => [
    // d/dx x^y = y·x^(y−1), defined as 0 where y == 0 (so 0^0 has no NaN gradient)
    x.requiresGrad ? sumToShape(where(y.eq(0), 0, g.mul(y).mul(x.pow(y.sub(1)))), x.shape) : null,
    // d/dy x^y = x^y·log x, defined as 0 where x == 0 and y >= 0, as PyTorch does
    y.requiresGrad ? sumToShape(where(x.eq(0).logicalAnd(y.ge(0)), 0, g.mul(out).mul(x.log())), y.shape) : null,
  ]);
}

/** Mask for the larger side; ties split the gradient evenly, as torch.maximum does. */
function tieShare(winner: Tensor, loser: Tensor, larger: boolean): Tensor {
  const wins = larger ? winner.gt(loser) : winner.lt(loser);
  return where(winner.eq(loser), 0.5, wins.to(toFloating(winner.dtype)));
}

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'maximum');
  const out = binaryKernel('maximum', x, y, resultType(x, y));
  return record(out, 'maximum', [x, y], (g) => [
    sumToShape(g.mul(tieShare(x, y, true)), x.shape),
    sumToShape(g.mul(tieShare(y, x, true)), y.shape),
  ]);
}

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'minimum');
  const out = binaryKernel('minimum', x, y, resultType(x, y));
  return record(out, 'minimum', [x, y], (g) => [
    sumToShape(g.mul(tieShare(x, y, false)), x.shape),
    sumToShape(g.mul(tieShare(y, x, false)), y.shape),
  ]);
}

function comparison(op: BinaryOp): (a: TensorLike, b: TensorLike) => Tensor {
  return (a, b) => {
    const [x, y] = operands(a, b, op);
    return binaryKernel(op, x, y, resultType(x, y), 'bool');
  };
}

export const eq = comparison('eq');
export const ne = comparison('ne');
export const lt = comparison('lt');
export const le = comparison('le');
export const gt = comparison('gt');
export const ge = comparison('ge');
export const logicalAnd = comparison('logicalAnd');
export const logicalOr = comparison('logicalOr');

/** condition ? a : b, broadcasting all three. The gradient flows to the side that was taken. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (!(condition instanceof Tensor)) throw new Error('where: condition must be a Tensor');
  const [x, y] = operands(a, b, 'where');
  const dtype = resultType(x, y);
  const shape = broadcastShapes('where', condition.shape, x.shape, y.shape);
  const xc = x.dtype === dtype ? x : cast(x, dtype);
  const yc = y.dtype === dtype ? y : cast(y, dtype);
  const cond = condition.dtype === 'bool' ? condition : ne(condition, 0);
  const be = backendOf('where', cond, xc, yc);
  const out = fromStorage(
    kernel(be, 'where')(broadcastView(cond, shape), broadcastView(xc, shape), broadcastView(yc, shape), dtype),
    shape,
  );
  return record(out, 'where', [xc, yc], (g) => [
    sumToShape(where(cond, g, 0), xc.shape),
    sumToShape(where(cond, 0, g), yc.shape),
  ]);
}

/** Limits x to [min, max]; the gradient passes where min <= x <= max (PyTorch's rule). */
export function clamp(x: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new Error('clamp: at least one of min and max must be given');
  }
  const bounds = [min, max].filter((b): b is Tensor => b instanceof Tensor);
  if (bounds.length) broadcastShapes('clamp', x.shape, ...bounds.map((b) => b.shape));
  let out = x;
  if (min !== undefined && min !== null) out = where(out.lt(min), cast(toTensor(min, x), x.dtype), out);
  if (max !== undefined && max !== null) out = where(out.gt(max), cast(toTensor(max, x), x.dtype), out);
  return out;
}

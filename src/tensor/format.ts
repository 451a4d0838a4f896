/** Printing: values (summarised when large) followed by shape and dtype, like PyTorch's repr. */
import type { Tensor } from './tensor.js';

const EDGE = 3;
const MAX_FULL = 1000;

function fmtNumber(v: number, isFloat: boolean): string {
  if (!isFloat) return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-4)) return v.toExponential(4);
  return Number.isInteger(v) ? `${v}.` : v.toFixed(4).replace(/0+$/, '');
}

export function format(t: Tensor): string {
  const data = t.data();
  const isFloat = t.dtype === 'float32' || t.dtype === 'float64';
  const summarise = data.length > MAX_FULL;
  const strides: number[] = [];
  let acc = 1;
  for (let i = t.ndim - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= t.shape[i]!;
  }
  const show = (v: number): string => (t.dtype === 'bool' ? (v ? 'true' : 'false') : fmtNumber(v, isFloat));
  const rec = (dim: number, base: number, indent: string): string => {
    const n = t.shape[dim]!;
    const idx = summarise && n > 2 * EDGE ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    if (dim === t.ndim - 1) {
      return `[${idx.map((i) => (i < 0 ? '...' : show(data[base + i]!))).join(', ')}]`;
    }
    const inner = idx.map((i) => (i < 0 ? '...' : rec(dim + 1, base + i * strides[dim]!, indent + ' ')));
    return `[${inner.join(`,\n${indent} `)}]`;
  };
  const body = t.ndim === 0 ? show(data[0]!) : rec(0, 0, '       ');
  const grad = t.gradFn ? `, gradFn=${t.gradFn.name}` : t.requiresGrad ? ', requiresGrad=true' : '';
  return `tensor(${body}, shape=[${t.shape.join(',')}], dtype=${t.dtype}${grad})`;
}

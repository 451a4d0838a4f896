/** Sliding-window kernels: im2col, its adjoint col2im, and max pooling with arg-max indices. */
import type { Backend, StridedView, Window2d } from '../backend.js';
import { alloc, dataOf, stridedOffsets, type ArrayStorage } from './storage.js';

function contiguousInput(x: StridedView): { d: ArrayLike<number>; offs: Int32Array } {
  return { d: dataOf(x), offs: stridedOffsets(x.shape, x.strides, x.offset) };
}

export function im2col(backend: Backend, x: StridedView, w: Window2d): ArrayStorage {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [ph, pw] = w.padding;
  const [dh, dw] = w.dilation;
  const [oh, ow] = w.outSize;
  const { d, offs } = contiguousInput(x);
  const L = oh * ow;
  const rows = C * kh * kw;
  const out = alloc(backend, x.storage.dtype, N * rows * L);
  const o = out.data;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = (n * C + c) * H * W;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const r = (c * kh + i) * kw + j;
          const rowBase = (n * rows + r) * L;
          for (let y = 0; y < oh; y++) {
            const hy = y * sh - ph + i * dh;
            for (let xo = 0; xo < ow; xo++) {
              const wx = xo * sw - pw + j * dw;
              o[rowBase + y * ow + xo] = hy >= 0 && hy < H && wx >= 0 && wx < W ? d[offs[plane + hy * W + wx]!]! : 0;
            }
          }
        }
      }
    }
  }
  return out;
}

export function col2im(
  backend: Backend,
  cols: StridedView,
  w: Window2d,
  inputShape: readonly [number, number, number, number],
): ArrayStorage {
  const [N, C, H, W] = inputShape;
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [ph, pw] = w.padding;
  const [dh, dw] = w.dilation;
  const [oh, ow] = w.outSize;
  const { d, offs } = contiguousInput(cols);
  const L = oh * ow;
  const rows = C * kh * kw;
  const out = alloc(backend, cols.storage.dtype, N * C * H * W);
  const o = out.data;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = (n * C + c) * H * W;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const r = (c * kh + i) * kw + j;
          const rowBase = (n * rows + r) * L;
          for (let y = 0; y < oh; y++) {
            const hy = y * sh - ph + i * dh;
            if (hy < 0 || hy >= H) continue;
            for (let xo = 0; xo < ow; xo++) {
              const wx = xo * sw - pw + j * dw;
              if (wx < 0 || wx >= W) continue;
              o[plane + hy * W + wx]! += d[offs[rowBase + y * ow + xo]!]!;
            }
          }
        }
      }
    }
  }
  return out;
}

export function maxPool2d(backend: Backend, x: StridedView, w: Window2d): { values: ArrayStorage; indices: ArrayStorage } {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [ph, pw] = w.padding;
  const [dh, dw] = w.dilation;
  const [oh, ow] = w.outSize;
  const { d, offs } = contiguousInput(x);
  const values = alloc(backend, x.storage.dtype, N * C * oh * ow);
  const indices = alloc(backend, 'int32', N * C * oh * ow);
  const vd = values.data;
  const id = indices.data;
  for (let p = 0; p < N * C; p++) {
    const plane = p * H * W;
    for (let y = 0; y < oh; y++) {
      for (let xo = 0; xo < ow; xo++) {
        let best = -Infinity;
        let arg = -1;
        for (let i = 0; i < kh; i++) {
          const hy = y * sh - ph + i * dh;
          if (hy < 0 || hy >= H) continue;
          for (let j = 0; j < kw; j++) {
            const wx = xo * sw - pw + j * dw;
            if (wx < 0 || wx >= W) continue;
            const v = d[offs[plane + hy * W + wx]!]!;
            // first maximum wins; NaN propagates (PyTorch semantics)
            if (arg < 0 || v > best || (v !== v && best === best)) {
              best = v;
              arg = hy * W + wx;
            }
          }
        }
        const k = (p * oh + y) * ow + xo;
        vd[k] = best;
        id[k] = arg;
      }
    }
  }
  return { values, indices };
}

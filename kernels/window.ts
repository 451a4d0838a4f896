// im2col / col2im / max pooling on contiguous float32 NCHW data (PyTorch's unfold layout).

export function im2col_f32(N: i32, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32,
                            ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32, x: usize, out: usize): void {
  const L = oh * ow;
  const rows = C * kh * kw;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = x + (<usize>((n * C + c) * H * W) << 2);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const r = (c * kh + i) * kw + j;
          let dst = out + (<usize>((n * rows + r) * L) << 2);
          for (let y = 0; y < oh; y++) {
            const hy = y * sh - ph + i * dh;
            if (hy < 0 || hy >= H) {
              memory.fill(dst, 0, <usize>ow << 2);
              dst += <usize>ow << 2;
              continue;
            }
            const row = plane + (<usize>(hy * W) << 2);
            if (sw == 1) {
              // contiguous run: zero the out-of-range ends, copy the middle
              const x0 = j * dw - pw;
              let lo = max(0, -x0);
              let hi = min(ow, W - x0);
              if (hi < lo) hi = lo;
              if (lo > 0) memory.fill(dst, 0, <usize>lo << 2);
              if (hi > lo) memory.copy(dst + (<usize>lo << 2), row + (<usize>(x0 + lo) << 2), <usize>(hi - lo) << 2);
              if (hi < ow) memory.fill(dst + (<usize>hi << 2), 0, <usize>(ow - hi) << 2);
            } else {
              for (let xo = 0; xo < ow; xo++) {
                const wx = xo * sw - pw + j * dw;
                store<f32>(dst + (<usize>xo << 2), wx >= 0 && wx < W ? load<f32>(row + (<usize>wx << 2)) : 0);
              }
            }
            dst += <usize>ow << 2;
          }
        }
      }
    }
  }
}

export function col2im_f32(N: i32, C: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32,
                            ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32, cols: usize, out: usize): void {
  const L = oh * ow;
  const rows = C * kh * kw;
  memory.fill(out, 0, <usize>(N * C * H * W) << 2);
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = out + (<usize>((n * C + c) * H * W) << 2);
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const r = (c * kh + i) * kw + j;
          let src = cols + (<usize>((n * rows + r) * L) << 2);
          for (let y = 0; y < oh; y++) {
            const hy = y * sh - ph + i * dh;
            if (hy >= 0 && hy < H) {
              const row = plane + (<usize>(hy * W) << 2);
              for (let xo = 0; xo < ow; xo++) {
                const wx = xo * sw - pw + j * dw;
                if (wx >= 0 && wx < W) {
                  const p = row + (<usize>wx << 2);
                  store<f32>(p, load<f32>(p) + load<f32>(src + (<usize>xo << 2)));
                }
              }
            }
            src += <usize>ow << 2;
          }
        }
      }
    }
  }
}

export function maxpool_f32(NC: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32,
                            ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32, x: usize, out: usize, idx: usize): void {
  for (let p = 0; p < NC; p++) {
    const plane = x + (<usize>(p * H * W) << 2);
    for (let y = 0; y < oh; y++) {
      for (let xo = 0; xo < ow; xo++) {
        let best: f32 = -Infinity;
        let arg = -1;
        for (let i = 0; i < kh; i++) {
          const hy = y * sh - ph + i * dh;
          if (hy < 0 || hy >= H) continue;
          for (let j = 0; j < kw; j++) {
            const wx = xo * sw - pw + j * dw;
            if (wx < 0 || wx >= W) continue;
            const v = load<f32>(plane + (<usize>(hy * W + wx) << 2));
            if (arg < 0 || v > best || (v != v && best == best)) {
              best = v;
              arg = hy * W + wx;
            }
          }
        }
        const k = <usize>((p * oh + y) * ow + xo) << 2;
        store<f32>(out + k, best);
        store<i32>(idx + k, arg);
      }
    }
  }
}

// Packed, register-blocked SGEMM: C = A·B (+ C if accumulate). MR×NR = 4×8 micro-kernel.
const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 2048;

@inline function packB(kc: i32, nc: i32, b: usize, brs: i32, bcs: i32, dst: usize): void {
  // panels of NR columns; within a panel, for each k, NR consecutive floats (zero padded)
  for (let j = 0; j < nc; j += NR) {
    const nr = min(NR, nc - j);
    for (let k = 0; k < kc; k++) {
      const src = b + ((<usize>k * brs + <usize>j * bcs) << 2);
      if (nr == NR && bcs == 1) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
      } else {
        for (let jj = 0; jj < NR; jj++) {
          store<f32>(dst + (<usize>jj << 2), jj < nr ? load<f32>(src + (<usize>(jj * bcs) << 2)) : 0);
        }
      }
      dst += NR << 2;
    }
  }
}

@inline function packA(mc: i32, kc: i32, a: usize, ars: i32, acs: i32, dst: usize): void {
  for (let i = 0; i < mc; i += MR) {
    const mr = min(MR, mc - i);
    for (let k = 0; k < kc; k++) {
      const src = a + ((<usize>i * ars + <usize>k * acs) << 2);
      for (let ii = 0; ii < MR; ii++) {
        store<f32>(dst + (<usize>ii << 2), ii < mr ? load<f32>(src + (<usize>(ii * ars) << 2)) : 0);
      }
      dst += MR << 2;
    }
  }
}

// 4×8 tile: 8 accumulators
@inline function micro(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, mr: i32, nr: i32, beta: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 16;
    bp += 32;
  }
  if (mr == MR && nr == NR) {
    const r = <usize>ldc << 2;
    if (beta) {
      v128.store(c, f32x4.add(v128.load(c), c00)); v128.store(c, f32x4.add(v128.load(c, 16), c01), 16); c += r;
      v128.store(c, f32x4.add(v128.load(c), c10)); v128.store(c, f32x4.add(v128.load(c, 16), c11), 16); c += r;
      v128.store(c, f32x4.add(v128.load(c), c20)); v128.store(c, f32x4.add(v128.load(c, 16), c21), 16); c += r;
      v128.store(c, f32x4.add(v128.load(c), c30)); v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    } else {
      v128.store(c, c00); v128.store(c, c01, 16); c += r;
      v128.store(c, c10); v128.store(c, c11, 16); c += r;
      v128.store(c, c20); v128.store(c, c21, 16); c += r;
      v128.store(c, c30); v128.store(c, c31, 16);
    }
  } else {
    v128.store(tmp, c00); v128.store(tmp, c01, 16);
    v128.store(tmp, c10, 32); v128.store(tmp, c11, 48);
    v128.store(tmp, c20, 64); v128.store(tmp, c21, 80);
    v128.store(tmp, c30, 96); v128.store(tmp, c31, 112);
    for (let i = 0; i < mr; i++) {
      for (let j = 0; j < nr; j++) {
        const p = c + ((<usize>i * ldc + j) << 2);
        const v = load<f32>(tmp + ((<usize>i * NR + j) << 2));
        store<f32>(p, beta ? load<f32>(p) + v : v);
      }
    }
  }
}

export function sgemm(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32,
                      c: usize, ldc: i32, accumulate: i32, work: usize): void {
  const packBuf = work;                               // KC × NC floats
  const packABuf = work + (<usize>KC * NC << 2);      // MC × KC floats
  const tmp = packABuf + (<usize>MC * KC << 2);       // MR × NR floats
  if (K == 0) {
    if (!accumulate) memory.fill(c, 0, <usize>M * N << 2); // (contiguous C only)
    return;
  }
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packB(kc, nc, b + ((<usize>pc * brs + <usize>jc * bcs) << 2), brs, bcs, packBuf);
      const beta = accumulate || pc > 0 ? 1 : 0;
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packA(mc, kc, a + ((<usize>ic * ars + <usize>pc * acs) << 2), ars, acs, packABuf);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = packBuf + (<usize>jr * kc << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            micro(kc, packABuf + (<usize>ir * kc << 2), bp, c + ((<usize>(ic + ir) * ldc + jc + jr) << 2), ldc, mr, nr, beta, tmp);
          }
        }
      }
    }
  }
}

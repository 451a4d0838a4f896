// Fused optimizer kernels. Each performs, in one pass, exactly the float32 operations of the
// composite it replaces, in the same order, so results are bit-identical to the composite.

// Adam's moments and update direction (see src/ops/fused.ts, adamMoments):
//   mu' = mu·b1 + g·(1−b1);  nu' = nu·b2 + (g·(1−b2))·g;  u = (mu'/bc1) / (√nu'/bc2s + eps)
export function adam_f32(n: i32, g: usize, mu: usize, nu: usize, muOut: usize, nuOut: usize, uOut: usize,
                         b1: f32, omb1: f32, b2: f32, omb2: f32, bc1: f32, bc2s: f32, eps: f32): void {
  const vb1 = f32x4.splat(b1), vomb1 = f32x4.splat(omb1), vb2 = f32x4.splat(b2), vomb2 = f32x4.splat(omb2);
  const vbc1 = f32x4.splat(bc1), vbc2s = f32x4.splat(bc2s), veps = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gv = v128.load(g + o);
    const m = f32x4.add(f32x4.mul(v128.load(mu + o), vb1), f32x4.mul(gv, vomb1));
    const v = f32x4.add(f32x4.mul(v128.load(nu + o), vb2), f32x4.mul(f32x4.mul(gv, vomb2), gv));
    v128.store(muOut + o, m);
    v128.store(nuOut + o, v);
    v128.store(uOut + o, f32x4.div(f32x4.div(m, vbc1), f32x4.add(f32x4.div(f32x4.sqrt(v), vbc2s), veps)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gv = load<f32>(g + o);
    const m: f32 = load<f32>(mu + o) * b1 + gv * omb1;
    const v: f32 = load<f32>(nu + o) * b2 + (gv * omb2) * gv;
    store<f32>(muOut + o, m);
    store<f32>(nuOut + o, v);
    store<f32>(uOut + o, (m / bc1) / (Mathf.sqrt(v) / bc2s + eps));
  }
}

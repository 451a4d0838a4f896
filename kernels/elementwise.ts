// float32 elementwise kernels. Binary ops read b with a broadcast pattern: element i of the output
// uses b[floor(i / q) % p] — this covers scalars (p = 1), rows ([M,N] + [N]: q = 1, p = N) and
// channels ([N,C,H,W] + [1,C,1,1]: q = H·W, p = C). a and out are contiguous.

export const OP_ADD = 0;
export const OP_SUB = 1;
export const OP_MUL = 2;
export const OP_DIV = 3;
export const OP_MAX = 4;
export const OP_MIN = 5;
export const OP_RSUB = 6; // b − a
export const OP_RDIV = 7; // b / a

@inline function vop(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case 0: return f32x4.add(a, b);
    case 1: return f32x4.sub(a, b);
    case 2: return f32x4.mul(a, b);
    case 3: return f32x4.div(a, b);
    // NaN-propagating max/min (f32x4.max propagates NaN, like torch.maximum)
    case 4: return f32x4.max(a, b);
    case 5: return f32x4.min(a, b);
    case 6: return f32x4.sub(b, a);
    default: return f32x4.div(b, a);
  }
}

@inline function sop(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    case 4: return a != a || b != b ? NaN : max(a, b);
    case 5: return a != a || b != b ? NaN : min(a, b);
    case 6: return b - a;
    default: return b / a;
  }
}

// Specialised per op so the switch is hoisted out of the loops.
@inline function binaryImpl(op: i32, n: i32, a: usize, b: usize, out: usize, q: i32, p: i32): void {
  if (q == 1 && p == n) {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop(op, v128.load(a + o), v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sop(op, load<f32>(a + o), load<f32>(b + o)));
    }
    return;
  }
  if (p == 1) {
    const bs = f32x4.splat(load<f32>(b));
    const bv = load<f32>(b);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop(op, v128.load(a + o), bs));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sop(op, load<f32>(a + o), bv));
    }
    return;
  }
  if (q % 4 == 0) {
    // runs of q elements share one b value
    const runs = n / q;
    for (let r = 0; r < runs; r++) {
      const bv = load<f32>(b + (<usize>(r % p) << 2));
      const bs = f32x4.splat(bv);
      const base = <usize>r * q << 2;
      for (let j = 0; j < q; j += 4) {
        const o = base + (<usize>j << 2);
        v128.store(out + o, vop(op, v128.load(a + o), bs));
      }
    }
    return;
  }
  if (q == 1 && p % 4 == 0) {
    const rows = n / p;
    for (let r = 0; r < rows; r++) {
      const base = <usize>r * p << 2;
      for (let j = 0; j < p; j += 4) {
        const o = <usize>j << 2;
        v128.store(out + base + o, vop(op, v128.load(a + base + o), v128.load(b + o)));
      }
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, sop(op, load<f32>(a + o), load<f32>(b + (<usize>((i / q) % p) << 2))));
  }
}

export function binary_f32(op: i32, n: i32, a: usize, b: usize, out: usize, q: i32, p: i32): void {
  switch (op) {
    case 0: binaryImpl(0, n, a, b, out, q, p); break;
    case 1: binaryImpl(1, n, a, b, out, q, p); break;
    case 2: binaryImpl(2, n, a, b, out, q, p); break;
    case 3: binaryImpl(3, n, a, b, out, q, p); break;
    case 4: binaryImpl(4, n, a, b, out, q, p); break;
    case 5: binaryImpl(5, n, a, b, out, q, p); break;
    case 6: binaryImpl(6, n, a, b, out, q, p); break;
    default: binaryImpl(7, n, a, b, out, q, p); break;
  }
}

export const U_COPY = 0;
export const U_NEG = 1;
export const U_ABS = 2;
export const U_SQRT = 3;
export const U_RELU = 4;
export const U_SQUARE = 5;
export const U_EXP = 6;
export const U_LOG = 7;
export const U_TANH = 8;
export const U_SIGMOID = 9;
export const U_RECIPROCAL = 10;

@inline function vunary(op: i32, x: v128): v128 {
  switch (op) {
    case 0: return x;
    case 1: return f32x4.neg(x);
    case 2: return f32x4.abs(x);
    case 3: return f32x4.sqrt(x);
    // relu keeps NaN: x > 0 ? x : (x != x ? x : 0)
    case 4: return v128.bitselect(x, f32x4.splat(0), v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
    case 5: return f32x4.mul(x, x);
    default: return f32x4.div(f32x4.splat(1), x);
  }
}

@inline function sunary(op: i32, x: f32): f32 {
  switch (op) {
    case 6: return Mathf.exp(x);
    case 7: return Mathf.log(x);
    case 8: return Mathf.tanh(x);
    default: return x >= 0 ? 1 / (1 + Mathf.exp(-x)) : Mathf.exp(x) / (1 + Mathf.exp(x));
  }
}

@inline function unaryImpl(op: i32, n: i32, x: usize, out: usize): void {
  if (op <= 5 || op == 10) {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vunary(op, v128.load(x + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      const v = f32x4.extract_lane(vunary(op, f32x4.splat(load<f32>(x + o))), 0);
      store<f32>(out + o, v);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, sunary(op, load<f32>(x + o)));
  }
}

export function unary_f32(op: i32, n: i32, x: usize, out: usize): void {
  switch (op) {
    case 0: unaryImpl(0, n, x, out); break;
    case 1: unaryImpl(1, n, x, out); break;
    case 2: unaryImpl(2, n, x, out); break;
    case 3: unaryImpl(3, n, x, out); break;
    case 4: unaryImpl(4, n, x, out); break;
    case 5: unaryImpl(5, n, x, out); break;
    case 6: unaryImpl(6, n, x, out); break;
    case 7: unaryImpl(7, n, x, out); break;
    case 8: unaryImpl(8, n, x, out); break;
    case 9: unaryImpl(9, n, x, out); break;
    default: unaryImpl(10, n, x, out); break;
  }
}

// Sum / max over the last dim of a contiguous [rows, cols] block, or over the first dim.
export function sum_last_f32(rows: i32, cols: i32, x: usize, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const base = x + (<usize>r * cols << 2);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) acc = f32x4.add(acc, v128.load(base + (<usize>j << 2)));
    let s: f32 = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
    for (; j < cols; j++) s += load<f32>(base + (<usize>j << 2));
    store<f32>(out + (<usize>r << 2), s);
  }
}

export function sum_first_f32(rows: i32, cols: i32, x: usize, out: usize): void {
  memory.fill(out, 0, <usize>cols << 2);
  for (let r = 0; r < rows; r++) {
    const base = x + (<usize>r * cols << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(base + o)));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      store<f32>(out + o, load<f32>(out + o) + load<f32>(base + o));
    }
  }
}

export function max_last_f32(rows: i32, cols: i32, x: usize, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const base = x + (<usize>r * cols << 2);
    let m: f32 = load<f32>(base);
    for (let j = 1; j < cols; j++) {
      const v = load<f32>(base + (<usize>j << 2));
      if (v != v) { m = v; break; }
      if (v > m) m = v;
    }
    store<f32>(out + (<usize>r << 2), m);
  }
}

// out[b] = Σ_a Σ_c x[a, b, c] for contiguous x of shape [A, B, C] (e.g. bias gradients of a
// convolution: A = batch, B = channels, C = H·W).
export function sum_mid_f32(A: i32, B: i32, C: i32, x: usize, out: usize): void {
  for (let b = 0; b < B; b++) {
    let acc = f32x4.splat(0);
    let s: f32 = 0;
    for (let a = 0; a < A; a++) {
      const base = x + (<usize>((a * B + b) * C) << 2);
      let c = 0;
      for (; c + 4 <= C; c += 4) acc = f32x4.add(acc, v128.load(base + (<usize>c << 2)));
      for (; c < C; c++) s += load<f32>(base + (<usize>c << 2));
    }
    s += (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
    store<f32>(out + (<usize>b << 2), s);
  }
}

// Comparisons write bool bytes (1/0). Same broadcast pattern for b as binary_f32.
export const C_EQ = 0;
export const C_NE = 1;
export const C_LT = 2;
export const C_LE = 3;
export const C_GT = 4;
export const C_GE = 5;

@inline function scmp(op: i32, a: f32, b: f32): u8 {
  switch (op) {
    case 0: return <u8>(a == b);
    case 1: return <u8>(a != b);
    case 2: return <u8>(a < b);
    case 3: return <u8>(a <= b);
    case 4: return <u8>(a > b);
    default: return <u8>(a >= b);
  }
}

@inline function compareImpl(op: i32, n: i32, a: usize, b: usize, out: usize, q: i32, p: i32): void {
  if (p == 1) {
    const bv = load<f32>(b);
    for (let i = 0; i < n; i++) store<u8>(out + <usize>i, scmp(op, load<f32>(a + (<usize>i << 2)), bv));
    return;
  }
  for (let i = 0; i < n; i++) {
    store<u8>(out + <usize>i, scmp(op, load<f32>(a + (<usize>i << 2)), load<f32>(b + (<usize>((i / q) % p) << 2))));
  }
}

export function compare_f32(op: i32, n: i32, a: usize, b: usize, out: usize, q: i32, p: i32): void {
  switch (op) {
    case 0: compareImpl(0, n, a, b, out, q, p); break;
    case 1: compareImpl(1, n, a, b, out, q, p); break;
    case 2: compareImpl(2, n, a, b, out, q, p); break;
    case 3: compareImpl(3, n, a, b, out, q, p); break;
    case 4: compareImpl(4, n, a, b, out, q, p); break;
    default: compareImpl(5, n, a, b, out, q, p); break;
  }
}

// cond ? a : b for contiguous bool cond and float32 a, b, each either full (n elements) or a
// scalar (flag bit 1: a is a scalar, bit 2: b is a scalar).
export function where_f32(n: i32, cond: usize, a: usize, b: usize, out: usize, flags: i32): void {
  const aScalar = flags & 1;
  const bScalar = flags & 2;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const av = load<f32>(aScalar ? a : a + o);
    const bv = load<f32>(bScalar ? b : b + o);
    store<f32>(out + o, load<u8>(cond + <usize>i) ? av : bv);
  }
}

// Casts between bool bytes, int32 and float32 (contiguous).
export function cast_u8_f32(n: i32, x: usize, out: usize): void {
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>load<u8>(x + <usize>i));
}
export function cast_i32_f32(n: i32, x: usize, out: usize): void {
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>load<i32>(x + (<usize>i << 2)));
}

// dst[r, idx[r, j]] += src[r, j] for contiguous dst [rows, dcols], idx (i32) and src [rows, scols]
// (scatter-add along the last dim: max-pool backward). Returns -1, or the flat position of the
// first out-of-range index (nothing is written then; the caller reports it).
export function scatter_add_last_f32(rows: i32, dcols: i32, scols: i32, dst: usize, idx: usize, src: usize): i32 {
  const n = rows * scols;
  for (let i = 0; i < n; i++) {
    const k = load<i32>(idx + (<usize>i << 2));
    if (k < 0 || k >= dcols) return i;
  }
  for (let r = 0; r < rows; r++) {
    const d = dst + (<usize>(r * dcols) << 2);
    const base = <usize>(r * scols) << 2;
    for (let j = 0; j < scols; j++) {
      const o = base + (<usize>j << 2);
      const p = d + (<usize>load<i32>(idx + o) << 2);
      store<f32>(p, load<f32>(p) + load<f32>(src + o));
    }
  }
  return -1;
}

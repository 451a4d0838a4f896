/**
 * Philox4x32-10 block function (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as
 * 1, 2, 3", SC 2011; the same generator as Random123, cuRAND and PyTorch's CUDA backend).
 *
 * Why a counter-based generator: the output for block `i` is a pure function of `(key, i)`. That
 * makes the generator state tiny (a key and a 128-bit counter), trivially saveable to JSON,
 * seekable, and splittable (a child stream only needs a fresh key), with no hidden mutable tables
 * as in Mersenne Twister. Ten rounds is the variant that passes BigCrush with a safety margin.
 *
 * All arithmetic is done on plain JS numbers: the low half of each 32x32->64 product comes from
 * `Math.imul`, the high half from 16-bit limb splitting, whose partial sums stay below 2^53 and so
 * are exact in doubles.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9; // golden ratio
const W1 = 0xbb67ae85; // sqrt(3) - 1

/** High 32 bits of the 64-bit product of two uint32 values (exact). */
export function mulhi32(a: number, b: number): number {
  const ah = a >>> 16;
  const al = a & 0xffff;
  const bh = b >>> 16;
  const bl = b & 0xffff;
  // a*b = ah*bh*2^32 + (ah*bl + al*bh)*2^16 + al*bl; every term below is < 2^34, so exact.
  const cross = ah * bl + al * bh + ((al * bl) >>> 16);
  return (ah * bh + Math.floor(cross / 65536)) >>> 0;
}

/**
 * One Philox4x32-10 block: maps a 128-bit counter (four uint32 words, least significant first)
 * and a 64-bit key (two uint32 words) to four uniformly distributed uint32 words.
 *
 * `out` may be passed to avoid an allocation in hot loops; it is returned.
 */
export function philox4x32(
  counter: ArrayLike<number>,
  key: ArrayLike<number>,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  let c0 = counter[0]! >>> 0;
  let c1 = counter[1]! >>> 0;
  let c2 = counter[2]! >>> 0;
  let c3 = counter[3]! >>> 0;
  let k0 = key[0]! >>> 0;
  let k1 = key[1]! >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      // Key schedule ("bump") between rounds: add the Weyl constants mod 2^32.
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi0 = mulhi32(M0, c0);
    const lo1 = Math.imul(M1, c2) >>> 0;
    const hi1 = mulhi32(M1, c2);
    const n0 = (hi1 ^ c1 ^ k0) >>> 0;
    const n2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

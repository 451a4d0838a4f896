/**
 * Seeded, splittable, saveable random number generator built on Philox4x32-10.
 *
 * State is deliberately small and plain: the seed (which determines the 64-bit Philox key), a
 * 128-bit block counter, the current block's four outputs and how many of them were consumed, and
 * how many times `split()` was called. No value is cached across calls (e.g. Box–Muller's second
 * normal), so `getState()`/`setState()` capture everything and a restored generator reproduces
 * the exact same sequence.
 */

import { philox4x32 } from './philox.js';

/** JSON-serialisable snapshot of a {@link Generator}. All numbers are uint32 unless noted. */
export interface GeneratorState {
  /** Non-negative integer <= 2^53-1; the key is [seed mod 2^32, floor(seed / 2^32)]. */
  seed: number;
  /** Next block to generate, 128 bits as four uint32 words, least significant first. */
  counter: [number, number, number, number];
  /** Outputs of the most recently generated block (block `counter - 1`). */
  buffer: [number, number, number, number];
  /** How many buffer entries were consumed, 0..4 (4 = buffer exhausted). */
  position: number;
  /** Number of `split()` calls so far (non-negative safe integer). */
  splitCount: number;
}

const TWO32 = 4294967296;
const TWO_PI = 2 * Math.PI;
/** Counter word 3 used when deriving child keys; the main stream would need 2^96 blocks to reach it. */
const SPLIT_DOMAIN = 0x53504c54; // "SPLT"

function checkSeed(seed: unknown, where: string): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`${where}: seed must be an integer in [0, 2^53-1], got ${String(seed)}`);
  }
  return seed;
}

function isUint32(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < TWO32;
}

function isUint32Quad(x: unknown): x is [number, number, number, number] {
  return Array.isArray(x) && x.length === 4 && x.every(isUint32);
}

export class Generator {
  private seed = 0;
  private readonly key = new Uint32Array(2);
  private readonly counter = new Uint32Array(4);
  private readonly buffer = new Uint32Array(4);
  private position = 4;
  private splitCount = 0;

  /** @param seed any integer in [0, 2^53-1]; the same seed always gives the same stream. */
  constructor(seed: number = 0) {
    this.manualSeed(checkSeed(seed, 'Generator'));
  }

  /** Re-seeds in place: resets the key, the counter, the buffer and the split count. */
  manualSeed(seed: number): this {
    checkSeed(seed, 'Generator.manualSeed');
    this.seed = seed;
    this.key[0] = seed >>> 0;
    this.key[1] = Math.floor(seed / TWO32);
    this.counter.fill(0);
    this.buffer.fill(0);
    this.position = 4;
    this.splitCount = 0;
    return this;
  }

  /** The seed this generator was created (or last re-seeded) with. */
  initialSeed(): number {
    return this.seed;
  }

  /** Next uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.position === 4) {
      philox4x32(this.counter, this.key, this.buffer);
      incrementCounter(this.counter);
      this.position = 0;
    }
    return this.buffer[this.position++]!;
  }

  /** Uniform double in [0, 1) with 53 random bits (two uint32 draws). */
  nextFloat64(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform value in [0, 1) with 24 random bits (one draw); exactly representable as float32. */
  nextFloat32(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /**
   * Standard normal via Box–Muller. Uses 1-u for the log so u = 0 cannot produce log(0); the
   * second Box–Muller value is discarded rather than cached, keeping the state cache-free.
   */
  nextNormal(): number {
    const u1 = this.nextFloat64();
    const u2 = this.nextFloat64();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(TWO_PI * u2);
  }

  /**
   * Returns a child generator with an independent stream. The child's seed is a Philox block of
   * this generator's key at a domain-separated counter (split count, SPLIT_DOMAIN), so children
   * depend only on this generator's seed and split count: deterministic, distinct from each other
   * and from the parent's own draws (which never use counter word 3 = SPLIT_DOMAIN). The parent's
   * draw position is untouched; only its split count advances.
   */
  split(): Generator {
    const n = this.splitCount++;
    const block = philox4x32([n >>> 0, Math.floor(n / TWO32), 0, SPLIT_DOMAIN], this.key);
    // Fold to a 53-bit seed so the child is exactly `new Generator(childSeed)`.
    const childSeed = (block[1]! & 0x1fffff) * TWO32 + block[0]!;
    return new Generator(childSeed);
  }

  /** An independent copy in the same state (same future draws). */
  clone(): Generator {
    const g = new Generator(this.seed);
    g.setState(this.getState());
    return g;
  }

  /** A plain-object copy of the full state, safe to JSON.stringify and later pass to setState. */
  getState(): GeneratorState {
    const c = this.counter;
    const b = this.buffer;
    return {
      seed: this.seed,
      counter: [c[0]!, c[1]!, c[2]!, c[3]!],
      buffer: [b[0]!, b[1]!, b[2]!, b[3]!],
      position: this.position,
      splitCount: this.splitCount,
    };
  }

  /**
   * Restores a state from getState(). Validates the shape and also that the buffer really is the
   * Philox block before `counter` (so corrupted or hand-edited states fail loudly, not silently).
   */
  setState(state: GeneratorState): this {
    const bad = (why: string): never => {
      let shown: string;
      try {
        shown = JSON.stringify(state) ?? String(state);
      } catch {
        shown = String(state);
      }
      throw new Error(`Generator.setState: invalid state (${why}), got ${shown}`);
    };
    if (typeof state !== 'object' || state === null) bad('expected an object');
    const s = state as unknown as Record<string, unknown>;
    if (typeof s['seed'] !== 'number' || !Number.isSafeInteger(s['seed']) || s['seed'] < 0) {
      bad('seed must be an integer in [0, 2^53-1]');
    }
    if (!isUint32Quad(s['counter'])) bad('counter must be 4 uint32 numbers');
    if (!isUint32Quad(s['buffer'])) bad('buffer must be 4 uint32 numbers');
    const pos = s['position'];
    if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > 4) {
      bad('position must be an integer in 0..4');
    }
    const sc = s['splitCount'];
    if (typeof sc !== 'number' || !Number.isSafeInteger(sc) || sc < 0) {
      bad('splitCount must be a non-negative integer');
    }
    const seed = s['seed'] as number;
    const key = [seed >>> 0, Math.floor(seed / TWO32)];
    const counter = Uint32Array.from(s['counter'] as number[]);
    const buffer = s['buffer'] as number[];
    if ((pos as number) < 4) {
      const prev = Uint32Array.from(counter);
      if (!decrementCounter(prev)) bad('position < 4 but counter is 0, so no block was generated');
      const expect = philox4x32(prev, key);
      if (expect.some((v, i) => v !== buffer[i])) bad('buffer does not match seed and counter');
    }
    this.seed = seed;
    this.key.set(key);
    this.counter.set(counter);
    this.buffer.set(buffer);
    this.position = pos as number;
    this.splitCount = sc as number;
    return this;
  }
}

/** 128-bit increment with carry across the four uint32 words (wraps at 2^128). */
function incrementCounter(c: Uint32Array): void {
  for (let i = 0; i < 4; i++) {
    c[i] = c[i]! + 1;
    if (c[i] !== 0) return;
  }
}

/** 128-bit decrement; returns false (and leaves c wrapped) if c was 0. */
function decrementCounter(c: Uint32Array): boolean {
  for (let i = 0; i < 4; i++) {
    const wasZero = c[i] === 0;
    c[i] = c[i]! - 1;
    if (!wasZero) return true;
  }
  return false;
}

/**
 * The process-wide default generator, used by tensor creation ops when no generator is passed.
 * It starts at seed 0, unlike PyTorch (which seeds from the OS): we prefer runs that are
 * reproducible out of the box over surprise; call `manualSeed` with your own seed for variety.
 */
const DEFAULT = new Generator(0);

/** The process-wide default generator. */
export function defaultGenerator(): Generator {
  return DEFAULT;
}

/** Re-seeds the default generator and returns it (like `torch.manual_seed`). */
export function manualSeed(seed: number): Generator {
  checkSeed(seed, 'manualSeed');
  return DEFAULT.manualSeed(seed);
}

/** Snapshot of the default generator's state. */
export function getRngState(): GeneratorState {
  return DEFAULT.getState();
}

/** Restores the default generator's state from a snapshot. */
export function setRngState(state: GeneratorState): void {
  DEFAULT.setState(state);
}

/**
 * Option checks shared by the schedules and the scheduler classes. Every error starts with `who`
 * (`StepLR`, `schedules.cosineAnnealing`, …) and names the option, what it must be and what it was.
 */

/** Throws on any key of `options` that is not in `allowed`. */
export function checkKeys(who: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${who}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${who}: unknown option '${key}' (expected one of: ${allowed.join(', ')})`);
    }
  }
}

/** The value of a required option, or a clear error if it is missing. */
export function required<T>(who: string, name: string, value: T | undefined): T {
  if (value === undefined || value === null) throw new TypeError(`${who}: missing required option '${name}'`);
  return value;
}

/** A finite number (any sign). */
export function finite(who: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${who}: option '${name}' must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** A finite number > 0. */
export function positive(who: string, name: string, value: unknown): number {
  const v = finite(who, name, value);
  if (!(v > 0)) throw new RangeError(`${who}: option '${name}' must be > 0, got ${v}`);
  return v;
}

/** A finite number >= 0. */
export function nonNegative(who: string, name: string, value: unknown): number {
  const v = finite(who, name, value);
  if (!(v >= 0)) throw new RangeError(`${who}: option '${name}' must be >= 0, got ${v}`);
  return v;
}

/** An integer >= `min`. */
export function integer(who: string, name: string, value: unknown, min: number): number {
  const v = finite(who, name, value);
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${who}: option '${name}' must be an integer >= ${min}, got ${v}`);
  }
  return v;
}

/** A number in [lo, hi]. */
export function inRange(who: string, name: string, value: unknown, lo: number, hi: number): number {
  const v = finite(who, name, value);
  if (!(v >= lo && v <= hi)) throw new RangeError(`${who}: option '${name}' must be in [${lo}, ${hi}], got ${v}`);
  return v;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(who: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new RangeError(`${who}: option '${name}' must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** A boolean. */
export function bool(who: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${who}: option '${name}' must be a boolean, got ${describe(value)}`);
  return value;
}

/** A function. */
export function func<F>(who: string, name: string, value: unknown): F {
  if (typeof value !== 'function') throw new TypeError(`${who}: option '${name}' must be a function, got ${describe(value)}`);
  return value as F;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'function') return 'a function';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

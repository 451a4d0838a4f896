/** Small shared checks for the transforms (argument validation that names the transform). */
import type { Tensor } from '../../tensor/tensor.js';

export function checkNumber(where: string, name: string, value: unknown, { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = {}): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`${where}: ${name} must be a number, got ${String(value)}`);
  const lowOk = minOpen ? value > min : value >= min;
  const highOk = maxOpen ? value < max : value <= max;
  if (!lowOk || !highOk) {
    const lo = min === -Infinity ? '' : `${minOpen ? '>' : '>='} ${min}`;
    const hi = max === Infinity ? '' : `${maxOpen ? '<' : '<='} ${max}`;
    throw new Error(`${where}: ${name} must be ${[lo, hi].filter(Boolean).join(' and ')}, got ${value}`);
  }
  return value;
}

export function checkBetas(where: string, betas: unknown): [number, number] {
  if (!Array.isArray(betas) || betas.length !== 2) throw new Error(`${where}: betas must be a pair [beta1, beta2], got ${JSON.stringify(betas)}`);
  for (let i = 0; i < 2; i++) {
    const b = betas[i] as unknown;
    if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw new Error(`${where}: betas[${i}] must be in [0, 1), got ${String(b)}`);
  }
  return [betas[0] as number, betas[1] as number];
}

export function needParams(where: string, updates: readonly Tensor[], params: readonly Tensor[] | undefined): readonly Tensor[] {
  if (params === undefined) throw new Error(`${where}: update() needs the parameters (pass them as the third argument)`);
  if (params.length !== updates.length) {
    throw new Error(`${where}: got ${updates.length} updates but ${params.length} parameters`);
  }
  return params;
}

/** Rejects unknown keys in an options object, naming the transform and the known keys. */
export function checkKeys(where: string, options: object, known: readonly string[]): void {
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new Error(`${where}: unknown option '${k}' (known: ${known.join(', ')})`);
  }
}

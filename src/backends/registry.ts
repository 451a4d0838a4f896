/** Which backend new tensors live on. The reference backend until a faster one registers. */
import type { Backend } from './backend.js';
import { referenceBackend } from './reference/index.js';

const backends = new Map<string, Backend>([[referenceBackend.name, referenceBackend]]);
let current: Backend = referenceBackend;

export function registerBackend(b: Backend): void {
  backends.set(b.name, b);
}

export function getBackend(name?: string): Backend {
  if (name === undefined) return current;
  const b = backends.get(name);
  if (!b) throw new Error(`getBackend: unknown backend '${name}' (registered: ${[...backends.keys()].join(', ')})`);
  return b;
}

export function setBackend(name: string): void {
  current = getBackend(name);
}

export function listBackends(): string[] {
  return [...backends.keys()];
}

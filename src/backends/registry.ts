/**
 * Which backend new tensors live on. 'wasm' (SIMD kernels on a shared WebAssembly heap) is the
 * default wherever WebAssembly SIMD and SharedArrayBuffer exist, 'reference' otherwise; set
 * NABLA_BACKEND=reference (or call setBackend) to choose. Backends are created on first use.
 */
import type { Backend } from './backend.js';
import { referenceBackend } from './reference/index.js';
import { wasmBackend } from './wasm/index.js';
import { wasmSupported } from './wasm/runtime.js';

const factories = new Map<string, () => Backend>([
  [referenceBackend.name, () => referenceBackend],
  ['wasm', wasmBackend],
]);
const created = new Map<string, Backend>();
let current: Backend | null = null;

export function registerBackend(b: Backend): void {
  factories.set(b.name, () => b);
  created.set(b.name, b);
}

export function getBackend(name?: string): Backend {
  if (name === undefined) {
    if (current === null) current = getBackend(defaultBackendName());
    return current;
  }
  const cached = created.get(name);
  if (cached) return cached;
  const make = factories.get(name);
  if (!make) throw new Error(`getBackend: unknown backend '${name}' (registered: ${[...factories.keys()].join(', ')})`);
  if (name === 'wasm' && !wasmSupported()) {
    throw new Error("getBackend: the 'wasm' backend needs WebAssembly SIMD and SharedArrayBuffer, which this runtime lacks");
  }
  const b = make();
  created.set(name, b);
  return b;
}

function defaultBackendName(): string {
  const env = typeof process !== 'undefined' ? process.env?.NABLA_BACKEND : undefined;
  if (env) {
    if (!factories.has(env)) throw new Error(`NABLA_BACKEND: unknown backend '${env}' (known: ${[...factories.keys()].join(', ')})`);
    return env;
  }
  return wasmSupported() ? 'wasm' : 'reference';
}

/** Makes `name` the backend that new tensors are created on. */
export function setBackend(name: string): void {
  current = getBackend(name);
}

/** Names of the backends that can be used in this runtime. */
export function listBackends(): string[] {
  return [...factories.keys()].filter((n) => n !== 'wasm' || wasmSupported());
}

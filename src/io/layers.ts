/**
 * Layer specs: one JSON shape shared by saved model configs and the CLI's model section
 * (STYLE lesson 5). A spec is the layer's class name plus its `config`, flattened:
 *
 *   {"type": "Linear", "inFeatures": 64, "outFeatures": 10, "bias": true, "dtype": "float32"}
 *   {"type": "ReLU"}
 *   {"type": "Sequential", "layers": [spec, …]}        (a bare array of specs means the same)
 *   {"type": "Residual", "block": spec, "shortcut": spec | null}
 *   {"type": "ModuleList", "modules": [spec, …]}
 *
 * Options a layer leaves out take its defaults (a saved config always has them all). An unknown
 * key is an error naming the layer and its known keys. Custom layers join with `registerLayer`.
 */
import { Sequential, ModuleList } from '../nn/containers.js';
import { Module } from '../nn/module.js';
import * as layers from '../nn/layers/index.js';
import * as activations from '../nn/activations.js';

export interface LayerSpec {
  type: string;
  [option: string]: unknown;
}

/** How one layer class is built from a spec and described by one. */
export interface LayerKind {
  /** Builds the layer from the spec's options (`type` removed); `child` builds nested specs. */
  build(options: Record<string, unknown>, child: (spec: unknown, key: string) => Module): Module;
  /** The spec of an existing layer; `child` describes nested modules. */
  describe(module: Module, child: (m: Module) => LayerSpec): LayerSpec;
}

/** A class with `static fromConfig(config)` and an instance `config` (every nn layer). */
export interface ConfigurableClass {
  name: string;
  prototype: Module;
  fromConfig(config: never): Module;
}

const kinds = new Map<string, { kind: LayerKind; cls: unknown }>();

function configOf(m: Module): Record<string, unknown> {
  const c = (m as unknown as { config?: unknown }).config;
  if (typeof c !== 'object' || c === null) throw new Error(`${m.constructor.name}: has no config object to save`);
  return c as Record<string, unknown>;
}

/** Throws if a spec has keys the built layer's config does not have. */
function checkKnown(type: string, options: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new Error(`${type}: unknown option '${k}' (known: ${known.length ? known.join(', ') : 'none'})`);
  }
}

/** Layers built by `Cls.fromConfig(options)` and described by `{type, ...layer.config}`. */
function configKind(cls: ConfigurableClass): LayerKind {
  return {
    build(options) {
      const m = cls.fromConfig(options as never);
      checkKnown(cls.name, options, Object.keys(configOf(m)));
      return m;
    },
    describe: (m) => ({ type: cls.name, ...structuredClone(configOf(m)) }),
  };
}

/** Activation modules: `new Cls(options)`; their config is their options. */
function optionsKind(cls: new (options?: never) => Module): LayerKind {
  return {
    build: (options) => new cls(options as never),
    describe: (m) => ({ type: cls.name, ...structuredClone(configOf(m)) }),
  };
}

function childList(type: string, key: string, options: Record<string, unknown>, child: (spec: unknown, key: string) => Module): Module[] {
  checkKnown(type, options, [key]);
  const list = options[key] ?? [];
  if (!Array.isArray(list)) throw new Error(`${type}: '${key}' must be a list of layer specs, got ${JSON.stringify(list)}`);
  return list.map((s, i) => child(s, `${key}[${i}]`));
}

/**
 * Adds a layer class to the registry under `name` (its class name by default): either a class with
 * `static fromConfig(config)` and an instance `config`, or a full {build, describe} pair.
 */
export function registerLayer(cls: ConfigurableClass, options?: { name?: string }): void;
export function registerLayer(name: string, kind: LayerKind, cls?: unknown): void;
export function registerLayer(a: ConfigurableClass | string, b?: LayerKind | { name?: string }, cls?: unknown): void {
  if (typeof a === 'string') {
    kinds.set(a, { kind: b as LayerKind, cls });
    return;
  }
  const c = a as ConfigurableClass;
  if (typeof (c as { fromConfig?: unknown } | null)?.fromConfig !== 'function') {
    throw new Error('registerLayer: expected a Module class with a static fromConfig(config), or (name, {build, describe})');
  }
  kinds.set((b as { name?: string } | undefined)?.name ?? c.name, { kind: configKind(c), cls: c });
}

/** The registered layer type names. */
export function layerTypes(): string[] {
  return [...kinds.keys()];
}

for (const cls of [
  layers.Linear, layers.Conv2d, layers.MaxPool2d, layers.AvgPool2d, layers.AdaptiveAvgPool2d, layers.Flatten,
  layers.BatchNorm1d, layers.BatchNorm2d, layers.LayerNorm, layers.GroupNorm, layers.InstanceNorm2d,
  layers.Dropout, layers.Dropout2d, layers.AlphaDropout, layers.GaussianNoise, layers.Maxout, layers.Identity,
] as unknown as ConfigurableClass[]) {
  registerLayer(cls);
}
for (const cls of [
  activations.Sigmoid, activations.Tanh, activations.ReLU, activations.LeakyReLU, activations.PReLU, activations.ELU,
  activations.SELU, activations.CELU, activations.GELU, activations.SiLU, activations.Mish, activations.Softplus,
  activations.Softsign, activations.Hardtanh, activations.Softmax, activations.LogSoftmax,
] as unknown as (new (options?: never) => Module)[]) {
  registerLayer(cls.name, optionsKind(cls), cls);
}
registerLayer('Sequential', {
  build: (o, child) => new Sequential(...childList('Sequential', 'layers', o, child)),
  describe: (m, child) => ({ type: 'Sequential', layers: m.children().map(child) }),
}, Sequential);
registerLayer('ModuleList', {
  build: (o, child) => new ModuleList(childList('ModuleList', 'modules', o, child)),
  describe: (m, child) => ({ type: 'ModuleList', modules: m.children().map(child) }),
}, ModuleList);
registerLayer('Residual', {
  build(o, child) {
    checkKnown('Residual', o, ['block', 'shortcut']);
    if (o['block'] === undefined) throw new Error("Residual: 'block' (a layer spec or a list of them) is required");
    const shortcut = o['shortcut'] === undefined || o['shortcut'] === null ? null : child(o['shortcut'], 'shortcut');
    return new layers.Residual(child(o['block'], 'block'), shortcut);
  },
  describe(m, child) {
    const r = m as layers.Residual;
    return { type: 'Residual', block: child(r.block), shortcut: r.shortcut ? child(r.shortcut) : null };
  },
}, layers.Residual);

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Builds a module from a spec (an array is a Sequential). Errors name the path of the failing
 * spec, e.g. "model.layers[2] (Conv2d): …", starting from `path`.
 */
export function buildLayer(spec: unknown, path = 'model'): Module {
  if (Array.isArray(spec)) return buildLayer({ type: 'Sequential', layers: spec }, path);
  if (typeof spec !== 'object' || spec === null) throw new Error(`${path}: expected a layer spec {type, ...options}, got ${show(spec)}`);
  const { type, ...options } = spec as Record<string, unknown>;
  if (typeof type !== 'string') throw new Error(`${path}: 'type' must be a layer name (one of ${layerTypes().join(', ')}), got ${show(type)}`);
  const entry = kinds.get(type);
  if (!entry) throw new Error(`${path}: unknown layer type '${type}' (known: ${layerTypes().join(', ')})`);
  try {
    return entry.kind.build(options, (s, key) => buildLayer(s, `${path}.${key}`));
  } catch (e) {
    const msg = (e as Error).message;
    if (msg.startsWith(`${path}.`)) throw e; // already located by a nested spec
    throw new Error(`${path} (${type}): ${msg}`);
  }
}

/** The spec of a module tree; throws naming the module if one of its classes is not registered. */
export function describeLayer(module: Module, path = 'model'): LayerSpec {
  for (const { kind, cls } of kinds.values()) {
    if (cls !== module.constructor) continue;
    const names = new Map([...module.namedChildren()].map(([n, m]) => [m, n]));
    return kind.describe(module, (m) => describeLayer(m, `${path}.${names.get(m) ?? '?'}`));
  }
  throw new Error(
    `${path}: cannot describe a ${module.constructor.name} — register its class with registerLayer(cls) ` +
      '(it needs a static fromConfig(config) and an instance config)',
  );
}

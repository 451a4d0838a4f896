/**
 * A small schema language for the run config: each node says what a value must be, fills the
 * defaults, and validation errors name the key path and what was expected, e.g.
 *   "train.epochs: expected an integer >= 1, got 0"
 *   "data.sourc: unknown key (known: source, dir, …)"
 */
export type Schema =
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; default?: number }
  | { kind: 'string'; enum?: readonly string[]; default?: string }
  | { kind: 'boolean'; default?: boolean }
  | { kind: 'object'; fields: Record<string, Schema>; required?: readonly string[]; default?: Record<string, unknown>; describe?: string }
  | { kind: 'array'; items: Schema; default?: unknown[]; minItems?: number }
  /** A value checked elsewhere (layer specs, optimizer options): only its JSON-ness is checked here. */
  | { kind: 'any'; default?: unknown; describe: string }
  | { kind: 'oneOf'; options: readonly Schema[]; describe: string; default?: unknown }
  | { kind: 'nullable'; inner: Schema; default?: null };

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path || 'config'}: ${message}`);
  }
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
}

export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function describe(s: Schema): string {
  switch (s.kind) {
    case 'number': {
      const what = s.integer ? 'an integer' : 'a number';
      const parts: string[] = [];
      if (s.min !== undefined) parts.push(`${s.exclusiveMin ? '>' : '>='} ${s.min}`);
      if (s.max !== undefined) parts.push(`${s.exclusiveMax ? '<' : '<='} ${s.max}`);
      return parts.length ? `${what} ${parts.join(' and ')}` : what;
    }
    case 'string':
      return s.enum ? `one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` : 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return s.describe ?? 'an object';
    case 'array':
      return `a list of ${describe(s.items)}`;
    case 'any':
    case 'oneOf':
      return s.describe;
    case 'nullable':
      return `${describe(s.inner)} or null`;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `value` against `schema` (filling defaults); returns the resolved value or throws ConfigError. */
export function validate(schema: Schema, value: unknown, path = ''): unknown {
  const v = value === undefined ? structuredClone(schema.default) : value;
  const bad = (): never => {
    throw new ConfigError(path, `expected ${describe(schema)}, got ${show(v)}`);
  };
  if (v === undefined && schema.kind !== 'object') return undefined; // optional, no default
  switch (schema.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return bad();
      if (schema.integer && !Number.isInteger(v)) return bad();
      if (schema.min !== undefined && (schema.exclusiveMin ? v <= schema.min : v < schema.min)) return bad();
      if (schema.max !== undefined && (schema.exclusiveMax ? v >= schema.max : v > schema.max)) return bad();
      return v;
    case 'string':
      if (typeof v !== 'string') return bad();
      if (schema.enum && !schema.enum.includes(v)) return bad();
      return v;
    case 'boolean':
      return typeof v === 'boolean' ? v : bad();
    case 'any':
      return v;
    case 'nullable':
      return v === null ? null : validate(schema.inner, v, path);
    case 'array': {
      if (!Array.isArray(v)) return bad();
      if (schema.minItems !== undefined && v.length < schema.minItems) throw new ConfigError(path, `expected at least ${schema.minItems} entries, got ${v.length}`);
      return v.map((x, i) => validate(schema.items, x, join(path, i)));
    }
    case 'oneOf': {
      const errors: string[] = [];
      for (const o of schema.options) {
        try {
          return validate(o, v, path);
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
      // the most specific message: one that points deeper than this path
      const deeper = errors.find((m) => !m.startsWith(`${path || 'config'}: expected`));
      if (deeper) throw new Error(deeper);
      return bad();
    }
    case 'object': {
      if (v === undefined) {
        if (schema.required?.length) throw new ConfigError(path, `required (${describe(schema)})`);
        return undefined;
      }
      if (!isPlainObject(v)) return bad();
      const known = Object.keys(schema.fields);
      for (const k of Object.keys(v)) {
        if (!known.includes(k)) throw new ConfigError(join(path, k), `unknown key (known: ${known.join(', ')})`);
      }
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.fields)) {
        const given = v[k];
        if (given === undefined && schema.required?.includes(k)) throw new ConfigError(join(path, k), `required: ${describe(s)}`);
        const r = validate(s, given, join(path, k));
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
  }
}

/**
 * Applies `--set a.b=value` overrides to a config object (in place). The value is parsed as JSON
 * when it can be (numbers, true/false, null, lists, objects) and is a string otherwise. A numeric
 * segment indexes a list: `--set model.0.outChannels=32` (or `model[0].outChannels=32`).
 */
export function applySet(config: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ConfigError('--set', `expected key.path=value, got ${JSON.stringify(assignment)}`);
  const key = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
  if (parts.length === 0) throw new ConfigError('--set', `empty key in ${JSON.stringify(assignment)}`);
  let node: unknown = config;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    const container = node as Record<string, unknown>;
    if (Array.isArray(container)) {
      const idx = Number(p);
      if (!Number.isInteger(idx) || idx < 0 || idx >= container.length) {
        throw new ConfigError('--set', `${parts.slice(0, i + 1).join('.')}: index ${p} is out of range for a list of ${container.length}`);
      }
      node = container[idx];
      continue;
    }
    if (container[p] === undefined || container[p] === null || typeof container[p] !== 'object') container[p] = {};
    node = container[p];
  }
  const last = parts[parts.length - 1]!;
  if (Array.isArray(node)) {
    const idx = Number(last);
    if (!Number.isInteger(idx) || idx < 0 || idx > node.length) throw new ConfigError('--set', `${key}: index ${last} is out of range for a list of ${node.length}`);
    node[idx] = value;
  } else {
    (node as Record<string, unknown>)[last] = value;
  }
}

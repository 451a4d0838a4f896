/**
 * Module: the base of every layer and model, with PyTorch's contract. A module registers its
 * parameters (trainable leaves), buffers (state such as batch-norm running statistics) and child
 * modules explicitly; everything else — parameters(), stateDict(), train()/eval(), hooks — walks
 * those registrations with dotted names ("0.weight", "block.bn.runningMean").
 *
 * Registered names become properties, so layers read `this.weight`; assigning `this.weight = t`
 * updates the registration. Call a module with `module.call(x)` (runs forward hooks) or
 * `module.forward(x)` (skips them), like `module(x)` vs `module.forward(x)` in PyTorch.
 */
import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../tensor/dtype.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

export type ForwardPreHook = (module: Module, inputs: Tensor[]) => Tensor[] | void;
export type ForwardHook = (module: Module, inputs: Tensor[], output: Tensor) => Tensor | void;

export interface HookHandle {
  remove(): void;
}

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

export type StateDict = Record<string, Tensor>;

function handle<T>(list: T[], item: T): HookHandle {
  list.push(item);
  return {
    remove: () => {
      const i = list.indexOf(item);
      if (i >= 0) list.splice(i, 1);
    },
  };
}

export abstract class Module {
  /** Training mode (dropout active, batch norm uses batch statistics); switch with train()/eval(). */
  training = true;
  private readonly _parameters = new Map<string, Tensor | null>();
  private readonly _buffers = new Map<string, Tensor | null>();
  private readonly _nonPersistent = new Set<string>();
  private readonly _modules = new Map<string, Module | null>();
  private readonly _preHooks: ForwardPreHook[] = [];
  private readonly _hooks: ForwardHook[] = [];

  abstract forward(...inputs: Tensor[]): Tensor;

  /** Runs pre-hooks, forward, then hooks (a hook may replace the inputs or the output). */
  call(...inputs: Tensor[]): Tensor {
    let args = inputs;
    for (const h of this._preHooks) {
      const r = h(this, args);
      if (r !== undefined) args = r;
    }
    let out = this.forward(...args);
    for (const h of this._hooks) {
      const r = h(this, args, out);
      if (r !== undefined) out = r;
    }
    return out;
  }

  // ---- registration ---------------------------------------------------------------------------

  private defineSlot(name: string, kind: string): void {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) && !/^\d+$/.test(name)) {
      throw new Error(`${this.constructor.name}: invalid ${kind} name '${name}' (no dots; must be an identifier or an index)`);
    }
    const taken = [this._parameters, this._buffers, this._modules].some((m) => m.has(name));
    if (taken) throw new Error(`${this.constructor.name}: '${name}' is already registered`);
    if (/^\d+$/.test(name)) return; // containers index children by number; no property
    const maps = { parameter: this._parameters, buffer: this._buffers, module: this._modules } as const;
    const map = maps[kind as keyof typeof maps] as Map<string, unknown>;
    Object.defineProperty(this, name, {
      configurable: true,
      enumerable: true,
      get: () => map.get(name) ?? null,
      set: (v: unknown) => {
        if (kind === 'parameter') this.setParameter(name, v as Tensor | null);
        else map.set(name, v);
      },
    });
  }

  private setParameter(name: string, t: Tensor | null): void {
    if (t !== null) {
      if (!(t instanceof Tensor)) throw new Error(`${this.constructor.name}: parameter '${name}' must be a Tensor or null`);
      if (!isFloating(t.dtype)) throw new Error(`${this.constructor.name}: parameter '${name}' must be floating point, got ${t.dtype}`);
      if (!t.isLeaf) throw new Error(`${this.constructor.name}: parameter '${name}' must be a leaf tensor (use t.detach())`);
      if (!t.requiresGrad) t.requiresGrad_(true);
    }
    this._parameters.set(name, t);
  }

  /** Registers a trainable tensor (made a leaf that requires grad); null reserves the name. */
  registerParameter(name: string, t: Tensor | null): Tensor | null {
    this.defineSlot(name, 'parameter');
    this.setParameter(name, t);
    return t;
  }

  /** Registers non-trainable state saved in stateDict (unless persistent is false). */
  registerBuffer(name: string, t: Tensor | null, persistent = true): Tensor | null {
    this.defineSlot(name, 'buffer');
    this._buffers.set(name, t);
    if (!persistent) this._nonPersistent.add(name);
    return t;
  }

  registerModule<M extends Module | null>(name: string, m: M): M {
    if (m !== null && !(m instanceof Module)) throw new Error(`${this.constructor.name}: child '${name}' must be a Module`);
    this.defineSlot(name, 'module');
    this._modules.set(name, m);
    return m;
  }

  // ---- traversal ------------------------------------------------------------------------------

  *namedChildren(): IterableIterator<[string, Module]> {
    for (const [n, m] of this._modules) if (m !== null) yield [n, m];
  }
  children(): Module[] {
    return [...this.namedChildren()].map(([, m]) => m);
  }
  /** This module and all descendants, each once, with dotted names ('' for this one). */
  namedModules(prefix = '', seen = new Set<Module>()): [string, Module][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [n, m] of this.namedChildren()) out.push(...m.namedModules(prefix ? `${prefix}.${n}` : n, seen));
    return out;
  }
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }
  /** Parameters with dotted names; a tensor shared by two layers (tying) is listed once. */
  namedParameters(prefix = '', recurse = true): [string, Tensor][] {
    return this.collect('_parameters', prefix, recurse);
  }
  parameters(recurse = true): Tensor[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    return this.collect('_buffers', prefix, recurse);
  }
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  private collect(kind: '_parameters' | '_buffers', prefix: string, recurse: boolean): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    const mods: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [mp, m] of mods) {
      for (const [n, t] of m[kind]) {
        if (t === null || seen.has(t)) continue;
        seen.add(t);
        out.push([mp ? `${mp}.${n}` : n, t]);
      }
    }
    return out;
  }

  // ---- modes and utilities --------------------------------------------------------------------

  /** Sets training mode on this module and every descendant. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  eval(): this {
    return this.train(false);
  }
  /** Calls fn on every descendant (children first) and then on this module, like PyTorch. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }
  /** Clears .grad of every parameter (PyTorch's zero_grad with set_to_none=True). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }
  registerForwardPreHook(hook: ForwardPreHook): HookHandle {
    return handle(this._preHooks, hook);
  }
  registerForwardHook(hook: ForwardHook): HookHandle {
    return handle(this._hooks, hook);
  }

  // ---- state ----------------------------------------------------------------------------------

  /** Parameters and persistent buffers by dotted name; values share storage with the module. */
  stateDict(): StateDict {
    const sd: StateDict = {};
    for (const [prefix, m] of this.namedModules()) {
      const key = (n: string): string => (prefix ? `${prefix}.${n}` : n);
      for (const [n, t] of m._parameters) if (t !== null) sd[key(n)] = t.detach();
      for (const [n, t] of m._buffers) if (t !== null && !m._nonPersistent.has(n)) sd[key(n)] = t.detach();
    }
    return sd;
  }

  /**
   * Copies values from a state dict. strict (default) throws listing missing and unexpected keys;
   * a shape mismatch always throws naming the key and both shapes.
   */
  loadStateDict(sd: StateDict, options: { strict?: boolean } = {}): LoadResult {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in sd));
    const unexpectedKeys = Object.keys(sd).filter((k) => !(k in own));
    const mismatched: string[] = [];
    for (const [k, t] of Object.entries(own)) {
      const src = sd[k];
      if (src === undefined) continue;
      if (!(src instanceof Tensor)) throw new Error(`loadStateDict: value for '${k}' is not a Tensor`);
      if (!sameShape(src.shape, t.shape)) mismatched.push(`'${k}': checkpoint ${shapeStr(src.shape)} vs model ${shapeStr(t.shape)}`);
    }
    const problems: string[] = [];
    if (mismatched.length) problems.push(`size mismatch for ${mismatched.join(', ')}`);
    if (strict && missingKeys.length) problems.push(`missing keys: ${missingKeys.join(', ')}`);
    if (strict && unexpectedKeys.length) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    if (problems.length) throw new Error(`loadStateDict (${this.constructor.name}): ${problems.join('; ')}`);
    noGrad(() => {
      for (const [k, t] of Object.entries(own)) {
        const src = sd[k];
        if (src !== undefined) t.copy_(src);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** One line per module with its config, indented like PyTorch's repr. */
  toString(): string {
    const extra = this.extraRepr();
    const kids = [...this.namedChildren()];
    if (kids.length === 0) return `${this.constructor.name}(${extra})`;
    const inner = kids.map(([n, m]) => `  (${n}): ${m.toString().split('\n').join('\n  ')}`);
    return `${this.constructor.name}(${extra ? `${extra}\n` : '\n'}${inner.join('\n')}\n)`;
  }
  /** Override to describe the layer's configuration in toString(). */
  extraRepr(): string {
    return '';
  }
}

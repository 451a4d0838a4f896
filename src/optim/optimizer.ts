/**
 * Optimizer — the thin, stateful PyTorch-style shell around a gradient transformation
 * (STYLE lesson 3). It only keeps books:
 *
 *   - `paramGroups`: the parameters, split into groups, each with its own hyper-parameters
 *     (`{params, lr, …options}`; public and mutable — a learning-rate schedule writes `lr` here);
 *   - `state`: per-parameter state (a Map from parameter to the transformation's state);
 *   - `step(closure?)`: for every parameter that has a gradient, runs the group's transformation
 *     (rebuilt from the group's current options, so edits to `lr` take effect on the next step) on
 *     that parameter alone and adds the result to it; parameters whose `grad` is null are skipped
 *     and keep their state, as in PyTorch;
 *   - `zeroGrad()`, `addParamGroup()`, `stateDict()` / `loadStateDict()`.
 *
 * The maths lives in src/optim/transforms; a named optimizer is one `transform(group)` method that
 * chains them. Running the chain per parameter is exact for every named optimizer (all their
 * transformations act coordinate-wise) and gives PyTorch's per-parameter state and step counts.
 *
 * State dict format (JSON-safe plain data, like PyTorch's state_dict keyed by parameter index):
 *   { state: { "<index>": SerializedState, … },
 *     paramGroups: [ { …options, params: [<index>, …] }, … ] }
 * Parameters are numbered in group order. A parameter's state is its transformation state with
 * every Tensor written as {shape, dtype, data} (see transforms/serialize.ts); for a chain it is an
 * array with one entry per link, e.g. Adam: [{}, {}, {count, mu: [m], nu: [v], nuMax: null}, {}].
 * JSON.stringify / JSON.parse round-trips it exactly, and loadStateDict also accepts Tensors where
 * the data would be.
 */
import { enableGrad, noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../tensor/dtype.js';
import { sameShape, shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { GradientTransformation, TransformState } from './transforms/types.js';
import { deserializeState, serializeState, type SerializedState } from './transforms/serialize.js';

/** One parameter group: its parameters and its hyper-parameters (named like the options). */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
  [option: string]: unknown;
}

/** A group as given to the constructor or addParamGroup: options left out take the defaults. */
export interface ParamGroupSpec {
  params: Iterable<Tensor> | Tensor;
  [option: string]: unknown;
}

/** What an optimizer accepts: parameters (e.g. model.parameters()) or a list of groups. */
export type Params = Iterable<Tensor> | Iterable<ParamGroupSpec>;

export interface OptimizerStateDict {
  state: Record<string, SerializedState>;
  paramGroups: ({ params: number[] } & Record<string, unknown>)[];
}

export interface ZeroGradOptions {
  /** Set grads to null (default, PyTorch ≥ 2.0) instead of filling them with zeros. */
  setToNone?: boolean;
}

function describe(x: unknown): string {
  if (x instanceof Tensor) return `Tensor(shape=${shapeStr(x.shape)}, dtype=${x.dtype})`;
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor);
}

/** Value copy of plain option data (betas arrays are not shared between groups). */
function copyOption<T>(v: T): T {
  return Array.isArray(v) ? (v.map(copyOption) as T) : isPlainObject(v) ? (Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyOption(x)])) as T) : v;
}

/** Checks that a restored state has the layout this optimizer's transformation produces. */
function sameLayout(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return true; // lazily created parts (momentum buffer, amsgrad maximum)
  if (a instanceof Tensor || b instanceof Tensor) return a instanceof Tensor && b instanceof Tensor;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameLayout(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameLayout(a[k], b[k]));
  }
  return typeof a === typeof b;
}

export abstract class Optimizer<G extends ParamGroup = ParamGroup> {
  /** Hyper-parameters used by groups that do not set their own (constructor options over built-in defaults). */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The parameter groups; mutable, like PyTorch's param_groups (schedules write `lr` here). */
  paramGroups: G[] = [];
  /** Per-parameter state: the group transformation's state for each parameter that has stepped. */
  readonly state = new Map<Tensor, TransformState>();

  /**
   * @param name        the optimizer's name, used in every error message
   * @param defaults    built-in defaults of every option; `undefined` marks a required option
   * @param options     the user's options object (unknown keys are an error)
   */
  protected constructor(
    readonly name: string,
    params: Params,
    defaults: Record<string, unknown>,
    options: object,
  ) {
    if (!isPlainObject(options)) throw new Error(`${name}: options must be an object, got ${describe(options)}`);
    this.checkKeys(options, Object.keys(defaults), name);
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(defaults)) {
      const own = (options as Record<string, unknown>)[k];
      merged[k] = copyOption(own !== undefined ? own : v);
    }
    this.defaults = merged;
    // Validate the defaults the way PyTorch does in its constructors (required ones may be absent).
    this.validateOptions(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
    for (const spec of this.groupSpecs(params)) this.addParamGroup(spec);
  }

  /** The gradient transformation for one group, built from the group's current options. */
  protected abstract transform(group: G): GradientTransformation;

  /**
   * Checks option values (present keys only), throwing errors that name the optimizer and the
   * option. Called on the defaults and on every group.
   */
  protected abstract validateOptions(options: Record<string, unknown>): void;

  // ---- parameter groups -------------------------------------------------------------------------

  private groupSpecs(params: Params): ParamGroupSpec[] {
    if (params instanceof Tensor) {
      throw new Error(`${this.name}: params must be an iterable of Tensors or of parameter groups, got a single Tensor (wrap it in an array)`);
    }
    if (params === null || typeof params !== 'object' || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new Error(`${this.name}: params must be an iterable of Tensors or of parameter groups, got ${describe(params)}`);
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new Error(`${this.name}: got an empty parameter list`);
    if (list.every((x) => isPlainObject(x) && 'params' in x)) return list as ParamGroupSpec[];
    if (list.some((x) => isPlainObject(x) && 'params' in x)) {
      throw new Error(`${this.name}: params mixes Tensors and parameter groups; pass either Tensors or groups ({params, ...options})`);
    }
    return [{ params: list as Tensor[] }];
  }

  /** Adds a group ({params, ...options}); options it leaves out take the optimizer's defaults. */
  addParamGroup(spec: ParamGroupSpec): void {
    const where = `${this.name}: parameter group ${this.paramGroups.length}`;
    if (!isPlainObject(spec) || !('params' in spec)) throw new Error(`${where} must be an object with a 'params' entry, got ${describe(spec)}`);
    this.checkKeys(spec, ['params', ...Object.keys(this.defaults)], where);
    const raw = spec.params;
    let params: unknown[];
    if (raw instanceof Tensor) params = [raw];
    else if (raw !== null && typeof raw === 'object' && typeof (raw as Iterable<unknown>)[Symbol.iterator] === 'function') params = [...(raw as Iterable<unknown>)];
    else throw new Error(`${where}: params must be a Tensor or an iterable of Tensors, got ${describe(raw)}`);

    const seen = new Map<Tensor, number>();
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new Error(`${where}: can only optimize Tensors, but parameter ${i} is ${describe(p)}`);
      if (!isFloating(p.dtype)) throw new Error(`${where}: can only optimize floating-point Tensors, but parameter ${i} has dtype ${p.dtype}`);
      if (!p.isLeaf) {
        throw new Error(`${where}: can't optimize a non-leaf Tensor (parameter ${i} was computed by '${p.gradFn?.name ?? '?'}'); optimize the leaf it came from, or use t.detach().requiresGrad_()`);
      }
      const j = seen.get(p);
      if (j !== undefined) throw new Error(`${where}: the same parameter appears twice (positions ${j} and ${i})`);
      seen.set(p, i);
    });
    this.paramGroups.forEach((g, gi) => {
      g.params.forEach((p) => {
        if (seen.has(p)) throw new Error(`${this.name}: some parameters appear in more than one parameter group (parameter ${seen.get(p)} of group ${this.paramGroups.length} is already in group ${gi})`);
      });
    });

    const group: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.defaults)) {
      const own = spec[k];
      const value = own !== undefined ? own : v;
      if (value === undefined) throw new Error(`${where} didn't specify a value of required option '${k}'`);
      group[k] = copyOption(value);
    }
    this.validateOptions(group);
    group['params'] = params as Tensor[];
    this.paramGroups.push(group as G);
  }

  private checkKeys(options: object, known: readonly string[], where: string): void {
    for (const k of Object.keys(options)) {
      if (!known.includes(k)) throw new Error(`${where}: unknown option '${k}' (known: ${known.join(', ')})`);
    }
  }

  // ---- training ---------------------------------------------------------------------------------

  /** Clears every parameter's gradient: sets it to null (default) or, with {setToNone: false}, to zeros. */
  zeroGrad(options: ZeroGradOptions = {}): void {
    const { setToNone = true } = options;
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else {
          const grad = p.grad.gradFn !== null ? p.grad.detach() : p.grad;
          noGrad(() => grad.zero_());
          p.grad = grad;
        }
      }
    }
  }

  /**
   * One update of every parameter that has a gradient. If given, `closure` is called first (with
   * grad mode on) to recompute the loss and gradients; its result is returned.
   */
  step<L = unknown>(closure?: () => L): L | undefined {
    let loss: L | undefined;
    if (closure !== undefined) {
      if (typeof closure !== 'function') throw new Error(`${this.name}.step: closure must be a function, got ${describe(closure)}`);
      loss = enableGrad(closure);
    }
    noGrad(() => {
      for (const group of this.paramGroups) {
        let tx: GradientTransformation | null = null;
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          if (!sameShape(grad.shape, p.shape)) {
            throw new Error(`${this.name}.step: a gradient of shape ${shapeStr(grad.shape)} does not match its parameter of shape ${shapeStr(p.shape)}`);
          }
          tx ??= this.transform(group);
          const prev = this.state.has(p) ? this.state.get(p) : tx.init([p]);
          const { updates, state } = tx.update([grad], prev, [p]);
          this.state.set(p, state);
          p.add_(updates[0]!);
        }
      }
    });
    return loss;
  }

  // ---- checkpoints ------------------------------------------------------------------------------

  /** The optimizer's state and hyper-parameters as JSON-safe data (see the format above). */
  stateDict(): OptimizerStateDict {
    const ids = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g, gi) => {
      const options: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) {
        if (k === 'params') continue;
        try {
          options[k] = serializeState(v);
        } catch {
          throw new Error(`${this.name}.stateDict: option '${k}' of parameter group ${gi} is not plain data (${describe(v)})`);
        }
      }
      const params = g.params.map((p) => {
        if (!ids.has(p)) ids.set(p, ids.size);
        return ids.get(p)!;
      });
      return { ...options, params };
    });
    const state: Record<string, SerializedState> = {};
    for (const [p, s] of this.state) {
      const id = ids.get(p);
      if (id !== undefined) state[String(id)] = serializeState(s);
    }
    return { state, paramGroups };
  }

  /**
   * Restores a stateDict() (possibly after JSON): hyper-parameters go back into the groups (the
   * saved values win, as in PyTorch), per-parameter state is rebuilt in each parameter's dtype. The
   * groups must have the same sizes as when saved. Nothing changes if any check fails.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const where = `${this.name}.loadStateDict`;
    if (!isPlainObject(stateDict) || !Array.isArray(stateDict.paramGroups) || !isPlainObject(stateDict.state)) {
      throw new Error(`${where}: expected {state, paramGroups} as returned by stateDict(), got ${describe(stateDict)}`);
    }
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new Error(`${where}: the state dict has ${saved.length} parameter groups but this optimizer has ${this.paramGroups.length}`);
    }
    const byId = new Map<number, Tensor>();
    const options: Record<string, unknown>[] = [];
    saved.forEach((sg, gi) => {
      const own = this.paramGroups[gi]!.params;
      if (!isPlainObject(sg) || !Array.isArray(sg.params)) throw new Error(`${where}: parameter group ${gi} has no 'params' list`);
      if (sg.params.length !== own.length) {
        throw new Error(`${where}: parameter group ${gi} has ${sg.params.length} parameters in the state dict but ${own.length} in this optimizer`);
      }
      sg.params.forEach((id, k) => byId.set(id, own[k]!));
      const { params: _params, ...rest } = sg;
      const restoredOptions = deserializeState(rest) as Record<string, unknown>;
      this.validateOptions(restoredOptions);
      options.push(restoredOptions);
    });
    const restored = new Map<Tensor, TransformState>();
    for (const [key, s] of Object.entries(stateDict.state)) {
      const p = byId.get(Number(key));
      if (p === undefined) throw new Error(`${where}: state for parameter '${key}', which is in none of the parameter groups`);
      const state = deserializeState(s, (t) => {
        if (!sameShape(t.shape, p.shape)) {
          throw new Error(`${where}: state of parameter ${key} holds a tensor of shape ${shapeStr(t.shape)} but the parameter has shape ${shapeStr(p.shape)}`);
        }
        return isFloating(t.dtype) && t.dtype !== p.dtype ? t.to(p.dtype) : t;
      });
      const group = this.paramGroups.find((g) => g.params.includes(p))!;
      if (!sameLayout(state, this.transform(group).init([p]))) {
        throw new Error(`${where}: the state of parameter ${key} does not have the layout of ${this.name}'s state (was it saved by another optimizer?)`);
      }
      restored.set(p, state);
    }
    this.state.clear();
    for (const [p, s] of restored) this.state.set(p, s);
    this.paramGroups.forEach((g, gi) => Object.assign(g, options[gi]));
  }
}

// ---- option checks shared by the named optimizers ------------------------------------------------

/** Throws `<Optimizer>: invalid <what> <key>=<value> (must be …)` unless lo ≤ value (< or ≤) hi. */
export function checkRange(
  name: string,
  options: Record<string, unknown>,
  key: string,
  what: string,
  { min = 0, max = Infinity, maxOpen = false }: { min?: number; max?: number; maxOpen?: boolean } = {},
): void {
  if (!(key in options)) return;
  const v = options[key];
  const ok = typeof v === 'number' && v >= min && (maxOpen ? v < max : v <= max);
  if (!ok) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}${maxOpen ? ')' : ']'}`;
    throw new Error(`${name}: invalid ${what} ${key}=${typeof v === 'number' ? v : JSON.stringify(v) ?? String(v)} (must be a number ${range})`);
  }
}

export function checkBool(name: string, options: Record<string, unknown>, key: string): void {
  if (key in options && typeof options[key] !== 'boolean') {
    throw new Error(`${name}: invalid option ${key}=${JSON.stringify(options[key])} (must be true or false)`);
  }
}

export function checkBetasOption(name: string, options: Record<string, unknown>): void {
  if (!('betas' in options)) return;
  const b = options['betas'];
  if (!Array.isArray(b) || b.length !== 2) throw new Error(`${name}: invalid betas ${JSON.stringify(b)} (must be a pair [beta1, beta2])`);
  b.forEach((x, i) => {
    if (typeof x !== 'number' || !(x >= 0 && x < 1)) throw new Error(`${name}: invalid beta parameter at index ${i}: ${String(x)} (must be in [0, 1))`);
  });
}

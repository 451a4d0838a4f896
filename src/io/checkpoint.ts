/**
 * Checkpoints: a tree of plain data and tensors (model state dict, optimizer state, scheduler
 * state, generator states, epoch, step, history, callback states…) in ONE safetensors file,
 * written atomically (temporary file + rename), so a run killed while saving keeps its previous
 * checkpoint intact.
 *
 * Every tensor in the tree (a Tensor, or the {shape, dtype, data} form of optimizer state dicts)
 * is stored as a safetensors tensor named by its path in the tree ("model/0.weight",
 * "optimizer/state/3/2/mu/0"); the rest of the tree is JSON in the header's
 * `__metadata__.nabla_checkpoint`, with each tensor replaced by {"$tensor": "<name>"} and NaN/±∞
 * by {"$number": "NaN" | "Infinity" | "-Infinity"}. Python can open a checkpoint with safetensors
 * and read the JSON with `json.loads(metadata["nabla_checkpoint"])`.
 */
import { isTensorData, dataToTensor } from '../optim/transforms/serialize.js';
import { Tensor } from '../tensor/tensor.js';
import { loadSafetensors, saveSafetensors } from './safetensors.js';

export const CHECKPOINT_FORMAT = 'nabla.checkpoint';
export const CHECKPOINT_VERSION = '1';

/** A checkpoint tree: JSON values and Tensors, nested in plain objects and arrays. */
export type StateTree = null | boolean | number | string | Tensor | StateTree[] | { [key: string]: StateTree };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor);
}

/** Splits a tree into JSON (tensors replaced by references) and the tensors by name. */
export function splitTensors(tree: unknown): { json: unknown; tensors: Record<string, Tensor> } {
  const tensors: Record<string, Tensor> = {};
  const walk = (v: unknown, path: string): unknown => {
    if (v instanceof Tensor || isTensorData(v)) {
      const name = path || 'tensor';
      if (name in tensors) throw new Error(`saveCheckpoint: two tensors at path '${name}'`);
      tensors[name] = v instanceof Tensor ? v : dataToTensor(v, 'saveCheckpoint');
      return { $tensor: name };
    }
    if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) };
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (v === undefined) return null;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, path ? `${path}/${i}` : String(i)));
    if (isPlainObject(v)) {
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return walk((v as { toJSON(): unknown }).toJSON(), path);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x, path ? `${path}/${k}` : k);
      return out;
    }
    throw new Error(`saveCheckpoint: cannot store a value of type ${typeof v} at '${path}'`);
  };
  return { json: walk(tree, ''), tensors };
}

/** The inverse of splitTensors. */
export function joinTensors(json: unknown, tensors: Record<string, Tensor>, source = 'checkpoint'): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$tensor') {
        const t = tensors[v['$tensor'] as string];
        if (!t) throw new Error(`${source}: the state refers to tensor '${String(v['$tensor'])}', which the file does not hold (corrupted checkpoint)`);
        return t;
      }
      if (keys.length === 1 && keys[0] === '$number') return Number(v['$number']);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(json);
}

/** Saves a state tree as a checkpoint file, atomically. */
export async function saveCheckpoint(path: string, state: Record<string, unknown>): Promise<void> {
  const { json, tensors } = splitTensors(state);
  await saveSafetensors(path, tensors, {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    nabla_checkpoint: JSON.stringify(json),
  });
}

/** Loads a checkpoint file written by saveCheckpoint; errors name the file and the problem. */
export async function loadCheckpoint(path: string): Promise<Record<string, unknown>> {
  const { tensors, metadata } = await loadSafetensors(path);
  if (metadata['format'] !== CHECKPOINT_FORMAT || metadata['nabla_checkpoint'] === undefined) {
    throw new Error(`loadCheckpoint: ${path} is a safetensors file but not a nabla checkpoint (its metadata has no nabla_checkpoint entry)`);
  }
  if (metadata['version'] !== CHECKPOINT_VERSION) {
    throw new Error(`loadCheckpoint: ${path} has checkpoint version ${String(metadata['version'])}; this nabla reads version ${CHECKPOINT_VERSION}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(metadata['nabla_checkpoint']);
  } catch (e) {
    throw new Error(`loadCheckpoint: ${path}: the checkpoint state is not valid JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(json)) throw new Error(`loadCheckpoint: ${path}: the checkpoint state must be an object`);
  return joinTensors(json, tensors, `loadCheckpoint: ${path}`) as Record<string, unknown>;
}

/**
 * Saving and loading whole models: `saveModel(model, dir)` writes
 *
 *   dir/model.json          {"format": "nabla.model", "version": 1, "model": <layer spec>, "metadata": {…}}
 *   dir/model.safetensors   model.stateDict() — parameters and buffers by dotted name
 *
 * and `loadModel(dir)` rebuilds the module from the spec (src/io/layers.ts) and loads the weights
 * strictly (missing, unexpected or mis-shaped keys throw). Python reads the weights with
 * `safetensors.torch.load_file("dir/model.safetensors")`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Module } from '../nn/module.js';
import { writeJsonAtomic } from './atomic.js';
import { buildLayer, describeLayer, type LayerSpec } from './layers.js';
import { loadSafetensors, saveSafetensors } from './safetensors.js';

export const MODEL_CONFIG_FILE = 'model.json';
export const MODEL_WEIGHTS_FILE = 'model.safetensors';

export interface ModelFile {
  format: 'nabla.model';
  version: 1;
  model: LayerSpec;
  /** Anything JSON the caller wants kept with the model (input shape, class names, preprocessing). */
  metadata: Record<string, unknown>;
}

export interface SaveModelOptions {
  metadata?: Record<string, unknown>;
}

/** Writes model.json and model.safetensors into `dir` (created if needed), each atomically. */
export async function saveModel(model: Module, dir: string, options: SaveModelOptions = {}): Promise<void> {
  const file: ModelFile = { format: 'nabla.model', version: 1, model: describeLayer(model), metadata: options.metadata ?? {} };
  await mkdir(dir, { recursive: true });
  await saveSafetensors(join(dir, MODEL_WEIGHTS_FILE), model.stateDict(), { format: 'pt' });
  await writeJsonAtomic(join(dir, MODEL_CONFIG_FILE), file);
}

/** Reads and checks dir/model.json. */
export async function readModelFile(dir: string): Promise<ModelFile> {
  const path = join(dir, MODEL_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`loadModel: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new Error(`loadModel: ${path} is not valid JSON (${(e as Error).message})`);
  }
  const f = file as Partial<ModelFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== 'nabla.model') throw new Error(`loadModel: ${path} is not a nabla model file (no "format": "nabla.model")`);
  if (f.version !== 1) throw new Error(`loadModel: ${path} has version ${String(f.version)}; this nabla reads version 1`);
  return { format: 'nabla.model', version: 1, model: f.model as LayerSpec, metadata: f.metadata ?? {} };
}

/** Rebuilds the model saved in `dir` by saveModel, with its weights. */
export async function loadModel(dir: string): Promise<Module> {
  const file = await readModelFile(dir);
  let model: Module;
  try {
    model = buildLayer(file.model);
  } catch (e) {
    throw new Error(`loadModel: ${join(dir, MODEL_CONFIG_FILE)}: ${(e as Error).message}`);
  }
  const { tensors } = await loadSafetensors(join(dir, MODEL_WEIGHTS_FILE));
  try {
    model.loadStateDict(tensors);
  } catch (e) {
    throw new Error(`loadModel: ${join(dir, MODEL_WEIGHTS_FILE)} does not match ${MODEL_CONFIG_FILE}: ${(e as Error).message}`);
  }
  return model;
}

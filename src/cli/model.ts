/**
 * Builds the model of a run config: a preset or a list of layer specs in which the input sizes
 * may be left out — they are read from the shape flowing through the layers, so one config
 * fits any data set of the same kind:
 *   Linear.inFeatures, Maxout.inFeatures           ← the last dim
 *   Conv2d.inChannels, BatchNorm*.numFeatures,
 *   InstanceNorm2d.numFeatures, GroupNorm.numChannels ← the channel dim
 *   Linear.outFeatures: "outputs"                  ← the number of classes (or regression targets)
 * Each layer is built (src/io/layers.ts) and run once on a zero batch of two to learn its output
 * shape. The model that comes out is a plain Sequential whose saved spec has every size filled in.
 */
import { noGrad } from '../autograd/grad-mode.js';
import { buildLayer } from '../io/layers.js';
import { Sequential } from '../nn/containers.js';
import type { Module } from '../nn/module.js';
import { Residual } from '../nn/layers/residual.js';
import { zeros } from '../tensor/creation.js';
import type { RunConfig } from './config.js';
import { presetSpecs } from './presets.js';
import { ConfigError, join } from './schema.js';

type Spec = Record<string, unknown>;

const CHANNEL_KEYS: Record<string, string> = {
  Conv2d: 'inChannels', BatchNorm1d: 'numFeatures', BatchNorm2d: 'numFeatures', InstanceNorm2d: 'numFeatures', GroupNorm: 'numChannels',
};
const LAST_DIM_KEYS: Record<string, string> = { Linear: 'inFeatures', Maxout: 'inFeatures' };

function outShape(m: Module, shape: number[], path: string): number[] {
  const was = m.training;
  m.eval();
  try {
    return noGrad(() => m.call(zeros([2, ...shape]))).shape.slice(1);
  } catch (e) {
    throw new ConfigError(path, `does not accept inputs of shape [${shape.join(', ')}]: ${(e as Error).message}`);
  } finally {
    m.train(was);
  }
}

function fill(spec: Spec, shape: number[], outputs: number): Spec {
  const type = spec['type'] as string;
  const s = { ...spec };
  const ck = CHANNEL_KEYS[type];
  if (ck && s[ck] === undefined && shape.length >= 1) s[ck] = shape[0];
  const lk = LAST_DIM_KEYS[type];
  if (lk && s[lk] === undefined && shape.length >= 1) s[lk] = shape[shape.length - 1];
  if (s['outFeatures'] === 'outputs') s['outFeatures'] = outputs;
  return s;
}

/** Builds one spec (lists become Sequential) against an input shape; returns the module and its output shape. */
function buildWithShape(spec: unknown, shape: number[], outputs: number, path: string): { module: Module; shape: number[] } {
  if (Array.isArray(spec)) {
    const mods: Module[] = [];
    let sh = shape;
    spec.forEach((s, i) => {
      const r = buildWithShape(s, sh, outputs, join(path, i));
      mods.push(r.module);
      sh = r.shape;
    });
    return { module: new Sequential(...mods), shape: sh };
  }
  if (typeof spec !== 'object' || spec === null || typeof (spec as Spec)['type'] !== 'string') {
    throw new ConfigError(path, `expected a layer spec {type, …options}, got ${JSON.stringify(spec)}`);
  }
  const s = spec as Spec;
  if (s['type'] === 'Sequential') return buildWithShape(s['layers'] ?? [], shape, outputs, join(path, 'layers'));
  if (s['type'] === 'Residual') {
    const block = buildWithShape(s['block'], shape, outputs, join(path, 'block'));
    const shortcut = s['shortcut'] === undefined || s['shortcut'] === null ? null : buildWithShape(s['shortcut'], shape, outputs, join(path, 'shortcut')).module;
    const unknown = Object.keys(s).filter((k) => !['type', 'block', 'shortcut'].includes(k));
    if (unknown.length) throw new ConfigError(join(path, unknown[0]!), 'unknown key (known: type, block, shortcut)');
    const module = new Residual(block.module, shortcut);
    return { module, shape: outShape(module, shape, path) };
  }
  const module = buildLayer(fill(s, shape, outputs), path);
  return { module, shape: outShape(module, shape, path) };
}

export function buildModel(model: RunConfig['model'], inputShape: number[], outputs: number): { model: Module; outputShape: number[] } {
  const specs = Array.isArray(model) ? model : presetSpecs(model, inputShape);
  const { module, shape } = buildWithShape(specs, inputShape, outputs, 'model');
  return { model: module, outputShape: shape };
}

/** nb.io: safetensors, model save/load (layer specs), checkpoints. */
export {
  serializeSafetensors, deserializeSafetensors, saveSafetensors, loadSafetensors, MAX_HEADER_BYTES,
  type SafetensorsContents, type SafetensorsDType,
} from './safetensors.js';
export { buildLayer, describeLayer, registerLayer, layerTypes, type LayerSpec, type LayerKind, type ConfigurableClass } from './layers.js';
export { saveModel, loadModel, readModelFile, type ModelFile, type SaveModelOptions } from './model.js';
export { saveCheckpoint, loadCheckpoint } from './checkpoint.js';
export { writeFileAtomic, writeJsonAtomic } from './atomic.js';

/** nb.nn: modules, layers, activations as modules, losses as modules, init, functional, utils. */
export { Module, type ForwardHook, type ForwardPreHook, type HookHandle, type LoadResult, type StateDict } from './module.js';
export { Sequential, ModuleList } from './containers.js';
export * from './layers/index.js';
export * from './activations.js';
export * from '../losses/index.js';
export * as init from './init.js';
export * as functional from './functional/index.js';
export * as utils from './utils.js';

/**
 * One optimisation step — the public building block of fit() and of custom loops (STYLE lesson 11):
 *
 *   optimizer.zeroGrad();  output = model(x);  loss = lossFn(output, y);  loss.backward();  optimizer.step()
 *
 *   for (const batch of loader) {
 *     const { loss } = nb.train.trainStep(model, batch, { loss: lossFn, optimizer });
 *     await nb.train.nextTick();   // let finalizers return dead tensors' memory (see fit.ts)
 *   }
 *
 * The batch is `[input, target]` (what a DataLoader over a TensorDataset yields). The model is
 * used in whatever mode it is in: call `model.train()` first (fit does, each epoch).
 */
import { Module } from '../nn/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { shapeStr } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** A loss module (nn.CrossEntropyLoss, …) or a function (output, target) → scalar tensor. */
export type LossFn = Module | ((output: Tensor, target: Tensor) => Tensor);

/** `[input, target]`; extra entries are ignored. */
export type Batch = readonly Tensor[];

export interface TrainStepOptions {
  loss: LossFn;
  optimizer: Pick<Optimizer, 'zeroGrad' | 'step'>;
}

export interface StepResult {
  /** The batch's loss as a number (NaN/∞ are passed through for the caller to act on). */
  loss: number;
  /** The model's output, detached from the graph (for metrics). */
  output: Tensor;
  target: Tensor;
  batchSize: number;
}

export function callLoss(loss: LossFn, output: Tensor, target: Tensor): Tensor {
  const l = loss instanceof Module ? loss.call(output, target) : loss(output, target);
  if (!(l instanceof Tensor)) throw new Error(`loss: expected the loss to return a Tensor, got ${l === null ? 'null' : typeof l}`);
  if (l.numel() !== 1) throw new Error(`loss: expected a scalar loss, got shape ${shapeStr(l.shape)} (use reduction 'mean' or 'sum')`);
  return l;
}

export function checkBatch(who: string, batch: unknown): [Tensor, Tensor] {
  if (!Array.isArray(batch) || batch.length < 2 || !(batch[0] instanceof Tensor) || !(batch[1] instanceof Tensor)) {
    throw new Error(`${who}: expected a batch [input, target] of tensors, got ${Array.isArray(batch) ? `an array of ${batch.length}` : typeof batch}`);
  }
  return [batch[0], batch[1]];
}

export function trainStep(model: Module, batch: Batch, options: TrainStepOptions): StepResult {
  if (!(model instanceof Module)) throw new Error('trainStep: model must be an nn.Module');
  if (typeof options?.optimizer?.step !== 'function') throw new Error('trainStep: options.optimizer must be an optimizer');
  if (options.loss === undefined) throw new Error('trainStep: options.loss is required (a loss module or function)');
  const [x, y] = checkBatch('trainStep', batch);
  options.optimizer.zeroGrad();
  const output = model.call(x);
  const loss = callLoss(options.loss, output, y);
  loss.backward();
  options.optimizer.step();
  return { loss: loss.item(), output: output.detach(), target: y, batchSize: x.ndim === 0 ? 1 : x.shape[0]! };
}

/**
 * Resolves after the event loop has turned once (a setImmediate). Training loops await it between
 * steps: the wasm backend frees a dead tensor's memory from a finalizer, and finalizers only run
 * when the loop turns (src/backends/wasm/heap.ts).
 */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

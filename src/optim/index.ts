/** nb.optim: optimizers (PyTorch's contract), Optax-style transforms, learning-rate schedules. */
export * as lrScheduler from './lr-scheduler/index.js';

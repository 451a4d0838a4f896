/**
 * Preprocessors applied one after another (scikit-learn's Pipeline of transformers): fit fits each
 * step on the output of the previous ones; inverseTransform undoes the steps in reverse order.
 *
 *   const prep = new Pipeline([new Center({perChannel: true}), new ZCAWhitening({eps: 0.1})]).fit(xTrain);
 */
import type { Tensor } from '../../tensor/tensor.js';
import { jsonObject, notFitted, type Preprocessor, type PreprocessorJSON } from './preprocessor.js';

export class Pipeline implements Preprocessor {
  readonly steps: readonly Preprocessor[];

  constructor(steps: readonly Preprocessor[]) {
    if (!Array.isArray(steps)) throw new Error('Pipeline: expected an array of preprocessors');
    steps.forEach((s, i) => {
      if (typeof s?.fit !== 'function' || typeof s.transform !== 'function') throw new Error(`Pipeline: step ${i} is not a preprocessor (needs fit and transform)`);
    });
    this.steps = [...steps];
  }

  get fitted(): boolean {
    return this.steps.every((s) => s.fitted);
  }

  fit(x: Tensor): this {
    let y = x;
    this.steps.forEach((s, i) => {
      y = i < this.steps.length - 1 ? s.fitTransform(y) : (s.fit(y), y);
    });
    return this;
  }

  transform(x: Tensor): Tensor {
    if (!this.fitted) notFitted('Pipeline.transform');
    return this.steps.reduce((y, s) => s.transform(y), x);
  }

  fitTransform(x: Tensor): Tensor {
    return this.steps.reduce((y, s) => s.fitTransform(y), x);
  }

  inverseTransform(y: Tensor): Tensor {
    if (!this.fitted) notFitted('Pipeline.inverseTransform');
    return [...this.steps].reverse().reduce((z, s, i) => {
      if (!s.inverseTransform) throw new Error(`Pipeline.inverseTransform: step ${this.steps.length - 1 - i} (${s.toJSON().type}) has no inverse`);
      return s.inverseTransform(z);
    }, y);
  }

  toJSON(): PreprocessorJSON {
    return { type: 'Pipeline', steps: this.steps.map((s) => s.toJSON()) };
  }

  /** Rebuilds a pipeline; `read` turns each step's JSON into a preprocessor (preprocessorFromJSON). */
  static fromJSON(json: unknown, read: (step: unknown) => Preprocessor): Pipeline {
    const o = jsonObject('Pipeline', json);
    if (!Array.isArray(o['steps'])) throw new Error("Pipeline.fromJSON: 'steps' must be an array");
    return new Pipeline(o['steps'].map((s) => read(s)));
  }
}

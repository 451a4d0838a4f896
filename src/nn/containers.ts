/** Containers: Sequential (chain), ModuleList (indexable list). */
import type { Tensor } from '../tensor/tensor.js';
import { Module } from './module.js';

/** Applies its children in order; children are named "0", "1", … as in PyTorch. */
export class Sequential extends Module {
  constructor(...layers: Module[]) {
    super();
    layers.forEach((l, i) => this.registerModule(String(i), l));
  }
  get length(): number {
    return this.children().length;
  }
  at(i: number): Module {
    const kids = this.children();
    const m = kids[i < 0 ? i + kids.length : i];
    if (!m) throw new Error(`Sequential: index ${i} is out of range for ${kids.length} layers`);
    return m;
  }
  append(layer: Module): this {
    this.registerModule(String(this.length), layer);
    return this;
  }
  forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.children()) h = m.call(h);
    return h;
  }
}

/** Holds modules so that they are registered; has no forward of its own. */
export class ModuleList extends Module {
  constructor(modules: Iterable<Module> = []) {
    super();
    for (const m of modules) this.append(m);
  }
  get length(): number {
    return this.children().length;
  }
  at(i: number): Module {
    const kids = this.children();
    const m = kids[i < 0 ? i + kids.length : i];
    if (!m) throw new Error(`ModuleList: index ${i} is out of range for ${kids.length} modules`);
    return m;
  }
  append(m: Module): this {
    this.registerModule(String(this.length), m);
    return this;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
  forward(): Tensor {
    throw new Error('ModuleList: has no forward(); iterate over it and call the modules');
  }
}

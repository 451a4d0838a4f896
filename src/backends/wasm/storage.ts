/** Storage on the wasm heap: a Block (resident or spilled) with a typed-array view for JS code. */
import type { Backend } from '../backend.js';
import type { ArrayStorage } from '../reference/storage.js';
import type { DType, TypedArray } from '../../tensor/dtype.js';
import type { Block, WasmHeap } from './heap.js';

export class WasmStorage implements ArrayStorage {
  version = 0;
  readonly block: Block;
  constructor(
    readonly backend: Backend,
    private readonly heap: WasmHeap,
    readonly dtype: DType,
    readonly length: number,
  ) {
    this.block = heap.newBlock(dtype, length, this);
  }
  /** Byte address in wasm memory (makes the block resident). */
  get ptr(): number {
    return this.heap.ptrOf(this.block, this);
  }
  /** Typed-array view of the elements in wasm memory (makes the block resident). */
  get data(): TypedArray {
    this.heap.ptrOf(this.block, this);
    return this.heap.view(this.block);
  }
}

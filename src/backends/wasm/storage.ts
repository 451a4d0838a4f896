/** Storage on the wasm heap: a Block (resident or spilled) with a typed-array view for JS code. */
import type { Backend } from '../backend.js';
import type { ArrayStorage } from '../reference/storage.js';
import type { DType, TypedArray } from '../../tensor/dtype.js';
import type { Block, WasmHeap } from './heap.js';

export class WasmStorage implements ArrayStorage {
  version = 0;
  readonly block: Block;
  /**
   * GC pressure. V8 schedules garbage collections by JS heap and ArrayBuffer memory, and cannot
   * see the wasm heap; without a hint, dead tensors' blocks wait for a GC that large tensors
   * alone never trigger. An untouched ArrayBuffer of the block's size is counted by V8 but costs
   * no physical memory (the OS maps zero pages lazily), so collections keep pace with the heap.
   */
  readonly gcPressure: ArrayBuffer | null;
  constructor(
    readonly backend: Backend,
    private readonly heap: WasmHeap,
    readonly dtype: DType,
    readonly length: number,
  ) {
    this.block = heap.newBlock(dtype, length, this);
    this.gcPressure = this.block.bytes >= 1 << 16 ? new ArrayBuffer(this.block.bytes) : null;
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

/**
 * The wasm heap: one shared WebAssembly.Memory that every kernel (and every worker thread) sees,
 * carved into blocks by size class, plus the residency policy that keeps memory bounded.
 *
 * Why a cache and not just FinalizationRegistry: finalizers only run when the event loop turns,
 * so a synchronous training loop would never give memory back. Each tensor's bytes therefore live
 * in a `Block` that is either resident (in wasm memory, at `ptr`) or spilled (in a JS typed array
 * that the garbage collector owns). Resident blocks are kept in least-recently-used order; when
 * resident bytes exceed the cache limit at the start of an op, the oldest are spilled (one copy
 * each, dead or alive — a synchronous loop cannot tell which); a spilled copy belongs to its
 * tensor alone and is garbage-collected with it. The finalizer frees blocks without any copy
 * whenever the event loop turns, which is why the training loop yields between steps. Memory is
 * thus bounded by the limit in every kind of loop; spilling also unregisters the block, so the
 * finalizer's own records stay bounded too. The number of resident blocks is
 * capped as well, since every block also costs some JS heap. (WeakRefs cannot help here: a
 * WeakRef created or dereferenced during a synchronous job keeps its target alive until the job
 * ends, which in a long synchronous loop is a leak.)
 */
import { allocArray, type DType, type TypedArray } from '../../tensor/dtype.js';

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };
const PAGE = 65536;
const ALIGN = 64;

/**
 * All the finalizer holds of a block: its address while resident. Kept apart from the Block so
 * that a spilled block's JS copy is reachable only from its tensor and dies with it, even while
 * finalizers wait for the event loop.
 */
class Ticket {
  ptr = 0;
}

export class Block {
  readonly ticket = new Ticket();
  spilled: TypedArray | null = null;
  constructor(
    readonly dtype: DType,
    readonly length: number,
    readonly bytes: number,
  ) {}
  get ptr(): number {
    return this.ticket.ptr;
  }
  set ptr(p: number) {
    this.ticket.ptr = p;
  }
}



/** Rounds up to one of four sizes per power of two (≤ 25% waste), multiples of 64 bytes. */
function sizeClass(bytes: number): number {
  if (bytes <= ALIGN) return ALIGN;
  const p = 2 ** Math.floor(Math.log2(bytes - 1));
  const step = Math.max(ALIGN, p / 4);
  return Math.ceil(bytes / step) * step;
}

export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly free = new Map<number, number[]>();
  /** Resident blocks, least recently used first. */
  private readonly lru = new Map<Ticket, Block>();
  private readonly registry = new FinalizationRegistry<Ticket>((t) => this.release(t));
  residentBytes = 0;
  private allocatedSinceNudge = 0;
  /** See nudgeGc. */
  /** Bytes of GC nudges so far (see nudgeGc). */
  nudgedBytes = 0;
  /** Spill the least recently used blocks when resident bytes exceed this… */
  limitBytes: number;
  /** …or when more blocks than this are resident (each costs a little JS heap too). */
  maxBlocks = 8192;
  /** Counters for the soak test and for curiosity. */
  readonly stats = { spills: 0, spilledBytes: 0, finalized: 0, grows: 0 };


  constructor(memory: WebAssembly.Memory, reservedBytes: number, limitBytes: number) {
    this.memory = memory;
    this.top = Math.ceil(reservedBytes / ALIGN) * ALIGN;
    this.limitBytes = limitBytes;
  }

  /** Total bytes of wasm memory (resident blocks, free lists, scratch). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Raw allocation of `bytes` (rounded up to its size class). */
  allocRaw(bytes: number): { ptr: number; cls: number } {
    const cls = sizeClass(Math.max(1, bytes));
    const list = this.free.get(cls);
    if (list && list.length) return { ptr: list.pop()!, cls };
    const ptr = this.top;
    const end = ptr + cls;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      // grow geometrically so that a growing heap does not grow on every allocation
      const want = Math.max(pages, Math.ceil(have / PAGE / 8));
      try {
        this.memory.grow(want);
      } catch {
        try {
          this.memory.grow(pages);
        } catch {
          throw new Error(
            `wasm backend: out of memory growing the heap to ${((end / 2 ** 20) | 0)} MiB ` +
              '(WebAssembly memory is limited to 4 GiB); lower NABLA_WASM_CACHE_MB or use smaller batches',
          );
        }
      }
      this.stats.grows++;
    }
    this.top = end;
    return { ptr, cls };
  }

  freeRaw(ptr: number, bytes: number): void {
    const cls = sizeClass(Math.max(1, bytes));
    let list = this.free.get(cls);
    if (!list) this.free.set(cls, (list = []));
    list.push(ptr);
  }

  /**
   * GC pacing. V8 schedules collections by JS heap and ArrayBuffer memory and cannot see the wasm
   * heap, so dead tensors' blocks would wait for a collection that large tensors alone never
   * trigger. Every quarter of the cache limit allocated (at most 64 MiB), a dropped ArrayBuffer of
   * that size (untouched, so it costs no physical memory) tells V8 about the allocation volume.
   */
  private nudgeGc(bytes: number): void {
    this.allocatedSinceNudge += bytes;
    const every = Math.min(this.limitBytes / 4, 64 * 2 ** 20);
    if (this.allocatedSinceNudge < every) return;
    this.allocatedSinceNudge = 0;
    // allocated and dropped at once: V8 counts it, and nothing keeps it
    this.nudgedBytes += new ArrayBuffer(every).byteLength;
  }

  /** A new resident block, registered so that its memory returns when `owner` is collected. */
  newBlock(dtype: DType, length: number, owner: object): Block {
    const bytes = Math.max(1, length * BYTES[dtype]);
    const b = new Block(dtype, length, bytes);
    b.ptr = this.allocRaw(bytes).ptr;
    this.nudgeGc(bytes);
    this.residentBytes += sizeClass(bytes);
    this.lru.set(b.ticket, b);
    this.registry.register(owner, b.ticket, b.ticket);
    return b;
  }

  /**
   * Makes the block resident (copying back a spilled block, and registering `owner` with the
   * finalizer again) and marks it recently used.
   */
  ptrOf(b: Block, owner: object): number {
    if (b.ptr === 0) {
      b.ptr = this.allocRaw(b.bytes).ptr;
      this.residentBytes += sizeClass(b.bytes);
      this.view(b).set(b.spilled!);
      b.spilled = null;
      this.registry.register(owner, b.ticket, b.ticket);
    } else {
      this.lru.delete(b.ticket);
    }
    this.lru.set(b.ticket, b);
    return b.ptr;
  }

  /** A typed array over the block's bytes in wasm memory (valid until the block is spilled). */
  view(b: Block): TypedArray {
    const buf = this.memory.buffer;
    switch (b.dtype) {
      case 'float32': return new Float32Array(buf, b.ptr, b.length);
      case 'float64': return new Float64Array(buf, b.ptr, b.length);
      case 'int32': return new Int32Array(buf, b.ptr, b.length);
      case 'bool': return new Uint8Array(buf, b.ptr, b.length);
    }
  }

  /** Called at the start of every op: spills old blocks while over the limit. */
  maybeSpill(): void {
    if (this.residentBytes <= this.limitBytes && this.lru.size <= this.maxBlocks) return;
    const bytes = this.limitBytes * 0.75;
    const blocks = this.maxBlocks * 0.75;
    for (const b of this.lru.values()) {
      if (this.residentBytes <= bytes && this.lru.size <= blocks) break;
      this.spill(b);
    }
  }

  private spill(b: Block): void {
    const copy = allocArray(b.dtype, b.length);
    copy.set(this.view(b));
    b.spilled = copy;
    this.stats.spills++;
    this.stats.spilledBytes += b.bytes;
    // The copy dies with its tensor, so the finalizer record can go: finalizer records then
    // exist only for resident blocks, which the cache bounds, even in a loop that never yields.
    this.registry.unregister(b.ticket);
    this.unlink(b);
  }

  private unlink(b: Block): void {
    this.lru.delete(b.ticket);
    this.freeRaw(b.ptr, b.bytes);
    this.residentBytes -= sizeClass(b.bytes);
    b.ptr = 0;
  }

  /** Finalizer: the tensor is gone, so its block is too (if still resident). */
  private release(t: Ticket): void {
    this.stats.finalized++;
    const b = this.lru.get(t);
    if (b !== undefined) this.unlink(b);
  }
}

// The arrays a boosting fit's kernels read and write (binned data, gradients, node rows and their
// partition scratch, gathered gradients, histograms), placed in one shared WebAssembly memory so
// the WebAssembly kernels (kernels.wat) can run on them from every thread. The memory is shared
// even on one thread: growing a shared memory never detaches the views already handed out.

import type { SortScratch } from './binning.js';
import type { buildHistograms, gatherGradients } from './histogram.js';
import { WASM_BASE64 } from './kernels-wasm.js';
import type { partitionBlock } from './partition.js';
import type { NumericScan } from './splitter.js';

/** The part of the WebAssembly API used here (the Node 20 type definitions do not declare it). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 65_536;
/** The most pages a 32-bit WebAssembly memory can have (4 GiB). */
const MAX_PAGES = 65_536;

/** The kernel's exports; every pointer is a byte address in the memory (see kernels.wat). */
interface KernelExports {
  build(
    bins: number,
    nRows: number,
    rows: number,
    g: number,
    h: number,
    start: number,
    end: number,
    from: number,
    to: number,
    hist: number,
    offsets: number,
    unit: number,
  ): void;
  partition(
    rows: number,
    scratch: number,
    col: number,
    a: number,
    b: number,
    thr: number,
    missingBin: number,
    missingLeft: number,
    bits: number,
  ): number;
  gather(
    rows: number,
    g: number,
    h: number,
    og: number,
    oh: number,
    start: number,
    end: number,
    withH: number,
  ): void;
  sortFloat64(a: number, tmp: number, n: number, counts: number): void;
  logistic(y: number, raw: number, w: number, g: number, h: number, n: number): void;
  scan(
    hist: number,
    nb: number,
    count: number,
    sumG: number,
    sumH: number,
    l2: number,
    msl: number,
    mh: number,
    parentScore: number,
    best: number,
  ): number;
}

let compiled: object | null | undefined;

/** The compiled kernel module, or null where this runtime cannot run it (no SIMD or shared memory). */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(Buffer.from(WASM_BASE64, 'base64')) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled ?? null;
}

/**
 * The WebAssembly versions of histogram.ts's, partition.ts's, splitter.ts's and losses.ts's
 * kernels, same arguments, same results to the bit. Every array passed must be a view of the memory they were made for.
 */
export class WasmKernels {
  private readonly k: KernelExports;

  constructor(memory: WasmMemory) {
    const module = kernelModule();
    if (!module || !wasm)
      throw new Error('The WebAssembly boosting kernels are not available in this runtime');
    this.k = new wasm.Instance(module, { env: { memory } }).exports as KernelExports;
  }

  // Arrow properties: callers pick a kernel (JavaScript or these) and call it unbound.
  readonly buildHistograms: typeof buildHistograms = (task) => {
    this.k.build(
      task.bins.byteOffset,
      task.nRows,
      task.rows!.byteOffset,
      // Position k's gradient at gradients + (k - gatheredFrom) * 8: the start moves back (i32
      // addresses wrap, so the kernel's sums land in the view).
      task.gradients.byteOffset - task.gatheredFrom * 8,
      task.unitHessians ? 0 : task.hessians.byteOffset - task.gatheredFrom * 8,
      task.start,
      task.end,
      task.featureFrom,
      task.featureTo,
      task.hist.byteOffset,
      task.offsets.byteOffset,
      task.unitHessians ? 1 : 0,
    );
  };

  readonly partitionBlock: typeof partitionBlock = (rows, scratch, bins, s, a, b) =>
    this.k.partition(
      rows.byteOffset,
      scratch.byteOffset,
      bins.byteOffset + s.col,
      a,
      b,
      s.binThreshold,
      s.missingBin,
      s.missingLeft ? 1 : 0,
      s.leftBins === null ? 0 : s.leftBins.byteOffset,
    );

  readonly gatherGradients: typeof gatherGradients = (rows, g, h, og, oh, start, end, from) => {
    this.k.gather(
      rows.byteOffset,
      g.byteOffset,
      h?.byteOffset ?? 0,
      og.byteOffset - from * 8,
      oh === null ? 0 : oh.byteOffset - from * 8,
      start,
      end,
      oh === null || h === null ? 0 : 1,
    );
  };

  /** splitter.ts's scanNumeric; `best` must be here too. */
  readonly scanNumeric: NumericScan = (hist, base, nb, count, sumG, sumH, l2, msl, mh, parentScore, best) =>
    this.k.scan(
      hist.byteOffset + base * 8,
      nb,
      count,
      sumG,
      sumH,
      l2,
      msl,
      mh,
      parentScore,
      best.byteOffset,
    ) === 1;

  /** losses.ts's binaryLogLoss.gradients, the classes (0 or 1) given as bytes. */
  readonly logisticGradients = (
    y: Uint8Array,
    raw: Float64Array,
    w: Float64Array | undefined,
    g: Float64Array,
    h: Float64Array | null,
  ): void => {
    const n = y.length;
    if (h === null) throw new Error('logisticGradients: the log loss computes hessians, pass an array');
    if (raw.length !== n || g.length !== n || h.length !== n || (w && w.length !== n))
      throw new RangeError('logisticGradients: arrays of different lengths');
    this.k.logistic(y.byteOffset, raw.byteOffset, w?.byteOffset ?? 0, g.byteOffset, h.byteOffset, n);
  };

  /** Sorts `values` (no NaN) in place like TypedArray#sort; `tmp` holds as many values, `counts` 2048. */
  readonly sortFloat64 = (values: Float64Array, tmp: Float64Array, counts: Uint32Array): void => {
    if (tmp.length < values.length || counts.length < 2048)
      throw new RangeError('sortFloat64: scratch too small');
    this.k.sortFloat64(values.byteOffset, tmp.byteOffset, values.length, counts.byteOffset);
  };
}

const instances = new WeakMap<WasmMemory, WasmKernels>();

/** The kernels instantiated over `memory`, once per memory and thread (workers call this too). */
export function kernelsFor(memory: WasmMemory): WasmKernels {
  let k = instances.get(memory);
  if (!k) {
    k = new WasmKernels(memory);
    instances.set(memory, k);
  }
  return k;
}

let enabled = true;

/** @internal Turns the WebAssembly kernels off or on for later fits (tests compare both); returns the previous setting. */
export function setWasmKernels(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/**
 * A bump allocator over one shared WebAssembly memory, for the arrays of one fit. Views never
 * move; the memory is freed with the last reference to it (the fit's and its workers').
 */
export class FitMemory {
  readonly memory: WasmMemory;
  private top = 16;
  private readonly views = new WeakSet<ArrayBufferView>();
  /** Views in allocation order, for `rewind`. */
  private readonly handedOut: ArrayBufferView[] = [];

  private constructor(memory: WasmMemory) {
    this.memory = memory;
  }

  /**
   * A memory sized for `expectedBytes` (it grows on demand), or null where the kernel cannot run
   * or `expectedBytes` exceed what a 32-bit memory holds: callers then use plain typed arrays and
   * the JavaScript kernels.
   */
  static create(expectedBytes: number): FitMemory | null {
    if (!enabled || !wasm || !kernelModule() || expectedBytes > (MAX_PAGES - 1) * PAGE) return null;
    try {
      const initial = Math.ceil((expectedBytes + 64) / PAGE);
      return new FitMemory(new wasm.Memory({ initial, maximum: MAX_PAGES, shared: true }));
    } catch {
      return null;
    }
  }

  /** A zeroed array of `length` bytes here, or null when the memory cannot grow to hold it. */
  uint8(length: number): Uint8Array | null {
    return this.alloc(Uint8Array, length);
  }

  int32(length: number): Int32Array | null {
    return this.alloc(Int32Array, length);
  }

  uint32(length: number): Uint32Array | null {
    return this.alloc(Uint32Array, length);
  }

  float64(length: number): Float64Array | null {
    return this.alloc(Float64Array, length);
  }

  /**
   * A sort for binning: `column` (length `length`) and a sort of its prefixes, the WebAssembly
   * radix sort (same order as TypedArray#sort, about 3x faster: 5 ms against 16 ms on 200k
   * values). Null when the memory cannot hold it.
   */
  sortScratch(length: number): SortScratch | null {
    const column = this.float64(length);
    const tmp = this.float64(length);
    const counts = this.uint32(2048);
    if (!column || !tmp || !counts) return null;
    const k = this.kernels;
    return {
      column,
      sort: (values) => {
        if (
          values.buffer !== column.buffer ||
          values.byteOffset !== column.byteOffset ||
          values.length > length
        )
          throw new RangeError('sortScratch: only prefixes of its column can be sorted');
        k.sortFloat64(values, tmp, counts);
      },
    };
  }

  /** Where the next allocation starts, for `rewind`. */
  mark(): number {
    return this.top;
  }

  /**
   * Frees everything allocated since `mark` (returned by `mark()`): those views must not be used
   * again; they are no longer known here.
   */
  rewind(mark: number): void {
    const kept = this.handedOut.filter((v) => v.byteOffset < mark);
    for (const v of this.handedOut) if (v.byteOffset >= mark) this.views.delete(v);
    this.handedOut.splice(0, this.handedOut.length, ...kept);
    // Arrays handed out later start zeroed, like fresh memory.
    new Uint8Array(this.memory.buffer, mark, this.top - mark).fill(0);
    this.top = mark;
  }

  /** `view.subarray(begin, end)`, known here as allocated here when `view` is. */
  subarray<T extends Float64Array | Int32Array>(view: T, begin: number, end: number): T {
    const sub = view.subarray(begin, end) as T;
    if (this.views.has(view)) {
      this.views.add(sub);
      this.handedOut.push(sub);
    }
    return sub;
  }

  /** True when every array given (nulls aside) was allocated here: the WebAssembly kernels can run on them. */
  ownsAll(...views: (ArrayBufferView | null)[]): boolean {
    for (const v of views) if (v !== null && !this.views.has(v)) return false;
    return true;
  }

  /** The kernels over this memory, for the calling thread. */
  get kernels(): WasmKernels {
    return kernelsFor(this.memory);
  }

  /** Start of `bytes` fresh bytes (16-aligned), growing the memory if needed; -1 when it cannot. */
  private take(bytes: number): number {
    const at = this.top;
    const end = at + Math.ceil(bytes / 16) * 16;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        return -1;
      }
    }
    this.top = end;
    return at;
  }

  private alloc<T extends ArrayBufferView>(
    Ctor: { new (buffer: SharedArrayBuffer, at: number, length: number): T; BYTES_PER_ELEMENT: number },
    length: number,
  ): T | null {
    const at = this.take(length * Ctor.BYTES_PER_ELEMENT);
    if (at < 0) return null;
    const view = new Ctor(this.memory.buffer, at, length);
    this.views.add(view);
    this.handedOut.push(view);
    return view;
  }
}

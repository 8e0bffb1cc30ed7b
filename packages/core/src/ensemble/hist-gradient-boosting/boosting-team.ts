// Runs the boosting kernels on the main thread or across a worker team over shared memory:
// histograms split by feature ranges (each feature's histogram summed by one thread in row
// order), row partitions, gradient gathers and log-loss gradients split by blocks of positions
// (partitions kept stable), a tree's leaf values by runs of leaves. Results are identical for any
// thread count. Work too small to repay the hand-over stays on the main thread.
import { type WorkerTeam, workerTeam } from '../../parallel/index.js';
import { MAX_PARAMS } from '../../parallel/team.js';
import { A, G, H, JOB_SCALARS, L, Op, S } from './boosting-worker.js';
import type { FitMemory } from './fit-memory.js';
import type { GrowNode } from './grower.js';
import { buildHistograms, gatherGradients, type HistogramTask } from './histogram.js';
import { addSpans, leafSpans } from './leaf-values.js';
import { partitionBlock, type RowSplit } from './partition.js';
import {
  BITS_WORDS,
  finishFeatures,
  readSplit,
  type ScanJob,
  SPLIT_RECORD,
  type SplitContext,
  type SplitInfo,
  scanNumeric,
} from './splitter.js';

/** What follows a histogram build, on the same feature ranges: the sibling's histogram, then splits. */
export interface NodeFinish {
  split: SplitContext;
  /** The parent's histogram, which becomes the sibling's: the built histogram is subtracted from it. */
  sibling: Float64Array | null;
  /** At most two nodes (the built one, its sibling). */
  scans: readonly ScanJob[];
}

/** When work is split across threads; below these the main thread alone is as fast. */
export interface ParallelThresholds {
  /**
   * Smallest histogram build (rows × features) split across threads, with the sibling's
   * histogram and both children's split searches: a team round trip costs tens of microseconds,
   * the searches alone about 50 (20 features of 255 bins, measured on 2 cores).
   */
  histogramWork: number;
  /** Smallest node (rows) whose partition and gradient gather are split across threads. */
  partitionRows: number;
}

export const PARALLEL_THRESHOLDS: Readonly<ParallelThresholds> = {
  histogramWork: 10_000,
  partitionRows: 20_000,
};

let thresholds: ParallelThresholds = { ...PARALLEL_THRESHOLDS };

/** @internal Overrides the thresholds (tests use 0 to force workers on small data); returns the previous ones. */
export function setParallelThresholds(next: ParallelThresholds): ParallelThresholds {
  const previous = thresholds;
  thresholds = { ...next };
  return previous;
}

const workerUrl = new URL(
  `./boosting-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/** Boosting kernels on `threads` threads (the calling thread counts as one). */
export class BoostingTeam {
  readonly threads: number;
  private readonly team: WorkerTeam | undefined;
  /** Arrays shared with the workers during this fit, forgotten on release. */
  private readonly sharedValues = new Set<object>();
  /**
   * Features per microsecond of the main thread and of each worker, smoothed over builds:
   * feature ranges are cut in proportion, so no thread waits long for another (threads rarely
   * run at equal speed on a shared machine).
   */
  private readonly speed: Float64Array;
  /** Rows sent left by each thread's block of a partition. */
  private readonly counts: Int32Array;
  /** Where partitions put a categorical split's bitset for the WebAssembly kernel (in `memory`). */
  private readonly bits: Uint32Array | null;
  /** Scan jobs handed to the workers: their scalars and masks, and the splits they found. */
  private readonly scalars: Float64Array;
  private readonly masks: Uint8Array;
  private readonly records: Float64Array;
  private readonly recordBits: Uint32Array;
  /** Each thread's scratch for the WebAssembly split scan (6 values), in `memory`. */
  private readonly scanBest: Float64Array | null;
  /** The main thread's 6 values of it. */
  private readonly mainScanBest: Float64Array | undefined;
  /**
   * Each worker's task parameters, refilled for every task (a task reads only its own slots),
   * and the bounds of feature ranges and row blocks: made once, as a fit runs thousands of tasks.
   */
  private readonly params: number[][];
  private readonly featureCuts: Int32Array;
  private readonly blockCuts: Int32Array;
  /** Leaf spans (leaf-values.ts) shared with the workers, grown with the trees. */
  private spans: Float64Array | null = null;

  /**
   * @param memory where the fit's kernel arrays live, when the WebAssembly kernels can run: a
   * histogram, partition or gather whose arrays are all there runs them, on every thread.
   */
  constructor(
    threads: number,
    nFeatures: number,
    readonly memory: FitMemory | null = null,
  ) {
    this.threads = Math.max(1, Math.min(threads, nFeatures));
    this.team = this.threads > 1 ? workerTeam(workerUrl, this.threads - 1) : undefined;
    this.speed = new Float64Array(this.threads).fill(1);
    this.counts = new Int32Array(new SharedArrayBuffer(4 * this.threads));
    // A categorical split's bitset: one bit per bin, at most 256 bins.
    this.bits = memory?.uint32(8) ?? null;
    const sharedArray = <T>(Ctor: new (buffer: SharedArrayBuffer) => T, bytes: number) =>
      new Ctor(new SharedArrayBuffer(bytes));
    this.scalars = sharedArray(Float64Array, 8 * 2 * JOB_SCALARS);
    this.masks = sharedArray(Uint8Array, 2 * nFeatures);
    this.records = sharedArray(Float64Array, 8 * 2 * this.threads * SPLIT_RECORD);
    this.recordBits = sharedArray(Uint32Array, 4 * 2 * this.threads * BITS_WORDS);
    this.scanBest = memory?.float64(6 * this.threads) ?? null;
    this.mainScanBest = this.scanBest?.subarray(0, 6);
    this.params = Array.from({ length: this.threads - 1 }, () => new Array<number>(MAX_PARAMS).fill(0));
    this.featureCuts = new Int32Array(this.threads + 1);
    this.blockCuts = new Int32Array(this.threads + 1);
  }

  /** Worker t's parameters (t from 1; the main thread is 0). */
  private paramsOf(t: number): number[] {
    return this.params[t - 1]!;
  }

  /** True when arrays handed to the kernels must live on SharedArrayBuffer. */
  get shared(): boolean {
    return this.team !== undefined;
  }

  /**
   * Fills `task.hist` for all features of the task's range, then does what `finish` asks (the
   * sibling's histogram, best splits), returning one split per scan job. Parallel when the node
   * is big enough: each thread then takes a range of features through all of it, so a
   * histogram's part stays in the cache of the thread that built it.
   */
  async histogram(
    task: HistogramTask,
    finish: NodeFinish | null,
    signal?: AbortSignal,
  ): Promise<(SplitInfo | null)[]> {
    signal?.throwIfAborted();
    const nf = task.featureTo - task.featureFrom;
    const team = this.available((task.end - task.start) * nf, thresholds.histogramWork);
    const wasm =
      this.memory?.ownsAll(task.bins, task.rows, task.gradients, task.hist, task.offsets) &&
      (task.unitHessians || this.memory!.ownsAll(task.hessians));
    const build = wasm ? this.memory!.kernels.buildHistograms : buildHistograms;
    const scanWasm =
      finish !== null && this.scanBest !== null && finish.scans.every((j) => this.memory!.ownsAll(j.hist));
    // The main thread's part of a node: features [from, to).
    const finishMine = (from: number, to: number) =>
      finish
        ? finishFeatures(
            finish.split,
            task.hist,
            finish.sibling,
            finish.scans,
            from,
            to,
            scanWasm ? this.memory!.kernels.scanNumeric : scanNumeric,
            scanWasm ? this.mainScanBest : undefined,
          )
        : [];
    if (!team) {
      build(task);
      return finishMine(task.featureFrom, task.featureTo);
    }
    const share = (value: object) => this.share(team, value);
    const cuts = this.cuts(task.featureFrom, task.featureTo);
    if (finish) this.postJobs(finish);
    for (let t = 1; t < this.threads; t++) {
      const p = this.paramsOf(t);
      p[0] = Op.Histogram;
      p[H.Bins] = share(task.bins);
      p[H.NRows] = task.nRows;
      p[H.Rows] = task.rows === null ? 0 : share(task.rows);
      p[H.Gradients] = share(task.gradients);
      p[H.Hessians] = share(task.hessians);
      p[H.Start] = task.start;
      p[H.End] = task.end;
      p[H.FeatureFrom] = cuts[t]!;
      p[H.FeatureTo] = cuts[t + 1]!;
      p[H.Hist] = share(task.hist);
      p[H.Offsets] = share(task.offsets);
      p[H.Unit] = task.unitHessians ? 1 : 0;
      p[H.Memory] = wasm ? share(this.memory!.memory) : 0;
      p[H.GatheredFrom] = task.gatheredFrom;
      p[H.Sibling] = finish?.sibling ? share(finish.sibling) : 0;
      p[H.Scans] = finish?.scans.length ?? 0;
      if (finish) {
        p[H.Context] = share(finish.split);
        p[H.Scalars] = share(this.scalars);
        p[H.Masks] = share(this.masks);
        p[H.Records] = share(this.records);
        p[H.RecordBits] = share(this.recordBits);
        p[H.Slot] = t;
        p[H.ScanMemory] = scanWasm ? share(this.memory!.memory) : 0;
        p[H.ScanBest] = scanWasm ? share(this.scanBest!) : 0;
        p[H.MaskFlags] = 0;
        finish.scans.forEach((j, i) => {
          p[H.Hist0 + i] = share(j.hist);
          if (j.mask) p[H.MaskFlags] = p[H.MaskFlags]! | (1 << i);
        });
      }
    }
    team.run(this.params);
    const t0 = performance.now();
    let mainUs = 0;
    let mine: (SplitInfo | null)[] = [];
    try {
      if (cuts[1]! > cuts[0]!) build({ ...task, featureTo: cuts[1]! });
      mine = finishMine(cuts[0]!, cuts[1]!);
      mainUs = (performance.now() - t0) * 1000;
    } finally {
      await team.join();
    }
    // A worker's time is its task time, unless the main thread had to wait: then the slowest
    // worker finished when the join returned, hand-over latency included, and the workers'
    // times are scaled to that.
    const doneUs = (performance.now() - t0) * 1000;
    let slowest = 0;
    for (let w = 0; w < this.threads - 1; w++) slowest = Math.max(slowest, team.elapsed(w));
    const scale = doneUs > mainUs + 20 && slowest > 0 ? doneUs / slowest : 1;
    const { speed } = this;
    for (let t = 0; t < this.threads; t++) {
      const us = t === 0 ? mainUs : team.elapsed(t - 1) * scale;
      const features = cuts[t + 1]! - cuts[t]!;
      if (us > 0 && features > 0) speed[t] = 0.8 * speed[t]! + 0.2 * (features / us);
    }
    if (!finish) return [];
    // Threads hold consecutive feature ranges, the main thread the first: the first strictly
    // larger gain in thread order is the split a single thread would have found.
    return finish.scans.map((j, i) => {
      let best = mine[i] ?? null;
      for (let t = 1; t < this.threads; t++) {
        const theirs = readSplit(finish.split, j, this.records, this.recordBits, t * 2 + i);
        if (theirs !== null && (best === null || theirs.gain > best.gain)) best = theirs;
      }
      return best;
    });
  }

  /** The scan jobs' scalars and masks, where the workers read them. */
  private postJobs(finish: NodeFinish): void {
    const d = this.masks.length / 2;
    finish.scans.forEach((j, i) => {
      const o = i * JOB_SCALARS;
      this.scalars[o] = j.sumG;
      this.scalars[o + 1] = j.sumH;
      this.scalars[o + 2] = j.count;
      this.scalars[o + 3] = j.lower;
      this.scalars[o + 4] = j.upper;
      if (j.mask) this.masks.set(j.mask, i * d);
    });
  }

  /**
   * Stable partition of rows[start, end) by a split: rows going left first, then the others,
   * each in their previous order. Returns the first position of the right rows. Large nodes are
   * split into one block of positions per thread; the blocks' parts are then put together.
   */
  async partition(
    rows: Int32Array,
    scratch: Int32Array,
    bins: Uint8Array,
    split: RowSplit,
    start: number,
    end: number,
  ): Promise<number> {
    const team = this.available(end - start, thresholds.partitionRows);
    // The WebAssembly kernel reads a categorical split's bitset from the fit's memory too.
    const bits =
      split.leftBins && this.bits && split.leftBins.length <= this.bits.length ? this.bits.fill(0) : null;
    if (bits) bits.set(split.leftBins!);
    const memory = this.memory;
    const wasm = memory?.ownsAll(rows, scratch, bins) === true && (split.leftBins === null || bits !== null);
    if (wasm && bits) split = { ...split, leftBins: bits };
    const partition = wasm ? memory!.kernels.partitionBlock : partitionBlock;
    if (!team) {
      const left = partition(rows, scratch, bins, split, start, end);
      rows.set(scratch.subarray(start, end - left), start + left);
      return start + left;
    }
    const words = split.leftBins?.length ?? 0;
    const cuts = await this.inBlocks(
      team,
      start,
      end,
      (a, b, t) => {
        const p = this.paramsOf(t);
        p[0] = Op.Partition;
        p[S.Rows] = this.share(team, rows);
        p[S.Scratch] = this.share(team, scratch);
        p[S.Bins] = this.share(team, bins);
        p[S.Col] = split.col;
        p[S.Start] = a;
        p[S.End] = b;
        p[S.Threshold] = split.binThreshold;
        p[S.MissingBin] = split.missingBin;
        p[S.MissingLeft] = split.missingLeft ? 1 : 0;
        p[S.Counts] = this.share(team, this.counts);
        p[S.Slot] = t;
        p[S.Words] = words;
        p[S.Memory] = wasm ? this.share(team, memory!.memory) : 0;
        if (wasm && bits) p[S.BitsArray] = this.share(team, bits);
        else for (let w = 0; w < words; w++) p[S.Bits + w] = split.leftBins![w]!;
      },
      (a, b) => {
        this.counts[0] = partition(rows, scratch, bins, split, a, b);
      },
    );
    // Left parts are packed at the start of each block: move them together, in block order,
    // then append every block's right part from scratch.
    const counts = this.counts;
    let p = start + counts[0]!;
    for (let t = 1; t < this.threads; t++) {
      rows.copyWithin(p, cuts[t]!, cuts[t]! + counts[t]!);
      p += counts[t]!;
    }
    const mid = p;
    for (let t = 0; t < this.threads; t++) {
      const right = cuts[t + 1]! - cuts[t]! - counts[t]!;
      rows.set(scratch.subarray(cuts[t]!, cuts[t]! + right), p);
      p += right;
    }
    return mid;
  }

  /** og[k - from], oh[k - from] = g[rows[k]], h[rows[k]] for k in [start, end) (oh null: gradients only); large nodes in blocks across threads. */
  async gather(
    rows: Int32Array,
    g: Float64Array,
    h: Float64Array | null,
    og: Float64Array,
    oh: Float64Array | null,
    start: number,
    end: number,
    from: number,
  ): Promise<void> {
    const team = this.available(end - start, thresholds.partitionRows);
    const memory = this.memory;
    const wasm = memory?.ownsAll(rows, g, og, oh, oh ? h : null) === true;
    const gather = wasm ? memory!.kernels.gatherGradients : gatherGradients;
    if (!team) {
      gather(rows, g, h, og, oh, start, end, from);
      return;
    }
    await this.inBlocks(
      team,
      start,
      end,
      (a, b, t) => {
        const p = this.paramsOf(t);
        p[0] = Op.Gather;
        p[G.Rows] = this.share(team, rows);
        p[G.G] = this.share(team, g);
        p[G.H] = h === null ? 0 : this.share(team, h);
        p[G.OrderedG] = this.share(team, og);
        p[G.OrderedH] = oh === null ? 0 : this.share(team, oh);
        p[G.Start] = a;
        p[G.End] = b;
        p[G.Memory] = wasm ? this.share(team, memory!.memory) : 0;
        p[G.From] = from;
      },
      (a, b) => gather(rows, g, h, og, oh, a, b, from),
    );
  }

  /**
   * Binary log-loss gradients of every row, by the WebAssembly kernel (all arrays in `memory`),
   * in blocks of rows across threads when there are enough rows. Each row's result is its own,
   * so the blocks give the same bits as one pass.
   */
  async logisticGradients(
    y: Uint8Array,
    raw: Float64Array,
    w: Float64Array | undefined,
    g: Float64Array,
    h: Float64Array,
  ): Promise<void> {
    const memory = this.memory;
    if (!memory) throw new Error('BoostingTeam.logisticGradients: the kernel runs on a fit memory');
    const kernel = memory.kernels.logisticGradients;
    const block = (a: number, b: number) =>
      kernel(y.subarray(a, b), raw.subarray(a, b), w?.subarray(a, b), g.subarray(a, b), h.subarray(a, b));
    const n = y.length;
    const team = this.available(n, thresholds.partitionRows);
    if (!team) {
      block(0, n);
      return;
    }
    await this.inBlocks(
      team,
      0,
      n,
      (a, b, t) => {
        const p = this.paramsOf(t);
        p[0] = Op.Logistic;
        p[L.Memory] = this.share(team, memory.memory);
        p[L.Y] = this.share(team, y);
        p[L.Raw] = this.share(team, raw);
        p[L.W] = w ? this.share(team, w) : 0;
        p[L.G] = this.share(team, g);
        p[L.H] = this.share(team, h);
        p[L.Start] = a;
        p[L.End] = b;
      },
      block,
    );
  }

  /**
   * Adds a grown tree's leaf values to `raw[row * stride + offset]` for the rows of each leaf
   * (rows in the grower's order). With enough rows and a shared `raw`, the leaves are shared
   * between threads in runs of about equal rows; each row gets one addition either way.
   */
  async addLeafValues(
    nodes: GrowNode[],
    rows: Int32Array,
    raw: Float64Array,
    stride: number,
    offset: number,
  ): Promise<void> {
    const spans = leafSpans(nodes, this.spans ?? undefined);
    const leaves = spans.length / 3;
    let n = 0;
    for (let l = 0; l < leaves; l++) n += spans[3 * l + 1]! - spans[3 * l]!;
    const team =
      raw.buffer instanceof SharedArrayBuffer ? this.available(n, thresholds.partitionRows) : undefined;
    if (!team || leaves < this.threads) {
      addSpans(rows, raw, spans, 0, leaves, stride, offset);
      return;
    }
    // Shared once; a tree with more leaves gets a larger one.
    if (spans.buffer !== this.spans?.buffer) {
      this.spans = new Float64Array(new SharedArrayBuffer(spans.byteLength * 2));
      this.spans.set(spans);
    }
    const shared = this.spans;
    // Thread t adds leaves cuts[t]..cuts[t+1]: each run starts once the leaves before it hold
    // t/T of the rows.
    const cuts = new Int32Array(this.threads + 1);
    cuts.fill(leaves, 1);
    for (let l = 0, t = 1, rowsBefore = 0; l < leaves && t < this.threads; l++) {
      rowsBefore += spans[3 * l + 1]! - spans[3 * l]!;
      while (t < this.threads && rowsBefore >= (n * t) / this.threads) cuts[t++] = l + 1;
    }
    for (let t = 1; t < this.threads; t++) {
      const p = this.paramsOf(t);
      p[0] = Op.AddLeaves;
      p[A.Rows] = this.share(team, rows);
      p[A.Raw] = this.share(team, raw);
      p[A.Spans] = this.share(team, shared);
      p[A.From] = cuts[t]!;
      p[A.To] = cuts[t + 1]!;
      p[A.Stride] = stride;
      p[A.Offset] = offset;
    }
    team.run(this.params);
    try {
      addSpans(rows, raw, shared, 0, cuts[1]!, stride, offset);
    } finally {
      await team.join();
    }
  }

  /**
   * The team when `work` reaches `min` and no other fit is using it (fits interleave at awaits);
   * undefined means the main thread does the work alone.
   */
  private available(work: number, min: number): WorkerTeam | undefined {
    const team = this.team;
    return team && !team.busy && work >= min ? team : undefined;
  }

  /**
   * Splits positions [start, end) into one block per thread: `params(a, b, t)` fills worker t's
   * parameters for its block, and the main thread runs `own` on the first meanwhile. Returns the
   * block boundaries (valid until the next call).
   */
  private async inBlocks(
    team: WorkerTeam,
    start: number,
    end: number,
    params: (a: number, b: number, t: number) => void,
    own: (a: number, b: number) => void,
  ): Promise<Int32Array> {
    const T = this.threads;
    const cuts = this.blockCuts;
    for (let t = 0; t <= T; t++) cuts[t] = start + Math.floor(((end - start) * t) / T);
    for (let t = 1; t < T; t++) params(cuts[t]!, cuts[t + 1]!, t);
    team.run(this.params);
    try {
      own(cuts[0]!, cuts[1]!);
    } finally {
      await team.join();
    }
    return cuts;
  }

  private share(team: WorkerTeam, value: object): number {
    this.sharedValues.add(value);
    return team.share(value);
  }

  /** Feature range boundaries, one range per thread, in proportion to each thread's speed. */
  private cuts(from: number, to: number): Int32Array {
    const { speed } = this;
    const total = speed.reduce((a, b) => a + b, 0);
    const cuts = this.featureCuts;
    cuts[0] = from;
    for (let t = 0, acc = 0; t < this.threads; t++) {
      acc += speed[t]!;
      cuts[t + 1] = from + Math.round(((to - from) * acc) / total);
    }
    return cuts;
  }

  /** Lets the workers drop this fit's arrays. */
  release(): void {
    this.team?.forget(this.sharedValues);
    this.sharedValues.clear();
  }
}

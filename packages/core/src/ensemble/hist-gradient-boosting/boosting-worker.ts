// Worker-team task for boosting: builds a feature range of one node's histograms, partitions a
// block of one node's rows, gathers a block of its gradients, computes a block of log-loss
// gradients or adds a tree's leaf values to some of its leaves' rows, straight in shared memory.
// Arrays arrive once, by id (BoostingTeam).
import type { TeamTask } from '../../parallel/index.js';
import { kernelsFor, type WasmMemory } from './fit-memory.js';
import { buildHistograms, gatherGradients } from './histogram.js';
import { addSpans } from './leaf-values.js';
import { partitionBlock } from './partition.js';
import { finishFeatures, type ScanJob, type SplitContext, scanNumeric, writeSplit } from './splitter.js';

/** What a call does: parameter slot 0. */
export const Op = { Histogram: 1, Partition: 2, Gather: 3, Logistic: 4, AddLeaves: 5 } as const;

/** Histogram parameters: array ids (0 = no rows array) and integers. */
export const H = {
  Bins: 1,
  NRows: 2,
  Rows: 3,
  Gradients: 4,
  Hessians: 5,
  Start: 6,
  End: 7,
  FeatureFrom: 8,
  FeatureTo: 9,
  Hist: 10,
  Offsets: 11,
  /** 1 when every hessian is 1 (HistogramTask.unitHessians). */
  Unit: 12,
  /** Id of the fit's WebAssembly memory holding every array above (its kernels run), or 0. */
  Memory: 13,
  /** HistogramTask.gatheredFrom. */
  GatheredFrom: 14,
  // What follows the build on the same features (BoostingTeam's NodeFinish):
  /** Id of the histogram to subtract the built one from, or 0. */
  Sibling: 15,
  /** Number of scan jobs (0 to 2), their histograms' ids. */
  Scans: 16,
  Hist0: 17,
  Hist1: 18,
  /** Ids: the SplitContext, the jobs' scalars (sumG, sumH, count, lower, upper), their masks. */
  Context: 19,
  Scalars: 20,
  Masks: 21,
  /** Bit j set: job j has a feature mask (else it may split on every feature). */
  MaskFlags: 22,
  /** Ids of the split records and bitsets (splitter.ts's writeSplit), this thread's slot. */
  Records: 23,
  RecordBits: 24,
  Slot: 25,
  /** Ids of the memory and the scratch of the WebAssembly split scan, or 0 for JavaScript. */
  ScanMemory: 26,
  ScanBest: 27,
} as const;

/** Values per scan job in the scalars array: sumG, sumH, count, lower, upper. */
export const JOB_SCALARS = 5;

/** Partition parameters; a categorical split's bitset words follow from `Bits` on. */
export const S = {
  Rows: 1,
  Scratch: 2,
  Bins: 3,
  Col: 4,
  Start: 5,
  End: 6,
  Threshold: 7,
  MissingBin: 8,
  MissingLeft: 9,
  /** Id of the Int32Array receiving the count of rows sent left, at index `Slot`. */
  Counts: 10,
  Slot: 11,
  /** Number of bitset words (0 for numeric splits). */
  Words: 12,
  /** Id of the fit's WebAssembly memory holding the arrays (its kernels run), or 0. */
  Memory: 13,
  /** With a memory: id of the bitset array there (the words are not sent). */
  BitsArray: 14,
  Bits: 15,
} as const;

/** Gather parameters: array ids (OrderedH 0 skips hessians), the block of positions, where the ordered arrays start. */
export const G = {
  Rows: 1,
  G: 2,
  H: 3,
  OrderedG: 4,
  OrderedH: 5,
  Start: 6,
  End: 7,
  Memory: 8,
  From: 9,
} as const;

/** Log-loss gradient parameters: ids of the memory and of its arrays (W 0 without weights), the block of rows. */
export const L = { Memory: 1, Y: 2, Raw: 3, W: 4, G: 5, H: 6, Start: 7, End: 8 } as const;

/** Leaf-value parameters: ids of the row order, raw scores and leaf spans (leaf-values.ts's addSpans), the leaves to add, stride, offset. */
export const A = { Rows: 1, Raw: 2, Spans: 3, From: 4, To: 5, Stride: 6, Offset: 7 } as const;

const boostingTask: TeamTask = (p, shared) => {
  const get = <T>(id: number) => shared.get(id) as T;
  if (p[0] === Op.Logistic) {
    const a = p[L.Start]!;
    const b = p[L.End]!;
    const rows = (id: number) => get<Float64Array>(id).subarray(a, b);
    kernelsFor(get<WasmMemory>(p[L.Memory]!)).logisticGradients(
      get<Uint8Array>(p[L.Y]!).subarray(a, b),
      rows(p[L.Raw]!),
      p[L.W] === 0 ? undefined : rows(p[L.W]!),
      rows(p[L.G]!),
      rows(p[L.H]!),
    );
    return;
  }
  if (p[0] === Op.AddLeaves) {
    addSpans(
      get<Int32Array>(p[A.Rows]!),
      get<Float64Array>(p[A.Raw]!),
      get<Float64Array>(p[A.Spans]!),
      p[A.From]!,
      p[A.To]!,
      p[A.Stride]!,
      p[A.Offset]!,
    );
    return;
  }
  if (p[0] === Op.Gather) {
    const gather =
      p[G.Memory] === 0 ? gatherGradients : kernelsFor(get<WasmMemory>(p[G.Memory]!)).gatherGradients;
    gather(
      get<Int32Array>(p[G.Rows]!),
      get<Float64Array>(p[G.G]!),
      p[G.H] === 0 ? null : get<Float64Array>(p[G.H]!),
      get<Float64Array>(p[G.OrderedG]!),
      p[G.OrderedH] === 0 ? null : get<Float64Array>(p[G.OrderedH]!),
      p[G.Start]!,
      p[G.End]!,
      p[G.From]!,
    );
    return;
  }
  if (p[0] === Op.Histogram) {
    const task = {
      bins: get<Uint8Array>(p[H.Bins]!),
      nRows: p[H.NRows]!,
      rows: p[H.Rows] === 0 ? null : get<Int32Array>(p[H.Rows]!),
      gradients: get<Float64Array>(p[H.Gradients]!),
      hessians: get<Float64Array>(p[H.Hessians]!),
      gatheredFrom: p[H.GatheredFrom]!,
      start: p[H.Start]!,
      end: p[H.End]!,
      featureFrom: p[H.FeatureFrom]!,
      featureTo: p[H.FeatureTo]!,
      hist: get<Float64Array>(p[H.Hist]!),
      offsets: get<Int32Array>(p[H.Offsets]!),
      unitHessians: p[H.Unit] === 1,
    };
    if (p[H.Memory] === 0) buildHistograms(task);
    else kernelsFor(get<WasmMemory>(p[H.Memory]!)).buildHistograms(task);
    finishRange(p, get, task.hist, task.featureFrom, task.featureTo);
    return;
  }
  const words = p[S.Words]!;
  const memory = p[S.Memory] === 0 ? null : get<WasmMemory>(p[S.Memory]!);
  const leftBins =
    words === 0
      ? null
      : memory
        ? get<Uint32Array>(p[S.BitsArray]!)
        : Uint32Array.from(p.subarray(S.Bits, S.Bits + words));
  const partition = memory ? kernelsFor(memory).partitionBlock : partitionBlock;
  const left = partition(
    get<Int32Array>(p[S.Rows]!),
    get<Int32Array>(p[S.Scratch]!),
    get<Uint8Array>(p[S.Bins]!),
    {
      col: p[S.Col]!,
      binThreshold: p[S.Threshold]!,
      missingBin: p[S.MissingBin]!,
      missingLeft: p[S.MissingLeft] === 1,
      leftBins,
    },
    p[S.Start]!,
    p[S.End]!,
  );
  get<Int32Array>(p[S.Counts]!)[p[S.Slot]!] = left;
};
/** The sibling's histogram and the scan jobs over this thread's features (splitter.ts's finishFeatures). */
function finishRange(
  p: Int32Array,
  get: <T>(id: number) => T,
  hist: Float64Array,
  from: number,
  to: number,
): void {
  if (p[H.Sibling] === 0 && p[H.Scans] === 0) return;
  const ctx = get<SplitContext>(p[H.Context]!);
  const scalars = get<Float64Array>(p[H.Scalars]!);
  const masks = get<Uint8Array>(p[H.Masks]!);
  const d = ctx.nBins.length;
  const jobs: ScanJob[] = [];
  for (let j = 0; j < p[H.Scans]!; j++) {
    const o = j * JOB_SCALARS;
    jobs.push({
      hist: get<Float64Array>(p[j === 0 ? H.Hist0 : H.Hist1]!),
      sumG: scalars[o]!,
      sumH: scalars[o + 1]!,
      count: scalars[o + 2]!,
      lower: scalars[o + 3]!,
      upper: scalars[o + 4]!,
      mask: (p[H.MaskFlags]! >> j) & 1 ? masks.subarray(j * d, (j + 1) * d) : null,
    });
  }
  const slot = p[H.Slot]!;
  const wasm = p[H.ScanBest] !== 0;
  const splits = finishFeatures(
    ctx,
    hist,
    p[H.Sibling] === 0 ? null : get<Float64Array>(p[H.Sibling]!),
    jobs,
    from,
    to,
    wasm ? kernelsFor(get<WasmMemory>(p[H.ScanMemory]!)).scanNumeric : scanNumeric,
    wasm ? get<Float64Array>(p[H.ScanBest]!).subarray(6 * slot, 6 * slot + 6) : undefined,
  );
  const records = get<Float64Array>(p[H.Records]!);
  const bits = get<Uint32Array>(p[H.RecordBits]!);
  for (let j = 0; j < splits.length; j++) writeSplit(splits[j]!, records, bits, slot * 2 + j);
}

export default boostingTask;

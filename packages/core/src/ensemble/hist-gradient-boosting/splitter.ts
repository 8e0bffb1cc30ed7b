// Best split of a node from its histograms: numeric thresholds with a learned direction for
// missing values, categorical splits by sorting categories on gradient/hessian ratio
// (LightGBM/scikit-learn), L2-regularised gain and monotonic-constraint bounds.
import { BIN_STRIDE, subtractHistograms } from './histogram.js';

/** Minimum rows for a category to take part in a categorical split (scikit-learn's MIN_CAT_SUPPORT). */
export const MIN_CAT_SUPPORT = 10;
/** Most categories sent to one side by a categorical split (LightGBM's max_cat_threshold). */
export const MAX_CAT_THRESHOLD = 32;

/** Split-finding settings fixed for a whole fit. */
export interface SplitContext {
  nBins: Int32Array;
  isCategorical: Uint8Array;
  /** Histogram offset of each feature's bins (bin nBins[f] holds missing values). */
  offsets: Int32Array;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2: number;
  /** Per feature: +1 increasing, -1 decreasing, 0 none. */
  monotonic: Int8Array;
}

/** The best split found for a node. */
export interface SplitInfo {
  gain: number;
  feature: number;
  /** Numeric: rows with bin <= binThreshold go left. */
  binThreshold: number;
  missingLeft: boolean;
  /** Categorical: bins (category codes, and the missing bin nBins[f]) going left; null for numeric splits. */
  leftBins: Uint32Array | null;
  gl: number;
  hl: number;
  cl: number;
  valueLeft: number;
  valueRight: number;
}

/** Newton step −G/(H+λ), clipped to the node's monotonic bounds. */
export function nodeValue(g: number, h: number, l2: number, lower: number, upper: number): number {
  const v = -g / (h + l2);
  return Math.min(Math.max(v, lower), upper);
}

/**
 * The best threshold of one numeric feature under the plain gain (no bounds, no monotonic
 * constraint), better than `best[0]`: written to `best` as [gain, bin, missing left (0 or 1),
 * gl, hl, cl], and true; false when none beats it. `base` is the feature's first histogram
 * value, `nb` its bin count (bin nb holds missing values). The WebAssembly kernel (kernels.wat's
 * `scan`) does the same operations in the same order.
 */
export type NumericScan = (
  hist: Float64Array,
  base: number,
  nb: number,
  count: number,
  sumG: number,
  sumH: number,
  l2: number,
  minSamplesLeaf: number,
  minHessianLeaf: number,
  parentScore: number,
  best: Float64Array,
) => boolean;

/** The plain gain: GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ), the parent's term given. */
export const scanNumeric: NumericScan = (hist, base, nb, count, sumG, sumH, l2, msl, mh, parentScore, best) =>
  scanThresholds(hist, base, nb, count, sumH, msl, mh, best, (gl, hl) =>
    plainGain(gl, hl, sumG, sumH, l2, parentScore),
  );

/**
 * Thresholds of one numeric feature, left = bins <= b, missing values right or (when the node
 * has some) left too, each scored by `gain`; the best above best[0] goes to `best`.
 */
function scanThresholds(
  hist: Float64Array,
  base: number,
  nb: number,
  count: number,
  sumH: number,
  msl: number,
  mh: number,
  best: Float64Array,
  gain: (gl: number, hl: number) => number,
): boolean {
  const mo = base + nb * BIN_STRIDE;
  const gm = hist[mo]!;
  const hm = hist[mo + 1]!;
  const cm = hist[mo + 2]!;
  let found = false;
  let gl = 0;
  let hl = 0;
  let cl = 0;
  const last = cm > 0 ? nb - 1 : nb - 2;
  for (let b = 0; b <= last; b++) {
    const o = base + b * BIN_STRIDE;
    const cb = hist[o + 2]!;
    if (cb === 0 && b < last) continue; // same partition as the previous threshold
    gl += hist[o]!;
    hl += hist[o + 1]!;
    cl += cb;
    if (cl >= msl && count - cl >= msl && hl >= mh && sumH - hl >= mh) {
      const g = gain(gl, hl);
      if (g > best[0]!) {
        // With no missing values in the node, NaN at predict time follows the larger child (scikit-learn).
        setBest(best, g, b, cm > 0 ? 0 : cl >= count - cl ? 1 : 0, gl, hl, cl);
        found = true;
      }
    }
    if (cm > 0 && b < nb - 1) {
      const gl2 = gl + gm;
      const hl2 = hl + hm;
      const cl2 = cl + cm;
      if (cl2 >= msl && count - cl2 >= msl && hl2 >= mh && sumH - hl2 >= mh) {
        const g = gain(gl2, hl2);
        if (g > best[0]!) {
          setBest(best, g, b, 1, gl2, hl2, cl2);
          found = true;
        }
      }
    }
  }
  return found;
}

function setBest(
  best: Float64Array,
  gain: number,
  bin: number,
  missingLeft: number,
  gl: number,
  hl: number,
  cl: number,
): void {
  best[0] = gain;
  best[1] = bin;
  best[2] = missingLeft;
  best[3] = gl;
  best[4] = hl;
  best[5] = cl;
}

/** The plain gain of sending (gl, hl) left: GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ). */
function plainGain(
  gl: number,
  hl: number,
  sumG: number,
  sumH: number,
  l2: number,
  parentScore: number,
): number {
  const gr = sumG - gl;
  const hr = sumH - hl;
  return (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
}

/**
 * The loss reduction of sending (gl, hl) left with both children's values clipped to the node's
 * bounds, or -1 when the values break the feature's monotonic constraint `cst`, as a function of
 * (gl, hl). Made only for bounded nodes or constrained features: a closure in findBestSplit
 * would capture the node's sums and cost it a context on every call.
 */
function boundedGainOf(
  cst: number,
  sumG: number,
  sumH: number,
  l2: number,
  lower: number,
  upper: number,
  parentLoss: number,
): (gl: number, hl: number) => number {
  return (gl, hl) => {
    const gr = sumG - gl;
    const hr = sumH - hl;
    const vl = nodeValue(gl, hl, l2, lower, upper);
    const vr = nodeValue(gr, hr, l2, lower, upper);
    if ((cst > 0 && vl > vr) || (cst < 0 && vl < vr)) return -1;
    return parentLoss - gl * vl - gr * vr;
  };
}

/** Where findBestSplit's default numeric scan writes. */
const scanBest = new Float64Array(6);

/** Scratch for the categorical search, reused across nodes. */
const catBins = new Int32Array(256);
const catRatio = new Float64Array(256);

/**
 * Best split over the allowed features (`featureMask[f] === 1`, or all when null) of
 * [featureFrom, featureTo), or null when no split has positive gain under the constraints.
 * `scan` and its `best` (6 values) search the unconstrained numeric features. Ties go to the
 * lowest feature, so the best of consecutive ranges, taken in order with a strictly larger
 * gain, is the best over their union.
 */
export function findBestSplit(
  ctx: SplitContext,
  hist: Float64Array,
  sumG: number,
  sumH: number,
  count: number,
  lower: number,
  upper: number,
  featureMask: Uint8Array | null,
  scan: NumericScan = scanNumeric,
  best: Float64Array = scanBest,
  featureFrom = 0,
  featureTo: number = ctx.nBins.length,
): SplitInfo | null {
  const { l2, minSamplesLeaf: msl, minHessianLeaf: mh, offsets } = ctx;
  const parentLoss = sumG * nodeValue(sumG, sumH, l2, lower, upper);
  const bounded = lower > Number.NEGATIVE_INFINITY || upper < Number.POSITIVE_INFINITY;
  // Unbounded and unconstrained, the gain is GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ).
  const parentScore = (sumG * sumG) / (sumH + l2);
  let bestGain = 0;
  let bestFeature = -1;
  let bestBin = -1;
  let bestMissingLeft = false;
  let bestBits: Uint32Array | null = null;
  let bestGl = 0;
  let bestHl = 0;
  let bestCl = 0;
  for (let f = featureFrom; f < featureTo; f++) {
    if (featureMask !== null && featureMask[f] === 0) continue;
    const base = offsets[f]! * BIN_STRIDE;
    const nb = ctx.nBins[f]!;
    const missingBin = nb;
    const cst = ctx.monotonic[f]!;
    if (ctx.isCategorical[f] === 1) {
      // Categories (and the missing bin) with enough support, sorted by gradient/hessian ratio.
      let used = 0;
      for (let bin = 0; bin <= nb; bin++) {
        const o = base + bin * BIN_STRIDE;
        if (hist[o + 2]! < MIN_CAT_SUPPORT) continue;
        catBins[used] = bin;
        catRatio[used] = hist[o]! / (hist[o + 1]! + MIN_CAT_SUPPORT);
        used++;
      }
      if (used <= 1) continue;
      const order = Array.from(catBins.subarray(0, used).keys()).sort(
        (a, b) => catRatio[a]! - catRatio[b]! || a - b,
      );
      const maxCat = Math.min(MAX_CAT_THRESHOLD, (used + 1) >> 1);
      const boundedGain = bounded ? boundedGainOf(0, sumG, sumH, l2, lower, upper, parentLoss) : null;
      for (let dir = 0; dir < 2; dir++) {
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let i = 0; i < maxCat; i++) {
          const o = base + catBins[order[dir === 0 ? i : used - 1 - i]!]! * BIN_STRIDE;
          gl += hist[o]!;
          hl += hist[o + 1]!;
          cl += hist[o + 2]!;
          if (cl < msl || count - cl < msl || hl < mh || sumH - hl < mh) continue;
          const gain = boundedGain ? boundedGain(gl, hl) : plainGain(gl, hl, sumG, sumH, l2, parentScore);
          if (gain > bestGain) {
            const bits = new Uint32Array((missingBin >>> 5) + 1);
            for (let k = 0; k <= i; k++) {
              const bin = catBins[order[dir === 0 ? k : used - 1 - k]!]!;
              bits[bin >>> 5] = bits[bin >>> 5]! | (1 << (bin & 31));
            }
            bestGain = gain;
            bestFeature = f;
            bestBin = -1;
            bestMissingLeft = ((bits[missingBin >>> 5]! >>> (missingBin & 31)) & 1) === 1;
            bestBits = bits;
            bestGl = gl;
            bestHl = hl;
            bestCl = cl;
          }
        }
      }
      continue;
    }
    best[0] = bestGain;
    const found =
      !bounded && cst === 0
        ? scan(hist, base, nb, count, sumG, sumH, l2, msl, mh, parentScore, best)
        : scanThresholds(
            hist,
            base,
            nb,
            count,
            sumH,
            msl,
            mh,
            best,
            boundedGainOf(cst, sumG, sumH, l2, lower, upper, parentLoss),
          );
    if (found) {
      bestGain = best[0]!;
      bestFeature = f;
      bestBin = best[1]!;
      bestMissingLeft = best[2] === 1;
      bestBits = null;
      bestGl = best[3]!;
      bestHl = best[4]!;
      bestCl = best[5]!;
    }
  }
  if (bestFeature < 0) return null;
  return splitInfo(
    bestGain,
    bestFeature,
    bestBin,
    bestMissingLeft,
    bestBits,
    bestGl,
    bestHl,
    bestCl,
    ctx.l2,
    sumG,
    sumH,
    lower,
    upper,
  );
}

/** The sums and bounds of a node, as its split's leaf values need them. */
interface NodeTotals {
  sumG: number;
  sumH: number;
  lower: number;
  upper: number;
}

function splitInfo(
  gain: number,
  feature: number,
  binThreshold: number,
  missingLeft: boolean,
  leftBins: Uint32Array | null,
  gl: number,
  hl: number,
  cl: number,
  l2: number,
  sumG: number,
  sumH: number,
  lower: number,
  upper: number,
): SplitInfo {
  return {
    gain,
    feature,
    binThreshold,
    missingLeft,
    leftBins,
    gl,
    hl,
    cl,
    valueLeft: nodeValue(gl, hl, l2, lower, upper),
    valueRight: nodeValue(sumG - gl, sumH - hl, l2, lower, upper),
  };
}

/** A node whose best split is searched once its histogram is complete. */
export interface ScanJob {
  hist: Float64Array;
  sumG: number;
  sumH: number;
  count: number;
  lower: number;
  upper: number;
  /** Features it may split on (1), or null for all. */
  mask: Uint8Array | null;
}

/**
 * One thread's part of a node once it has built features [from, to) of `hist`: the same range of
 * `sibling` (the parent's histogram) less `hist`, when given, then each job's best split over
 * those features. The main thread and the workers (boosting-team.ts, boosting-worker.ts) both
 * finish their ranges here.
 */
export function finishFeatures(
  ctx: SplitContext,
  hist: Float64Array,
  sibling: Float64Array | null,
  jobs: readonly ScanJob[],
  from: number,
  to: number,
  scan: NumericScan,
  best: Float64Array | undefined,
): (SplitInfo | null)[] {
  if (sibling)
    subtractHistograms(sibling, hist, ctx.offsets[from]! * BIN_STRIDE, ctx.offsets[to]! * BIN_STRIDE);
  return jobs.map((j) =>
    findBestSplit(ctx, j.hist, j.sumG, j.sumH, j.count, j.lower, j.upper, j.mask, scan, best, from, to),
  );
}

/** Values a split takes in a record (writeSplit); a categorical split's bitset takes BITS_WORDS more. */
export const SPLIT_RECORD = 8;
/** Words of the largest bitset (256 bins). */
export const BITS_WORDS = 8;

/**
 * Writes `split` (or its absence) as record `at` of `records` (SPLIT_RECORD values each) and of
 * `bits` (BITS_WORDS words each), so another thread can hand it over through shared memory.
 */
export function writeSplit(
  split: SplitInfo | null,
  records: Float64Array,
  bits: Uint32Array,
  at: number,
): void {
  const o = at * SPLIT_RECORD;
  records[o] = split === null ? 0 : 1;
  if (split === null) return;
  records[o + 1] = split.gain;
  records[o + 2] = split.feature;
  records[o + 3] = split.binThreshold;
  records[o + 4] = split.missingLeft ? 1 : 0;
  records[o + 5] = split.gl;
  records[o + 6] = split.hl;
  records[o + 7] = split.cl;
  if (split.leftBins) bits.set(split.leftBins, at * BITS_WORDS);
}

/** The split writeSplit put at `at`, for a node with these totals (null when there was none). */
export function readSplit(
  ctx: SplitContext,
  node: NodeTotals,
  records: Float64Array,
  bits: Uint32Array,
  at: number,
): SplitInfo | null {
  const o = at * SPLIT_RECORD;
  if (records[o] !== 1) return null;
  const feature = records[o + 2]!;
  const words = (ctx.nBins[feature]! >>> 5) + 1;
  const leftBins =
    ctx.isCategorical[feature] === 1 ? bits.slice(at * BITS_WORDS, at * BITS_WORDS + words) : null;
  return splitInfo(
    records[o + 1]!,
    feature,
    records[o + 3]!,
    records[o + 4] === 1,
    leftBins,
    records[o + 5]!,
    records[o + 6]!,
    records[o + 7]!,
    ctx.l2,
    node.sumG,
    node.sumH,
    node.lower,
    node.upper,
  );
}

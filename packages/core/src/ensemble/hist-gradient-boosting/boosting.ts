// The boosting loop shared by the classifier and the regressor: binning, validation split,
// gradients, one tree per output per iteration, row subsampling and early stopping.
import type { FitContext } from '../../base/index.js';
import type { Float64Matrix } from '../../data/index.js';
import { resolveThreads, sharedFloat64 } from '../../parallel/index.js';
import type { FlatTree } from '../../tree/flat-tree.js';
import { Rng } from '../../utils/random.js';
import { type BinMapper, binMatrix, fitBinMapper } from './binning.js';
import { BoostingTeam } from './boosting-team.js';
import { FitMemory } from './fit-memory.js';
import { TreeGrower } from './grower.js';
import { type BoostingLoss, type Targets, updateLeafQuantiles } from './losses.js';
import { type HistGradientBoostingParams, resolveCategorical, resolveMonotonic } from './params.js';
import { addBinnedPredictions, toFlatTree } from './tree-convert.js';

/** Rows used for the training score during early stopping (scikit-learn uses 10 000 too). */
const TRAIN_SCORE_ROWS = 10_000;

/** What a boosting fit needs beyond the parameters. */
export interface BoostingInput {
  owner: string;
  params: HistGradientBoostingParams;
  loss: BoostingLoss;
  nOutputs: number;
  x: Float64Matrix;
  /** Regression targets, or class codes for classifiers. */
  y: Float64Array | Int32Array;
  /** Number of classes when the validation split must be stratified. */
  stratifyClasses?: number;
  /** An explicit evaluation set (already encoded like y). */
  validation?: { x: Float64Matrix; y: Float64Array } | undefined;
  ctx: FitContext;
}

/** A fitted boosting model, in raw-feature space. */
export interface BoostingResult {
  trees: FlatTree[];
  baseScore: Float64Array;
  nIter: number;
  trainScore: Float64Array;
  validationScore: Float64Array;
  mapper: BinMapper;
}

/** Indices of the validation rows (stratified by class when asked), sorted; the rest train. */
export function validationSplit(
  y: Float64Array | Int32Array,
  fraction: number,
  rng: Rng,
  nClasses?: number,
): { train: Int32Array; valid: Int32Array } {
  const n = y.length;
  const groupOf = (i: number) => (nClasses ? y[i]! : 0);
  // Each group's rows, in row order, packed group after group (typed arrays: a million rows in
  // JavaScript arrays cost tens of megabytes of garbage).
  const starts = new Int32Array((nClasses ?? 1) + 1);
  for (let i = 0; i < n; i++) starts[groupOf(i) + 1] = starts[groupOf(i) + 1]! + 1;
  for (let c = 1; c < starts.length; c++) starts[c] = starts[c]! + starts[c - 1]!;
  const members = new Int32Array(n);
  const fill = starts.slice(0, -1);
  for (let i = 0; i < n; i++) {
    const c = groupOf(i);
    members[fill[c]!] = i;
    fill[c] = fill[c]! + 1;
  }
  const isValid = new Uint8Array(n);
  let nValid = 0;
  for (let c = 0; c + 1 < starts.length; c++) {
    const perm = rng.shuffle(members.subarray(starts[c]!, starts[c + 1]!));
    const take = Math.min(perm.length - 1, Math.round(fraction * perm.length));
    for (let k = 0; k < take; k++) isValid[perm[k]!] = 1;
    nValid += Math.max(0, take);
  }
  const valid = new Int32Array(nValid);
  const train = new Int32Array(n - nValid);
  for (let i = 0, v = 0, t = 0; i < n; i++) {
    if (isValid[i]) valid[v++] = i;
    else train[t++] = i;
  }
  return { train, valid };
}

function pick(
  a: Float64Array | Int32Array,
  rows: Int32Array,
  stride = 1,
  out: Float64Array = new Float64Array(rows.length * stride),
): Float64Array {
  for (let k = 0; k < rows.length; k++)
    for (let c = 0; c < stride; c++) out[k * stride + c] = a[rows[k]! * stride + c]!;
  return out;
}

/** `a` (its `rows`, when given), written to `out` when given; else `a` itself when it needs no copy. */
function float64Rows(
  a: Float64Array,
  rows: Int32Array | undefined,
  out: Float64Array | null | undefined,
): Float64Array {
  if (rows) return pick(a, rows, 1, out ?? undefined);
  if (out) {
    out.set(a);
    return out;
  }
  return a;
}

/** The targets of `rows` (all of `y` itself without rows), in an array of y's type. */
function targetRows(y: Targets, rows: Int32Array | undefined): Targets {
  if (!rows) return y;
  const out = y instanceof Int32Array ? new Int32Array(rows.length) : new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]!]!;
  return out;
}

/** scikit-learn's rule: stop when none of the last n scores beats the one before them by more than tol. */
export function shouldStop(scores: number[], nIterNoChange: number, tol: number): boolean {
  if (scores.length <= nIterNoChange) return false;
  const reference = scores[scores.length - nIterNoChange - 1]! + tol;
  for (let k = scores.length - nIterNoChange; k < scores.length; k++)
    if (scores[k]! > reference) return false;
  return true;
}

/** Trains the ensemble. */
export async function fitBoosting(input: BoostingInput): Promise<BoostingResult> {
  const { owner, params: p, loss, nOutputs: K, x, ctx } = input;
  const rng = new Rng(p.seed);
  const binRng = rng.fork();
  const splitRng = rng.fork();
  const treeRng = rng.fork();
  const categorical = resolveCategorical(owner, p, ctx.schema);
  const monotonic = resolveMonotonic(owner, p, ctx.schema, categorical);
  const early =
    p.earlyStopping === 'auto' ? x.rows > 10_000 || input.validation !== undefined : p.earlyStopping;

  let trainRows: Int32Array | undefined;
  let validRows: Int32Array | undefined;
  if (early && !input.validation) {
    const s = validationSplit(input.y, p.validationFraction, splitRng, input.stratifyClasses);
    trainRows = s.train;
    validRows = s.valid;
  }
  const n = trainRows ? trainRows.length : input.y.length;
  const d = x.cols;
  const unitHessians = loss.hessianIsWeight === true && ctx.sampleWeight === undefined;
  // The kernel arrays: binned data, gradients, rows and scratch, gathered gradients (and
  // hessians), a histogram per node that may still split (about half the leaves, at most 34
  // expected; it grows past that), raw scores; the classes (a byte a row) and weights too when
  // the loss's gradients have a kernel.
  const histBytes =
    (d * (p.maxBins + 1) * 3 * 8 + 16) * (Math.ceil(Math.min(p.maxLeafNodes ?? 64, 64) / 2) + 2);
  const lossBytes = n * 8 * K + (loss.kernel ? n * 9 : 0);
  const memory = FitMemory.create(
    n * d + n * K * (unitHessians ? 8 : 16) + n * (unitHessians ? 16 : 24) + histBytes + lossBytes,
  );
  const lossMemory = loss.kernel ? memory : null;
  const y = targetRows(input.y, trainRows);
  // The log-loss kernel reads the classes (0 or 1) as bytes in the fit's memory: a copy of 1 B a
  // row, where float64 targets took 8.
  const yBytes = loss.kernel === 'logistic' ? (lossMemory?.uint8(n) ?? null) : null;
  yBytes?.set(y);
  const w = ctx.sampleWeight && float64Rows(ctx.sampleWeight, trainRows, lossMemory?.float64(n));
  // Binning's sort scratch is freed once the bins are learned.
  const beforeBinning = memory?.mark() ?? 0;
  const mapper = fitBinMapper(x, categorical, p.maxBins, binRng, `${owner}.fit`, trainRows, (length) =>
    memory ? memory.sortScratch(length) : null,
  );
  memory?.rewind(beforeBinning);
  const team = new BoostingTeam(resolveThreads(p.nJobs ?? undefined), d, memory);
  const bins = binMatrix(
    mapper,
    x,
    trainRows,
    memory?.uint8(n * d) ?? (team.shared ? new Uint8Array(new SharedArrayBuffer(n * d)) : undefined),
  );

  let valid:
    | { bins: Uint8Array; n: number; y: Float64Array; w: Float64Array | undefined; raw: Float64Array }
    | undefined;
  if (early) {
    const vx = input.validation ? input.validation.x : x;
    const vRows = input.validation ? undefined : validRows;
    const vy = input.validation ? input.validation.y : pick(input.y, validRows!);
    const vw = !input.validation && ctx.sampleWeight ? pick(ctx.sampleWeight, validRows!) : undefined;
    valid = {
      bins: binMatrix(mapper, vx, vRows),
      n: vy.length,
      y: vy,
      w: vw,
      raw: new Float64Array(vy.length * K),
    };
  }

  const baseScore = loss.baseline(y, w, K);
  // Raw scores are shared too: threads add leaf values to their share of a tree's leaves.
  const raw = memory?.float64(n * K) ?? (team.shared ? sharedFloat64(n * K) : new Float64Array(n * K));
  for (let i = 0; i < n; i++) raw.set(baseScore, i * K);
  if (valid) for (let i = 0; i < valid.n; i++) valid.raw.set(baseScore, i * K);
  const float64 = (length: number) =>
    memory?.float64(length) ?? (team.shared ? sharedFloat64(length) : new Float64Array(length));
  const g = float64(n * K);
  // Unit hessians are never read (histograms count instead): none are stored.
  const h = unitHessians ? null : float64(n * K);
  const subarray = (a: Float64Array, begin: number, end: number) =>
    memory ? memory.subarray(a, begin, end) : a.subarray(begin, end);

  // Rows per tree: all of them in order, or a subsample.
  const m = p.subsample < 1 ? Math.max(1, Math.floor(p.subsample * n)) : n;
  const grower = new TreeGrower(
    bins,
    n,
    d,
    {
      split: {
        nBins: mapper.nBins,
        isCategorical: categorical,
        offsets: mapper.offsets,
        minSamplesLeaf: p.minSamplesLeaf,
        minHessianLeaf: p.minHessianLeaf,
        l2: p.l2Regularization,
        monotonic,
      },
      maxLeafNodes: p.maxLeafNodes ?? Number.POSITIVE_INFINITY,
      maxDepth: p.maxDepth ?? Number.POSITIVE_INFINITY,
      learningRate: p.learningRate,
      featuresPerSplit: Math.max(1, Math.round(p.maxFeatures * d)),
      unitHessians,
      maxGathered: m < n ? m : Math.ceil(n / 2),
    },
    team,
  );

  // Training-score rows (a seeded subset when large), for early stopping.
  const scoreRows = n > TRAIN_SCORE_ROWS ? splitRng.sample(n, TRAIN_SCORE_ROWS) : undefined;
  const scoreY = scoreRows ? pick(y, scoreRows) : y;
  const scoreW = scoreRows && w ? pick(w, scoreRows) : w;
  const trainScore: number[] = [];
  const validationScore: number[] = [];
  const record = () => {
    trainScore.push(-loss.loss(scoreY, scoreRows ? pick(raw, scoreRows, K) : raw, scoreW));
    validationScore.push(-loss.loss(valid!.y, valid!.raw, valid!.w));
  };
  if (valid) record();

  const inBag = m < n ? new Uint8Array(n) : undefined;
  const perm = m < n ? Int32Array.from({ length: n }, (_, i) => i) : undefined;
  // Per-class views, made once: the boosting team shares each array with its workers once.
  const gByClass = Array.from({ length: K }, (_, k) => subarray(g, k * n, (k + 1) * n));
  const hByClass = Array.from({ length: K }, (_, k) => (h ? subarray(h, k * n, (k + 1) * n) : null));
  const kernel = yBytes !== null && h !== null && lossMemory?.ownsAll(yBytes, raw, w ?? null, g, h) === true;
  const gradients = () =>
    kernel ? team.logisticGradients(yBytes, raw, w, g, h) : loss.gradients(y, raw, w, g, h);
  const trees: FlatTree[] = [];
  let nIter = 0;
  try {
    for (let it = 0; it < p.maxIter; it++) {
      ctx.step('iteration', it, p.maxIter);
      await gradients();
      if (perm && inBag) {
        // Partial Fisher–Yates: the first m entries are this iteration's rows, sorted for locality.
        for (let k = 0; k < m; k++) {
          const j = k + treeRng.int(n - k);
          const t = perm[k]!;
          perm[k] = perm[j]!;
          perm[j] = t;
        }
        perm.subarray(0, m).sort();
        inBag.fill(0);
        for (let k = 0; k < m; k++) inBag[perm[k]!] = 1;
      }
      const rawBefore = loss.leafQuantile !== undefined ? raw.slice() : raw;
      for (let k = 0; k < K; k++) {
        if (perm) grower.rows.set(perm.subarray(0, m));
        const nodes = await grower.grow(gByClass[k]!, hByClass[k] ?? null, m, !perm, treeRng, ctx.signal);
        if (loss.leafQuantile !== undefined) {
          updateLeafQuantiles(nodes, grower.rows, y, rawBefore, w, loss.leafQuantile, p.learningRate);
        }
        await team.addLeafValues(nodes, grower.rows, raw, K, k);
        if (inBag) addBinnedPredictions(nodes, bins, n, mapper.nBins, raw, K, k, inBag);
        if (valid) addBinnedPredictions(nodes, valid.bins, valid.n, mapper.nBins, valid.raw, K, k);
        trees.push(toFlatTree(nodes, mapper));
      }
      nIter = it + 1;
      if (valid) {
        record();
        if (shouldStop(validationScore, p.nIterNoChange, p.tol)) break;
      }
    }
  } finally {
    team.release();
  }
  ctx.step('iteration', nIter, p.maxIter);
  return {
    trees,
    baseScore,
    nIter,
    trainScore: Float64Array.from(trainScore),
    validationScore: Float64Array.from(validationScore),
    mapper,
  };
}

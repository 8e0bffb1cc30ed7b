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
import { addLeafValues, TreeGrower } from './grower.js';
import { type BoostingLoss, updateLeafQuantiles } from './losses.js';
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
  y: Float64Array;
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
  y: Float64Array,
  fraction: number,
  rng: Rng,
  nClasses?: number,
): { train: Int32Array; valid: Int32Array } {
  const n = y.length;
  const isValid = new Uint8Array(n);
  const groups: number[][] = nClasses ? Array.from({ length: nClasses }, () => []) : [[]];
  for (let i = 0; i < n; i++) groups[nClasses ? y[i]! : 0]!.push(i);
  for (const g of groups) {
    const perm = rng.shuffle(Int32Array.from(g));
    const take = Math.min(g.length - 1, Math.round(fraction * g.length));
    for (let k = 0; k < take; k++) isValid[perm[k]!] = 1;
  }
  const valid: number[] = [];
  const train: number[] = [];
  for (let i = 0; i < n; i++) (isValid[i] ? valid : train).push(i);
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}

function pick(a: Float64Array, rows: Int32Array, stride = 1): Float64Array {
  const out = new Float64Array(rows.length * stride);
  for (let k = 0; k < rows.length; k++)
    for (let c = 0; c < stride; c++) out[k * stride + c] = a[rows[k]! * stride + c]!;
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
  const y = trainRows ? pick(input.y, trainRows) : input.y;
  const w = ctx.sampleWeight && trainRows ? pick(ctx.sampleWeight, trainRows) : ctx.sampleWeight;
  const n = y.length;
  const d = x.cols;
  const unitHessians = loss.hessianIsWeight === true && w === undefined;
  // The kernel arrays: binned data, gradients, rows and scratch, gathered gradients (and
  // hessians), a histogram per leaf (at most 64 expected, it grows past that).
  const histBytes = (d * (p.maxBins + 1) * 3 * 8 + 16) * (Math.min(p.maxLeafNodes ?? 64, 64) + 1);
  const memory = FitMemory.create(n * d + n * K * 16 + n * (unitHessians ? 16 : 24) + histBytes);
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
  const raw = new Float64Array(n * K);
  for (let i = 0; i < n; i++) raw.set(baseScore, i * K);
  if (valid) for (let i = 0; i < valid.n; i++) valid.raw.set(baseScore, i * K);
  const float64 = (length: number) =>
    memory?.float64(length) ?? (team.shared ? sharedFloat64(length) : new Float64Array(length));
  const g = float64(n * K);
  const h = float64(n * K);
  const subarray = (a: Float64Array, begin: number, end: number) =>
    memory ? memory.subarray(a, begin, end) : a.subarray(begin, end);

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
    },
    team,
  );

  // Training-score rows (a seeded subset when large), for early stopping.
  const scoreRows =
    n > TRAIN_SCORE_ROWS ? splitRng.permutation(n).subarray(0, TRAIN_SCORE_ROWS).sort() : undefined;
  const scoreY = scoreRows ? pick(y, scoreRows) : y;
  const scoreW = scoreRows && w ? pick(w, scoreRows) : w;
  const trainScore: number[] = [];
  const validationScore: number[] = [];
  const record = () => {
    trainScore.push(-loss.loss(scoreY, scoreRows ? pick(raw, scoreRows, K) : raw, scoreW));
    validationScore.push(-loss.loss(valid!.y, valid!.raw, valid!.w));
  };
  if (valid) record();

  const m = p.subsample < 1 ? Math.max(1, Math.floor(p.subsample * n)) : n;
  const inBag = m < n ? new Uint8Array(n) : undefined;
  const perm = m < n ? Int32Array.from({ length: n }, (_, i) => i) : undefined;
  // Per-class views, made once: the boosting team shares each array with its workers once.
  const gByClass = Array.from({ length: K }, (_, k) => subarray(g, k * n, (k + 1) * n));
  const hByClass = Array.from({ length: K }, (_, k) => subarray(h, k * n, (k + 1) * n));
  const trees: FlatTree[] = [];
  let nIter = 0;
  try {
    for (let it = 0; it < p.maxIter; it++) {
      ctx.step('iteration', it, p.maxIter);
      loss.gradients(y, raw, w, g.subarray(0, n * K), h.subarray(0, n * K));
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
        const nodes = await grower.grow(gByClass[k]!, hByClass[k]!, m, !perm, treeRng, ctx.signal);
        if (loss.leafQuantile !== undefined) {
          updateLeafQuantiles(nodes, grower.rows, y, rawBefore, w, loss.leafQuantile, p.learningRate);
        }
        addLeafValues(nodes, grower.rows.subarray(0, m), raw, K, k);
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

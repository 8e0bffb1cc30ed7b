// Score-based binary and multiclass ranking metrics: ROC curve, AUC and ROC AUC.
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';
import {
  checkLengths,
  checkOption,
  checkSampleWeight,
  type DenseMatrix,
  encodeLabelArrays,
  isMatrix,
  type Label,
  type LabelArray,
  type ScoreMatrix,
  toDenseMatrix,
  toFiniteArray,
} from './validation.js';

/** Points of a ROC curve, by decreasing threshold; `thresholds[0]` is +Infinity. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

export interface RocCurveOptions {
  /** The positive class; optional only when yTrue takes values in {0, 1} or {-1, 1}. */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Drop thresholds that are not corners of the curve (default true). */
  dropIntermediate?: boolean;
}

/** Cumulative (weighted) false and true positives at each distinct score, highest first. */
function binaryCurve(pos: Uint8Array, score: Float64Array, w: Float64Array | null) {
  if (w === null) return unweightedCurve(pos, score);
  let order = Uint32Array.from({ length: score.length }, (_, i) => i);
  order = order.filter((i) => w[i] !== 0);
  order.sort((i, j) => score[j]! - score[i]!);
  const m = order.length;
  const fps = new Float64Array(m);
  const tps = new Float64Array(m);
  const thr = new Float64Array(m);
  let tp = 0;
  let fp = 0;
  let count = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r]!;
    if (pos[i] === 1) tp += w[i]!;
    else fp += w[i]!;
    if (r === m - 1 || score[order[r + 1]!] !== score[i]) {
      fps[count] = fp;
      tps[count] = tp;
      thr[count] = score[i]!;
      count++;
    }
  }
  return { fps: fps.subarray(0, count), tps: tps.subarray(0, count), thr: thr.subarray(0, count) };
}

/** Unweighted fast path: sorts positive and negative scores natively, then merges them. */
function unweightedCurve(pos: Uint8Array, score: Float64Array) {
  let nPos = 0;
  for (let i = 0; i < pos.length; i++) nPos += pos[i]!;
  const ps = new Float64Array(nPos);
  const ns = new Float64Array(pos.length - nPos);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < pos.length; i++) {
    if (pos[i] === 1) ps[ip++] = score[i]!;
    else ns[ineg++] = score[i]!;
  }
  ps.sort();
  ns.sort();
  const m = pos.length;
  const fps = new Float64Array(m);
  const tps = new Float64Array(m);
  const thr = new Float64Array(m);
  let count = 0;
  ip = ps.length - 1;
  ineg = ns.length - 1;
  while (ip >= 0 || ineg >= 0) {
    const v = Math.max(
      ip >= 0 ? ps[ip]! : Number.NEGATIVE_INFINITY,
      ineg >= 0 ? ns[ineg]! : Number.NEGATIVE_INFINITY,
    );
    while (ip >= 0 && ps[ip] === v) ip--;
    while (ineg >= 0 && ns[ineg] === v) ineg--;
    tps[count] = ps.length - 1 - ip;
    fps[count] = ns.length - 1 - ineg;
    thr[count] = v;
    count++;
  }
  return { fps: fps.subarray(0, count), tps: tps.subarray(0, count), thr: thr.subarray(0, count) };
}

function rocFromIndicator(
  pos: Uint8Array,
  score: Float64Array,
  w: Float64Array | null,
  drop: boolean,
): RocCurve {
  const { fps, tps, thr } = binaryCurve(pos, score, w);
  const m = fps.length;
  const keep: number[] = [];
  for (let i = 0; i < m; i++) {
    const corner =
      !drop ||
      m <= 2 ||
      i === 0 ||
      i === m - 1 ||
      fps[i + 1]! - 2 * fps[i]! + fps[i - 1]! !== 0 ||
      tps[i + 1]! - 2 * tps[i]! + tps[i - 1]! !== 0;
    if (corner) keep.push(i);
  }
  const k = keep.length + 1;
  const fpr = new Float64Array(k);
  const tpr = new Float64Array(k);
  const thresholds = new Float64Array(k);
  thresholds[0] = Number.POSITIVE_INFINITY;
  const fpTotal = m > 0 ? fps[m - 1]! : 0;
  const tpTotal = m > 0 ? tps[m - 1]! : 0;
  for (let r = 0; r < keep.length; r++) {
    const i = keep[r]!;
    fpr[r + 1] = fps[i]! / fpTotal;
    tpr[r + 1] = tps[i]! / tpTotal;
    thresholds[r + 1] = thr[i]!;
  }
  // sklearn warns and returns NaN rates when there is no negative (or no positive) sample.
  if (!(fpTotal > 0)) fpr.fill(Number.NaN);
  if (!(tpTotal > 0)) tpr.fill(Number.NaN);
  return { fpr, tpr, thresholds };
}

/**
 * Receiver operating characteristic, as sklearn's `roc_curve`.
 *
 * @throws InvalidParameterError when `posLabel` is needed (labels other than {0,1}/{-1,1}).
 */
export function rocCurve(
  yTrue: LabelArray,
  yScore: ArrayLike<number>,
  options: RocCurveOptions = {},
): RocCurve {
  const fn = 'rocCurve';
  checkLengths(fn, yTrue, 'yTrue', yScore, 'yScore');
  const { classes, codes } = encodeLabelArrays(fn, [yTrue], ['yTrue'], true);
  let posLabel = options.posLabel;
  if (posLabel === undefined) {
    const ok = classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
    if (!ok) {
      throw new InvalidParameterError(
        `${fn}: yTrue takes values in {${classes.join(', ')}} and posLabel is not specified; make yTrue take values in {0, 1} or {-1, 1}, or pass posLabel`,
      );
    }
    posLabel = 1;
  } else if (classes.length > 2 && !classes.includes(posLabel)) {
    throw new InvalidParameterError(
      `${fn}: posLabel ${JSON.stringify(posLabel)} is not one of the labels of yTrue`,
    );
  }
  const posCode = classes.indexOf(posLabel);
  const labelsCodes = codes[0]!;
  const pos = new Uint8Array(labelsCodes.length);
  for (let i = 0; i < pos.length; i++) pos[i] = labelsCodes[i] === posCode ? 1 : 0;
  const score = toFiniteArray(fn, yScore, 'yScore');
  const w = checkSampleWeight(fn, options.sampleWeight, pos.length);
  return rocFromIndicator(pos, score, w, options.dropIntermediate ?? true);
}

/** Area under a curve by the trapezoidal rule, as sklearn's `auc`; x must be monotonic. */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = 'auc';
  checkLengths(fn, x, 'x', y, 'y');
  if (x.length < 2) throw new ShapeError(`${fn}: at least 2 points are needed, got ${x.length}`);
  let direction = 1;
  let up = false;
  let down = false;
  for (let i = 1; i < x.length; i++) {
    const d = x[i]! - x[i - 1]!;
    if (d < 0) down = true;
    else if (d > 0) up = true;
  }
  if (down) {
    if (up) throw new DataError(`${fn}: x is neither increasing nor decreasing; sort the points by x first`);
    direction = -1;
  }
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return direction * area;
}

function binaryAuc(
  fn: string,
  pos: Uint8Array,
  score: Float64Array,
  w: Float64Array | null,
  maxFpr: number | undefined,
) {
  let seen = 0;
  for (let i = 0; i < pos.length; i++) seen |= 1 << pos[i]!;
  if (seen !== 3) {
    throw new DataError(
      `${fn}: only one class is present in yTrue; ROC AUC is not defined then (it needs positives and negatives)`,
    );
  }
  const { fpr, tpr } = rocFromIndicator(pos, score, w, true);
  if (maxFpr === undefined || maxFpr === 1) return auc(fpr, tpr);
  let stop = 0;
  while (stop < fpr.length && fpr[stop]! <= maxFpr) stop++;
  const x0 = fpr[stop - 1]!;
  const x1 = fpr[stop]!;
  const t0 = tpr[stop - 1]!;
  const t1 = tpr[stop]!;
  const fx = Float64Array.of(...fpr.subarray(0, stop), maxFpr);
  const fy = Float64Array.of(...tpr.subarray(0, stop), t0 + ((maxFpr - x0) * (t1 - t0)) / (x1 - x0));
  const partial = auc(fx, fy);
  const minArea = 0.5 * maxFpr * maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea));
}

export interface RocAucOptions {
  /** Multiclass averaging: 'macro' (default), 'weighted', 'micro' (ovr only) or null per class. */
  average?: 'macro' | 'weighted' | 'micro' | null;
  sampleWeight?: ArrayLike<number>;
  /** Standardised partial AUC up to this false-positive rate (binary only), in (0, 1]. */
  maxFpr?: number;
  /** Required for multiclass targets, as in sklearn (default 'raise'). */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** Sorted classes matching the columns of a multiclass score matrix; default: those of yTrue. */
  labels?: LabelArray;
}

/**
 * Area under the ROC curve, as sklearn's `roc_auc_score`. Binary: `yScore` is the score of the
 * greater label. Multiclass: `yScore` is an (n x classes) probability matrix and `multiClass`
 * must be 'ovr' (one-vs-rest) or 'ovo' (one-vs-one).
 */
export function rocAucScore(
  yTrue: LabelArray,
  yScore: ArrayLike<number> | ScoreMatrix,
  options: RocAucOptions & { average: null },
): number | Float64Array;
export function rocAucScore(
  yTrue: LabelArray,
  yScore: ArrayLike<number> | ScoreMatrix,
  options?: RocAucOptions,
): number;
export function rocAucScore(
  yTrue: LabelArray,
  yScore: ArrayLike<number> | ScoreMatrix,
  options: RocAucOptions = {},
): number | Float64Array {
  const fn = 'rocAucScore';
  const { maxFpr } = options;
  if (maxFpr !== undefined && !(maxFpr > 0 && maxFpr <= 1)) {
    throw new InvalidParameterError(`${fn}: maxFpr must be in (0, 1]; got ${maxFpr}`);
  }
  const { classes, codes } = encodeLabelArrays(fn, [yTrue], ['yTrue'], true);
  const y = codes[0]!;
  const w = checkSampleWeight(fn, options.sampleWeight, y.length);
  const matrix = isMatrix(yScore) ? toDenseMatrix(fn, yScore, 'yScore') : null;
  if (classes.length > 2 || (matrix !== null && matrix.cols > 2)) {
    if (matrix === null) {
      throw new ShapeError(
        `${fn}: yTrue has ${classes.length} classes, so yScore must be an (n x ${classes.length}) probability matrix, not a flat array`,
      );
    }
    return multiclassAuc(fn, classes, y, matrix, w, options);
  }
  if (matrix !== null) {
    throw new ShapeError(
      `${fn}: binary yTrue needs a flat array of positive-class scores; pass column 1 of the matrix`,
    );
  }
  checkLengths(fn, yTrue, 'yTrue', yScore as ArrayLike<number>, 'yScore');
  const pos = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) pos[i] = y[i] === 1 ? 1 : 0;
  return binaryAuc(fn, pos, toFiniteArray(fn, yScore as ArrayLike<number>, 'yScore'), w, maxFpr);
}

function multiclassAuc(
  fn: string,
  present: Label[],
  y: Int32Array,
  m: DenseMatrix,
  w: Float64Array | null,
  options: RocAucOptions,
): number | Float64Array {
  const n = y.length;
  if (m.rows !== n) throw new ShapeError(`${fn}: yTrue has ${n} values but yScore has ${m.rows} rows`);
  if (options.maxFpr !== undefined && options.maxFpr !== 1) {
    throw new InvalidParameterError(
      `${fn}: maxFpr (partial AUC) is not available for multiclass targets; leave it unset`,
    );
  }
  const multiClass = checkOption(fn, 'multiClass', options.multiClass ?? 'raise', ['raise', 'ovr', 'ovo']);
  if (multiClass === 'raise') {
    throw new InvalidParameterError(
      `${fn}: yTrue is multiclass; set multiClass to 'ovr' (one-vs-rest) or 'ovo' (one-vs-one)`,
    );
  }
  const average = options.average === undefined ? 'macro' : options.average;
  const allowed = multiClass === 'ovr' ? ['micro', 'macro', 'weighted', null] : ['macro', 'weighted'];
  checkOption(fn, 'average', average, allowed);
  const k = m.cols;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += m.data[i * k + j]!;
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new DataError(
        `${fn}: yScore row ${i} sums to ${s}; multiclass ROC AUC needs probabilities that sum to 1 per row`,
      );
    }
  }
  // Column j of yScore belongs to classes[j]; translate yTrue codes into column indices.
  let col = y;
  if (options.labels !== undefined) {
    const labels = Array.from(options.labels as ArrayLike<Label>);
    const { classes: sorted } = encodeLabelArrays(fn, [options.labels], ['labels'], true);
    if (sorted.length !== labels.length) throw new InvalidParameterError(`${fn}: labels must be unique`);
    if (sorted.some((c, i) => c !== labels[i]))
      throw new InvalidParameterError(`${fn}: labels must be sorted`);
    if (labels.length !== k) {
      throw new ShapeError(
        `${fn}: ${labels.length} labels given but yScore has ${k} columns; they must match`,
      );
    }
    col = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = labels.indexOf(present[y[i]!]!);
      if (c < 0)
        throw new DataError(
          `${fn}: yTrue contains ${JSON.stringify(present[y[i]!])}, which is not in labels`,
        );
      col[i] = c;
    }
  } else if (present.length !== k) {
    throw new ShapeError(
      `${fn}: yTrue has ${present.length} classes but yScore has ${k} columns; pass labels to name the columns`,
    );
  }
  return multiClass === 'ovr' ? ovr(fn, col, m, w, average) : ovo(fn, col, m, w, average === 'weighted');
}

function column(m: DenseMatrix, j: number, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : m.rows;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = m.data[(rows ? rows[r]! : r) * m.cols + j]!;
  return out;
}

function ovr(fn: string, col: Int32Array, m: DenseMatrix, w: Float64Array | null, average: string | null) {
  const n = col.length;
  const k = m.cols;
  if (average === 'micro') {
    const pos = new Uint8Array(n * k);
    const ww = w === null ? null : new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      pos[i * k + col[i]!] = 1;
      if (ww !== null) ww.fill(w![i]!, i * k, i * k + k);
    }
    return binaryAuc(fn, pos, m.data, ww, undefined);
  }
  const scores = new Float64Array(k);
  const prevalence = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const pos = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (col[i] !== j) continue;
      pos[i] = 1;
      prevalence[j] = prevalence[j]! + (w === null ? 1 : w[i]!);
    }
    scores[j] = binaryAuc(fn, pos, column(m, j), w, undefined);
  }
  if (average === null) return scores;
  let s = 0;
  let ws = 0;
  for (let j = 0; j < k; j++) {
    const wj = average === 'weighted' ? prevalence[j]! : 1;
    s += wj * scores[j]!;
    ws += wj;
  }
  return Math.abs(ws) <= 1e-8 ? 0 : s / ws;
}

function ovo(fn: string, col: Int32Array, m: DenseMatrix, w: Float64Array | null, weighted: boolean): number {
  if (w !== null)
    throw new InvalidParameterError(`${fn}: sampleWeight is not supported with multiClass 'ovo'`);
  const present = [...new Set(col)].sort((a, b) => a - b);
  let s = 0;
  let ws = 0;
  for (let p = 0; p < present.length; p++) {
    for (let q = p + 1; q < present.length; q++) {
      const a = present[p]!;
      const b = present[q]!;
      const rows: number[] = [];
      for (let i = 0; i < col.length; i++) if (col[i] === a || col[i] === b) rows.push(i);
      const posA = Uint8Array.from(rows, (i) => (col[i] === a ? 1 : 0));
      const posB = Uint8Array.from(rows, (i) => (col[i] === b ? 1 : 0));
      const pair =
        (binaryAuc(fn, posA, column(m, a, rows), null, undefined) +
          binaryAuc(fn, posB, column(m, b, rows), null, undefined)) /
        2;
      const wp = weighted ? rows.length / col.length : 1;
      s += wp * pair;
      ws += wp;
    }
  }
  return s / ws;
}

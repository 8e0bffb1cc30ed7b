// Confusion matrix and the per-class counts (tp, predicted, true) that the set-wise metrics share.
import { InvalidParameterError } from '../errors/index.js';
import {
  checkOption,
  checkSampleWeight,
  encodePair,
  type Label,
  type LabelArray,
  labelIndex,
} from './validation.js';

/** Result of {@link confusionMatrix}. */
export interface ConfusionMatrixResult {
  /** Row/column labels, in the order of `labels` if given, else sorted. */
  labels: Label[];
  /**
   * `matrix[i][j]` = (weighted) number of samples whose true label is `labels[i]` and predicted
   * label is `labels[j]`; normalised when `normalize` is set. Plain nested arrays: the matrix is
   * only k x k, so convenience wins over a typed layout here.
   */
  matrix: number[][];
}

export interface ConfusionMatrixOptions {
  /** Labels to index the matrix; samples whose labels are not listed are ignored. */
  labels?: LabelArray;
  sampleWeight?: ArrayLike<number>;
  /** Normalise over true labels (rows), predicted labels (columns) or all samples. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/** Per-class sufficient statistics, indexed like the selected labels. */
export interface ClassCounts {
  tp: Float64Array;
  predSum: Float64Array;
  trueSum: Float64Array;
}

/**
 * Maps each encoded class to its position in the user's `labels` (or -1 when not selected).
 * Without `labels`, every class maps to itself.
 */
export function selectLabels(
  fn: string,
  classes: readonly Label[],
  labels: LabelArray | undefined,
): { selected: Label[]; position: Int32Array } {
  const position = new Int32Array(classes.length);
  if (labels === undefined || labels === null) {
    for (let c = 0; c < classes.length; c++) position[c] = c;
    return { selected: classes.slice(), position };
  }
  position.fill(-1);
  const selected = Array.from(labels as ArrayLike<Label>);
  const seen = new Set<Label>();
  for (const l of selected) {
    if (seen.has(l))
      throw new InvalidParameterError(`${fn}: labels contains ${JSON.stringify(l)} twice; list each once`);
    seen.add(l);
  }
  for (let p = 0; p < selected.length; p++) {
    const c = labelIndex(classes, selected[p]!);
    if (c >= 0) position[c] = p;
  }
  return { selected, position };
}

/** tp / predicted / true (weighted) counts per selected label. */
export function classCounts(
  k: number,
  position: Int32Array,
  a: Int32Array,
  b: Int32Array,
  w: Float64Array | null,
): ClassCounts {
  const tp = new Float64Array(k);
  const predSum = new Float64Array(k);
  const trueSum = new Float64Array(k);
  for (let i = 0; i < a.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    const t = position[a[i]!]!;
    const p = position[b[i]!]!;
    if (t >= 0) trueSum[t] = trueSum[t]! + wi;
    if (p >= 0) predSum[p] = predSum[p]! + wi;
    if (t >= 0 && t === p) tp[t] = tp[t]! + wi;
  }
  return { tp, predSum, trueSum };
}

/** Dense k x k (weighted) confusion counts over selected labels, row-major. */
export function confusionCounts(
  k: number,
  position: Int32Array,
  a: Int32Array,
  b: Int32Array,
  w: Float64Array | null,
): Float64Array {
  const cm = new Float64Array(k * k);
  for (let i = 0; i < a.length; i++) {
    const t = position[a[i]!]!;
    const p = position[b[i]!]!;
    if (t >= 0 && p >= 0) cm[t * k + p] = cm[t * k + p]! + (w === null ? 1 : w[i]!);
  }
  return cm;
}

/**
 * Confusion matrix, as sklearn's `confusion_matrix`: rows are true labels, columns predictions.
 *
 * @throws ShapeError when `yTrue`, `yPred` or `sampleWeight` lengths differ.
 * @throws InvalidParameterError when `labels` is empty, has duplicates or none of it is in `yTrue`.
 */
export function confusionMatrix(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrixResult {
  const fn = 'confusionMatrix';
  const { classes, a, b } = encodePair(fn, yTrue, yPred);
  const w = checkSampleWeight(fn, options.sampleWeight, a.length);
  const normalize = checkOption(fn, 'normalize', options.normalize ?? null, [null, 'true', 'pred', 'all']);
  if (options.labels !== undefined && options.labels.length === 0) {
    throw new InvalidParameterError(`${fn}: labels is empty; list at least one label or leave it out`);
  }
  const { selected, position } = selectLabels(fn, classes, options.labels);
  if (options.labels !== undefined && !a.some((c) => position[c]! >= 0)) {
    throw new InvalidParameterError(`${fn}: none of the given labels occurs in yTrue; at least one must`);
  }
  const k = selected.length;
  const cm = confusionCounts(k, position, a, b, w);
  const matrix: number[][] = [];
  let total = 0;
  for (let i = 0; i < k * k; i++) total += cm[i]!;
  for (let i = 0; i < k; i++) {
    const row = new Array<number>(k);
    for (let j = 0; j < k; j++) row[j] = cm[i * k + j]!;
    matrix.push(row);
  }
  if (normalize !== null) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let denom = total;
        if (normalize === 'true') denom = sumRange(cm, i * k, 1, k);
        else if (normalize === 'pred') denom = sumRange(cm, j, k, k);
        const v = matrix[i]![j]! / denom;
        matrix[i]![j] = Number.isFinite(v) ? v : 0;
      }
    }
  }
  return { labels: selected, matrix };
}

function sumRange(x: Float64Array, start: number, stride: number, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += x[start + i * stride]!;
  return s;
}

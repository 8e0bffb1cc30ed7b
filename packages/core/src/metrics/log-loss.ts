// Logarithmic (cross-entropy) loss of predicted probabilities.
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';
import {
  checkLengths,
  checkSampleWeight,
  type DenseMatrix,
  encodeLabelArrays,
  isMatrix,
  type Label,
  type LabelArray,
  type ScoreMatrix,
  toDenseMatrix,
  toFiniteArray,
  weightedMean,
} from './validation.js';

export interface LogLossOptions {
  /** Mean loss per sample (default) or, when false, the (weighted) sum. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number>;
  /** All class labels, matching the columns of `yProb` in sorted order; default: those of yTrue. */
  labels?: LabelArray;
}

/**
 * Log loss, as sklearn's `log_loss`. `yProb` is an (n x classes) matrix whose columns follow the
 * sorted labels, or a flat array of positive-class probabilities for a binary target.
 * Probabilities are clipped to [eps, 1 - eps] with eps = 2^-52, as sklearn does for float64.
 *
 * @throws DataError for probabilities outside [0, 1], a single class without `labels`, or yTrue
 * values missing from `labels`; ShapeError when the number of columns does not match the classes.
 */
export function logLoss(
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ScoreMatrix,
  options: LogLossOptions = {},
): number {
  const fn = 'logLoss';
  const n = yTrue.length;
  let m: DenseMatrix;
  if (isMatrix(yProb)) m = toDenseMatrix(fn, yProb, 'yProb');
  else {
    checkLengths(fn, yTrue, 'yTrue', yProb as ArrayLike<number>, 'yProb');
    const p = toFiniteArray(fn, yProb as ArrayLike<number>, 'yProb');
    m = { data: p, rows: p.length, cols: 1 };
  }
  if (m.rows !== n)
    throw new ShapeError(`${fn}: yTrue has ${n} values but yProb has ${m.rows} rows; they must match`);
  if (n === 0) throw new DataError(`${fn}: yTrue is empty; pass at least one sample`);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m.data.length; i++) {
    lo = Math.min(lo, m.data[i]!);
    hi = Math.max(hi, m.data[i]!);
  }
  if (hi > 1) throw new DataError(`${fn}: yProb contains values greater than 1 (${hi}); pass probabilities`);
  if (lo < 0) throw new DataError(`${fn}: yProb contains values lower than 0 (${lo}); pass probabilities`);
  if (m.cols === 1) {
    // One column: the probability of the positive (greater) class, as in sklearn.
    const data = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      data[2 * i] = 1 - m.data[i]!;
      data[2 * i + 1] = m.data[i]!;
    }
    m = { data, rows: n, cols: 2 };
  }
  const w = checkSampleWeight(fn, options.sampleWeight, n);

  let classes: Label[];
  let col: Int32Array;
  if (options.labels !== undefined) {
    const enc = encodeLabelArrays(fn, [options.labels, yTrue], ['labels', 'yTrue'], true);
    const declared = new Set(enc.codes[0]!);
    col = enc.codes[1]!;
    const undeclared = col.find((c) => !declared.has(c));
    if (undeclared !== undefined) {
      throw new DataError(
        `${fn}: yTrue contains ${JSON.stringify(enc.classes[undeclared])}, which is not in labels`,
      );
    }
    classes = enc.classes;
    if (classes.length < 2) {
      throw new InvalidParameterError(
        `${fn}: labels needs at least two labels, got ${JSON.stringify(classes)}`,
      );
    }
  } else {
    const enc = encodeLabelArrays(fn, [yTrue], ['yTrue'], true);
    classes = enc.classes;
    col = enc.codes[0]!;
    if (classes.length < 2) {
      throw new DataError(
        `${fn}: yTrue contains only one label (${JSON.stringify(classes[0])}); pass all expected labels through options.labels`,
      );
    }
  }
  if (classes.length !== m.cols) {
    throw new ShapeError(
      `${fn}: ${classes.length} classes (${classes.join(', ')}) but yProb has ${m.cols} columns; ` +
        (options.labels === undefined
          ? 'pass all labels through options.labels'
          : 'labels must match the columns'),
    );
  }
  const eps = Number.EPSILON;
  const k = m.cols;
  const loss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(m.data[i * k + col[i]!]!, eps), 1 - eps);
    loss[i] = -Math.log(p);
  }
  if (options.normalize === false) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w === null ? 1 : w[i]!) * loss[i]!;
    return s;
  }
  return weightedMean(fn, loss, w);
}

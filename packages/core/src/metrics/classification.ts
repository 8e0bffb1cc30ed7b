// Label-based classification scores: accuracy, balanced accuracy and Matthews correlation.
import { DataError } from '../errors/index.js';
import { confusionCounts, selectLabels } from './confusion.js';
import { checkSampleWeight, encodePair, type LabelArray, weightedMean } from './validation.js';

export interface AccuracyOptions {
  /** Return the fraction of correct samples (default) or, when false, their (weighted) count. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Fraction of samples whose predicted label equals the true label (sklearn's `accuracy_score`).
 *
 * @throws ShapeError on length mismatch; DataError on empty input, NaN or continuous labels.
 */
export function accuracyScore(yTrue: LabelArray, yPred: LabelArray, options: AccuracyOptions = {}): number {
  const fn = 'accuracyScore';
  const { a, b } = encodePair(fn, yTrue, yPred);
  const w = checkSampleWeight(fn, options.sampleWeight, a.length);
  const correct = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) correct[i] = a[i] === b[i] ? 1 : 0;
  if (options.normalize === false) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += (w === null ? 1 : w[i]!) * correct[i]!;
    return s;
  }
  return weightedMean(fn, correct, w);
}

/** Confusion counts over all labels present in either array. */
function fullConfusion(fn: string, yTrue: LabelArray, yPred: LabelArray, sampleWeight?: ArrayLike<number>) {
  const { classes, a, b } = encodePair(fn, yTrue, yPred);
  const w = checkSampleWeight(fn, sampleWeight, a.length);
  const k = classes.length;
  const { position } = selectLabels(fn, classes, undefined);
  return { k, cm: confusionCounts(k, position, a, b, w) };
}

export interface BalancedAccuracyOptions {
  sampleWeight?: ArrayLike<number>;
  /** Rescale so that chance scores 0 and perfect scores 1 (default false). */
  adjusted?: boolean;
}

/**
 * Mean recall over the classes present in `yTrue` (sklearn's `balanced_accuracy_score`).
 * Classes that appear only in `yPred` are ignored, as in sklearn (which warns).
 */
export function balancedAccuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: BalancedAccuracyOptions = {},
): number {
  const fn = 'balancedAccuracyScore';
  const { k, cm } = fullConfusion(fn, yTrue, yPred, options.sampleWeight);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < k; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += cm[i * k + j]!;
    const r = cm[i * k + i]! / rowSum;
    if (Number.isNaN(r)) continue;
    sum += r;
    n++;
  }
  if (n === 0) throw new DataError(`${fn}: every sample has zero weight; no class has a defined recall`);
  let score = sum / n;
  if (options.adjusted === true) {
    const chance = 1 / n;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

/**
 * Matthews correlation coefficient, multiclass form (sklearn's `matthews_corrcoef`).
 * Returns 0 when it is undefined (all predictions or all true labels in one class).
 */
export function matthewsCorrcoef(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: { sampleWeight?: ArrayLike<number> } = {},
): number {
  const { k, cm } = fullConfusion('matthewsCorrcoef', yTrue, yPred, options.sampleWeight);
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = cm[i * k + j]!;
      tSum[i] = tSum[i]! + v;
      pSum[j] = pSum[j]! + v;
    }
    correct += cm[i * k + i]!;
  }
  let n = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    n += pSum[i]!;
    tp += tSum[i]! * pSum[i]!;
    pp += pSum[i]! * pSum[i]!;
    tt += tSum[i]! * tSum[i]!;
  }
  const covYtYp = correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

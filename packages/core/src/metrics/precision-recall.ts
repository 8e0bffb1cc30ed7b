// Precision, recall and F-scores per class or averaged (binary, micro, macro, weighted).
import { InvalidParameterError } from '../errors/index.js';
import { classCounts, selectLabels } from './confusion.js';
import { checkOption, checkSampleWeight, encodePair, type Label, type LabelArray } from './validation.js';

/** How per-class scores are combined; `null` returns one score per class. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;
/** Value used when a ratio has a zero denominator; 'warn' behaves as 0 (sklearn's default). */
export type ZeroDivision = 'warn' | 0 | 1 | number;

export interface PrfOptions {
  /** Labels to score (in this order when `average` is null); default: all labels, sorted. */
  labels?: LabelArray;
  /** The positive class when `average` is 'binary' (default 1). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** Result for 0/0 (no predicted or no true samples of a class): 'warn' (= 0), 0, 1 or NaN. */
  zeroDivision?: ZeroDivision;
}
export interface AveragedOptions extends PrfOptions {
  average: Exclude<Average, null>;
}
export interface PerClassOptions extends PrfOptions {
  average?: null;
}

/** Per-class scores, aligned with `labels`. */
export interface PerClassPrfs {
  labels: Label[];
  precision: Float64Array;
  recall: Float64Array;
  fScore: Float64Array;
  /** (Weighted) number of true samples of each label. */
  support: Float64Array;
}
/** Averaged scores; sklearn returns no support once averaged. */
export interface AveragedPrfs {
  precision: number;
  recall: number;
  fScore: number;
  support: null;
}

const AVERAGES: readonly Average[] = ['binary', 'micro', 'macro', 'weighted', null];

function zeroDivisionValue(fn: string, z: ZeroDivision | undefined): number {
  if (z === undefined || z === 'warn') return 0;
  if (z === 0 || z === 1 || Number.isNaN(z)) return z;
  throw new InvalidParameterError(
    `${fn}: zeroDivision must be 'warn', 0, 1 or NaN; got ${JSON.stringify(z)}`,
  );
}

function divide(num: Float64Array, den: Float64Array, zero: number): Float64Array {
  const out = new Float64Array(num.length);
  for (let i = 0; i < num.length; i++) out[i] = den[i] === 0 ? zero : num[i]! / den[i]!;
  return out;
}

/** Mean ignoring NaN, weighted when given; falls back to unweighted when the weights sum to 0. */
function nanAverage(x: Float64Array, weights: Float64Array | null): number {
  let s = 0;
  let ws = 0;
  let plain = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    const wi = weights === null ? 1 : weights[i]!;
    s += wi * v;
    ws += wi;
    plain += v;
    count++;
  }
  if (count === 0) return Number.NaN;
  return ws === 0 ? plain / count : s / ws;
}

function sum1(x: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return Float64Array.of(s);
}

/**
 * Precision, recall, F-beta and support, as sklearn's `precision_recall_fscore_support`.
 * `average` defaults to null (per-class arrays); `beta` defaults to 1.
 *
 * @throws InvalidParameterError for an unknown `average`, a multiclass target with 'binary', or a
 * `posLabel` that is not one of the labels.
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options?: PerClassOptions & { beta?: number },
): PerClassPrfs;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: AveragedOptions & { beta?: number },
): AveragedPrfs;
export function precisionRecallFscoreSupport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: (PerClassOptions | AveragedOptions) & { beta?: number } = {},
): PerClassPrfs | AveragedPrfs {
  return prfs('precisionRecallFscoreSupport', yTrue, yPred, options.average ?? null, options);
}

/** Shared implementation; `average` is resolved by the caller (defaults differ). */
export function prfs(
  fn: string,
  yTrue: LabelArray,
  yPred: LabelArray,
  average: Average,
  options: PrfOptions & { beta?: number },
): PerClassPrfs | AveragedPrfs {
  checkOption(fn, 'average', average, AVERAGES);
  const beta = options.beta ?? 1;
  if (typeof beta !== 'number' || !(beta >= 0)) {
    throw new InvalidParameterError(`${fn}: beta must be a non-negative number; got ${beta}`);
  }
  const zero = zeroDivisionValue(fn, options.zeroDivision);
  const { classes, a, b } = encodePair(fn, yTrue, yPred);
  const w = checkSampleWeight(fn, options.sampleWeight, a.length);
  let labels = options.labels;
  if (average === 'binary') {
    if (classes.length > 2) {
      throw new InvalidParameterError(
        `${fn}: the target is multiclass (${classes.length} labels) but average is 'binary'; choose average 'micro', 'macro', 'weighted' or null`,
      );
    }
    const pos = options.posLabel ?? 1;
    if (classes.length === 2 && !classes.includes(pos)) {
      throw new InvalidParameterError(
        `${fn}: posLabel=${JSON.stringify(pos)} is not a valid label; it should be one of ${JSON.stringify(classes)}`,
      );
    }
    labels = [pos] as LabelArray;
  }
  const { selected, position } = selectLabels(fn, classes, labels);
  let { tp, predSum, trueSum } = classCounts(selected.length, position, a, b, w);
  if (average === 'micro') {
    tp = sum1(tp);
    predSum = sum1(predSum);
    trueSum = sum1(trueSum);
  }
  const precision = divide(tp, predSum, zero);
  const recall = divide(tp, trueSum, zero);
  let fScore: Float64Array;
  if (beta === Number.POSITIVE_INFINITY) fScore = recall;
  else if (beta === 0) fScore = precision;
  else {
    const b2 = beta * beta;
    const num = new Float64Array(tp.length);
    const den = new Float64Array(tp.length);
    for (let i = 0; i < tp.length; i++) {
      num[i] = (1 + b2) * tp[i]!;
      den[i] = b2 * trueSum[i]! + predSum[i]!;
    }
    fScore = divide(num, den, zero);
  }
  if (average === null) return { labels: selected, precision, recall, fScore, support: trueSum };
  const weights = average === 'weighted' ? trueSum : null;
  return {
    precision: nanAverage(precision, weights),
    recall: nanAverage(recall, weights),
    fScore: nanAverage(fScore, weights),
    support: null,
  };
}

type Scored = 'precision' | 'recall' | 'fScore';

function pick(
  fn: string,
  yTrue: LabelArray,
  yPred: LabelArray,
  options: (PrfOptions & { average?: Average }) & { beta?: number },
  key: Scored,
) {
  const r = prfs(fn, yTrue, yPred, options.average === undefined ? 'binary' : options.average, options);
  return r[key];
}

/** Options of the single-score functions; `average` defaults to 'binary' as in sklearn. */
export interface ScoreOptions extends PrfOptions {
  average?: Average;
}

/**
 * Precision tp / (tp + fp), as sklearn's `precision_score` (default `average: 'binary'`,
 * `posLabel: 1`). Returns one value per label when `average` is null.
 */
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): Float64Array;
export function precisionScore(yTrue: LabelArray, yPred: LabelArray, options?: ScoreOptions): number;
export function precisionScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | Float64Array {
  return pick('precisionScore', yTrue, yPred, options, 'precision');
}

/** Recall tp / (tp + fn), as sklearn's `recall_score` (default `average: 'binary'`). */
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): Float64Array;
export function recallScore(yTrue: LabelArray, yPred: LabelArray, options?: ScoreOptions): number;
export function recallScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | Float64Array {
  return pick('recallScore', yTrue, yPred, options, 'recall');
}

/** F1 = 2 tp / (2 tp + fp + fn), as sklearn's `f1_score` (default `average: 'binary'`). */
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { average: null },
): Float64Array;
export function f1Score(yTrue: LabelArray, yPred: LabelArray, options?: ScoreOptions): number;
export function f1Score(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions = {},
): number | Float64Array {
  return pick('f1Score', yTrue, yPred, options, 'fScore');
}

/**
 * F-beta score, as sklearn's `fbeta_score`: recall weighs `beta` times as much as precision.
 * `beta` is required, as in sklearn.
 */
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { beta: number; average: null },
): Float64Array;
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { beta: number },
): number;
export function fbetaScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ScoreOptions & { beta: number },
): number | Float64Array {
  if (options?.beta === undefined)
    throw new InvalidParameterError('fbetaScore: beta is required (e.g. { beta: 2 })');
  return pick('fbetaScore', yTrue, yPred, options, 'fScore');
}

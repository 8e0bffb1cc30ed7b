// Silhouette coefficients (euclidean), computed one row at a time so memory stays O(n + clusters).
import { DataError, InvalidParameterError, ShapeError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import {
  type DenseMatrix,
  encodeLabelArrays,
  type LabelArray,
  type ScoreMatrix,
  toDenseMatrix,
} from './validation.js';

export interface SilhouetteOptions {
  /** Only 'euclidean' is supported. */
  metric?: 'euclidean';
}

export interface SilhouetteScoreOptions extends SilhouetteOptions {
  /** Score a random subset of this many samples (drawn without replacement) to save time. */
  sampleSize?: number;
  /** Seed of the subset draw (default 0). The draw uses MLPY's `Rng`, so the subset differs from numpy's. */
  seed?: number;
}

function prepare(fn: string, X: ScoreMatrix, labels: LabelArray, metric: string | undefined) {
  if (metric !== undefined && metric !== 'euclidean') {
    throw new InvalidParameterError(`${fn}: metric '${metric}' is not supported; only 'euclidean' is`);
  }
  const m = toDenseMatrix(fn, X, 'X');
  if (labels == null || labels.length !== m.rows) {
    throw new ShapeError(
      `${fn}: X has ${m.rows} rows but labels has ${labels?.length} values; pass one label per row`,
    );
  }
  const { classes, codes } = encodeLabelArrays(fn, [labels], ['labels'], false);
  const k = classes.length;
  if (k < 2 || k > m.rows - 1) {
    throw new DataError(
      `${fn}: number of labels is ${k}; valid values are 2 to n_samples - 1 (${m.rows - 1}) inclusive`,
    );
  }
  return { m, codes: codes[0]!, k };
}

/** Silhouette of every row: O(n² · d) time, O(n + k) memory. */
function samples(m: DenseMatrix, codes: Int32Array, k: number) {
  const n = m.rows;
  const d = m.cols;
  const x = m.data;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[codes[i]!] = counts[codes[i]!]! + 1;
  const sums = new Float64Array(k);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const oi = i * d;
    for (let j = 0; j < n; j++) {
      const oj = j * d;
      let s = 0;
      for (let f = 0; f < d; f++) {
        const diff = x[oi + f]! - x[oj + f]!;
        s += diff * diff;
      }
      const c = codes[j]!;
      sums[c] = sums[c]! + Math.sqrt(s);
    }
    const own = codes[i]!;
    if (counts[own]! <= 1) continue; // a singleton's silhouette is 0
    const a = sums[own]! / (counts[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    const s = (b - a) / Math.max(a, b);
    out[i] = Number.isNaN(s) ? 0 : s;
  }
  return out;
}

/**
 * Silhouette coefficient of each sample, as sklearn's `silhouette_samples` (euclidean):
 * (b - a) / max(a, b) with a the mean distance to its own cluster and b to the nearest other.
 *
 * @throws DataError unless there are between 2 and n - 1 distinct labels.
 */
export function silhouetteSamples(
  X: ScoreMatrix,
  labels: LabelArray,
  options: SilhouetteOptions = {},
): Float64Array {
  const { m, codes, k } = prepare('silhouetteSamples', X, labels, options.metric);
  return samples(m, codes, k);
}

/**
 * Mean silhouette coefficient over all samples (or a seeded random subset of `sampleSize`),
 * as sklearn's `silhouette_score`. Time O(n² · features); memory O(n + clusters).
 */
export function silhouetteScore(
  X: ScoreMatrix,
  labels: LabelArray,
  options: SilhouetteScoreOptions = {},
): number {
  const fn = 'silhouetteScore';
  let m = toDenseMatrix(fn, X, 'X');
  let lab = labels;
  const { sampleSize } = options;
  if (sampleSize !== undefined) {
    if (!Number.isInteger(sampleSize) || sampleSize < 1) {
      throw new InvalidParameterError(`${fn}: sampleSize must be a positive integer; got ${sampleSize}`);
    }
    if (labels == null || labels.length !== m.rows) {
      throw new ShapeError(
        `${fn}: X has ${m.rows} rows but labels has ${labels?.length} values; pass one label per row`,
      );
    }
    const n = m.rows;
    const perm = new Rng(options.seed ?? 0).permutation(n);
    const take = Math.min(sampleSize, n);
    const d = m.cols;
    const data = new Float64Array(take * d);
    const picked: Array<number | string> = [];
    for (let r = 0; r < take; r++) {
      data.set(m.data.subarray(perm[r]! * d, perm[r]! * d + d), r * d);
      picked.push(labels[perm[r]!]!);
    }
    m = { data, rows: take, cols: d };
    lab = picked as LabelArray;
  }
  const { codes, k } = prepare(fn, m, lab, options.metric);
  const s = samples(m, codes, k);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i]!;
  return total / s.length;
}

// Distance metrics for the neighbour index (Minkowski family), computed in "reduced" form
// (no final root) inside hot loops, as scikit-learn's DistanceMetric does.
import { checkNumber, checkOneOf } from '../base/index.js';

/** Metric names accepted by neighbour-based estimators. 'minkowski' uses the `p` parameter. */
export type MetricName = 'minkowski' | 'euclidean' | 'manhattan';
export const METRIC_NAMES: readonly MetricName[] = ['minkowski', 'euclidean', 'manhattan'];

/** A resolved Minkowski metric: p = 1 (manhattan), 2 (euclidean) or any p >= 1. */
export interface DistanceMetric {
  /** The Minkowski power. */
  readonly p: number;
}

/** Resolves a metric name and Minkowski `p` (used only for 'minkowski') to a metric. */
export function resolveMetric(owner: string, metric: unknown, p: unknown): DistanceMetric {
  const name = checkOneOf(owner, 'metric', metric, METRIC_NAMES);
  if (name === 'euclidean') return { p: 2 };
  if (name === 'manhattan') return { p: 1 };
  return { p: checkNumber(owner, 'p', p, { min: 1 }) };
}

/**
 * Reduced distance between row `a` of `x` (at offset `ao`) and row `b` of `y` (offset `bo`) over
 * `d` features: the squared distance for p = 2, the distance itself for p = 1, Σ|Δ|^p otherwise.
 */
export function reducedDistance(
  x: Float64Array,
  ao: number,
  y: Float64Array,
  bo: number,
  d: number,
  p: number,
): number {
  let s = 0;
  if (p === 2) {
    for (let j = 0; j < d; j++) {
      const t = x[ao + j]! - y[bo + j]!;
      s += t * t;
    }
  } else if (p === 1) {
    for (let j = 0; j < d; j++) s += Math.abs(x[ao + j]! - y[bo + j]!);
  } else {
    for (let j = 0; j < d; j++) s += Math.abs(x[ao + j]! - y[bo + j]!) ** p;
  }
  return s;
}

/** Converts a reduced distance to the true distance. */
export function reducedToDistance(r: number, p: number): number {
  return p === 2 ? Math.sqrt(r) : p === 1 ? r : r ** (1 / p);
}

/** Converts a true distance (e.g. a radius) to its reduced form. */
export function distanceToReduced(dist: number, p: number): number {
  return p === 2 ? dist * dist : p === 1 ? dist : dist ** p;
}

/** The reduced contribution of one coordinate difference `t >= 0`. */
function term(t: number, p: number): number {
  return p === 2 ? t * t : p === 1 ? t : t ** p;
}

/**
 * Smallest (`far` false) or largest (`far` true) reduced distance from point `q` (offset `qo`)
 * to the axis-aligned box with corners `lo`/`hi` (offset `bo`), both of `d` features.
 */
export function boxReducedDistance(
  q: Float64Array,
  qo: number,
  lo: Float64Array,
  hi: Float64Array,
  bo: number,
  d: number,
  p: number,
  far: boolean,
): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = q[qo + j]!;
    const a = lo[bo + j]! - v;
    const b = v - hi[bo + j]!;
    // At most one of a, b is positive (lo <= hi); both are <= 0 inside the box.
    s += term(far ? Math.max(Math.abs(a), Math.abs(b)) : Math.max(a, b, 0), p);
  }
  return s;
}

// Lloyd's algorithm over flat typed arrays (after scikit-learn's _kmeans_single_lloyd): E-step
// with precomputed center norms, weighted M-step, relocation of empty clusters, convergence on
// unchanged labels or on the total squared center shift.
import { reducedDistance } from '../neighbors/index.js';

/** Squared euclidean distance between row offsets `ao` of `a` and `bo` of `b` over `d` features. */
export function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  return reducedDistance(a, ao, b, bo, d, 2);
}

export interface LloydResult {
  /** `k × d`, row-major. */
  centers: Float64Array;
  labels: Int32Array;
  /** Weighted sum of squared distances of rows to their centers. */
  inertia: number;
  nIter: number;
}

/** Nearest center of every row (first center on ties), with ‖c‖² − 2x·c over precomputed norms. */
function assign(
  x: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  k: number,
  norms: Float64Array,
  labels: Int32Array,
): void {
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += centers[c * d + j]! ** 2;
    norms[c] = s;
  }
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let best = Number.POSITIVE_INFINITY;
    let label = 0;
    for (let c = 0; c < k; c++) {
      const co = c * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += x[o + j]! * centers[co + j]!;
      const v = norms[c]! - 2 * dot;
      if (v < best) {
        best = v;
        label = c;
      }
    }
    labels[i] = label;
  }
}

/**
 * Gives each empty cluster one of the rows farthest from their current center, as scikit-learn
 * does: `sums` and `mass` are the weighted sums and weights per cluster before averaging.
 */
function relocateEmpty(
  x: Float64Array,
  n: number,
  d: number,
  weight: Float64Array,
  oldCenters: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  mass: Float64Array,
): void {
  const k = mass.length;
  let far: Float64Array | undefined;
  for (let c = 0; c < k; c++) {
    if (mass[c]! !== 0) continue;
    if (!far) {
      far = new Float64Array(n);
      for (let i = 0; i < n; i++) far[i] = squaredDistance(x, i * d, oldCenters, labels[i]! * d, d);
    }
    let pick = 0;
    for (let i = 1; i < n; i++) if (far[i]! > far[pick]!) pick = i;
    far[pick] = Number.NEGATIVE_INFINITY;
    const w = weight[pick]!;
    const from = labels[pick]!;
    for (let j = 0; j < d; j++) {
      const v = x[pick * d + j]! * w;
      sums[from * d + j]! -= v;
      sums[c * d + j] = v;
    }
    mass[c] = w;
    mass[from]! -= w;
  }
}

/**
 * One k-means run from `init` (copied). Stops when labels no longer change, or when the summed
 * squared center shift is at most `tolAbs`, or after `maxIter` iterations; the final labels
 * always match the final centers. `step(i)` runs before each iteration (progress and abort).
 */
export function lloyd(
  x: Float64Array,
  n: number,
  d: number,
  weight: Float64Array,
  init: Float64Array,
  maxIter: number,
  tolAbs: number,
  step: (iteration: number) => void,
): LloydResult {
  const k = init.length / d;
  let centers = init.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n).fill(-1);
  const previous = new Int32Array(n).fill(-1);
  const norms = new Float64Array(k);
  const mass = new Float64Array(k);
  let strict = false;
  let it = 0;
  for (; it < maxIter; it++) {
    step(it);
    assign(x, n, d, centers, k, norms, labels);
    next.fill(0);
    mass.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      const w = weight[i]!;
      mass[l]! += w;
      for (let j = 0; j < d; j++) next[l * d + j]! += w * x[i * d + j]!;
    }
    relocateEmpty(x, n, d, weight, centers, labels, next, mass);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (mass[c]! > 0) for (let j = 0; j < d; j++) next[c * d + j]! /= mass[c]!;
      shift += squaredDistance(next, c * d, centers, c * d, d);
    }
    const tmp = centers;
    centers = next;
    next = tmp;
    let same = true;
    for (let i = 0; i < n && same; i++) same = labels[i] === previous[i];
    if (same) {
      strict = true;
      break;
    }
    if (shift <= tolAbs) break;
    previous.set(labels);
  }
  if (!strict) assign(x, n, d, centers, k, norms, labels);
  return {
    centers,
    labels,
    inertia: inertiaOf(x, n, d, weight, centers, labels),
    nIter: Math.min(it + 1, maxIter),
  };
}

/** Weighted sum of squared distances of rows to their assigned centers. */
export function inertiaOf(
  x: Float64Array,
  n: number,
  d: number,
  weight: Float64Array | undefined,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let s = 0;
  for (let i = 0; i < n; i++)
    s += (weight ? weight[i]! : 1) * squaredDistance(x, i * d, centers, labels[i]! * d, d);
  return s;
}

/** Nearest center of each row by direct squared distance (first on ties); fills `labels` and returns the inertia. */
export function nearestCenters(
  x: Float64Array,
  n: number,
  d: number,
  centers: Float64Array,
  labels: Int32Array,
): number {
  const k = centers.length / d;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    let label = 0;
    for (let c = 0; c < k; c++) {
      const v = squaredDistance(x, i * d, centers, c * d, d);
      if (v < best) {
        best = v;
        label = c;
      }
    }
    labels[i] = label;
    inertia += best;
  }
  return inertia;
}

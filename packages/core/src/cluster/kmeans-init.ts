// Initial centers for k-means: scikit-learn's greedy k-means++ and random rows.
import type { Rng } from '../utils/random.js';
import { squaredDistance } from './kmeans-math.js';

/** Index of the first entry of the running sum of `values` that reaches `target` (clipped to the last). */
function searchCumulative(values: Float64Array, target: number, strict: boolean): number {
  let s = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    s += values[i]!;
    if (strict ? s > target : s >= target) return i;
  }
  return n - 1;
}

/**
 * Greedy k-means++ (scikit-learn's `_kmeans_plusplus`): the first center is a row drawn with
 * probability proportional to its weight; each next one is the best, by resulting potential, of
 * `2 + ⌊ln k⌋` candidates drawn with probability proportional to weight × squared distance to
 * the nearest chosen center. Returns the centers, `k × d`.
 */
export function kmeansPlusPlus(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  weight: Float64Array,
  rng: Rng,
): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weight[i]!;
  const first = searchCumulative(weight, rng.next() * totalWeight, true);
  centers.set(x.subarray(first * d, first * d + d), 0);
  let closest = new Float64Array(n);
  let candidate = new Float64Array(n);
  let best = new Float64Array(n);
  const contrib = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(x, i * d, x, first * d, d);
    potential += weight[i]! * closest[i]!;
  }
  for (let c = 1; c < k; c++) {
    for (let i = 0; i < n; i++) contrib[i] = weight[i]! * closest[i]!;
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      const id = searchCumulative(contrib, rng.next() * potential, false);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(closest[i]!, squaredDistance(x, i * d, x, id * d, d));
        candidate[i] = v;
        pot += weight[i]! * v;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestId = id;
        const tmp = best;
        best = candidate;
        candidate = tmp;
      }
    }
    centers.set(x.subarray(bestId * d, bestId * d + d), c * d);
    const tmp = closest;
    closest = best;
    best = tmp;
    potential = bestPotential;
  }
  return centers;
}

/** `k` distinct rows chosen uniformly at random (scikit-learn's init='random'). */
export function randomCenters(x: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const perm = rng.permutation(n);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(x.subarray(perm[c]! * d, perm[c]! * d + d), c * d);
  return centers;
}

// The training-data profile saved with every model: the reference that drift detection
// compares live traffic against (histograms for PSI/chi-square, a sample for Kolmogorov–Smirnov).
import type { Float64Matrix } from './matrix.js';
import type { FeatureSchema } from './schema.js';

export interface NumericProfile {
  name: string;
  kind: 'numeric';
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Inner bin edges (deciles of the training data, deduplicated); bins are (-inf, e0], (e0, e1], … (ek, inf). */
  binEdges: number[];
  /** Share of non-missing training values in each bin; length binEdges.length + 1. */
  binShares: number[];
  /** Sorted sample of training values (at most `sampleSize`), for the KS test. */
  sample: number[];
}

export interface CategoricalProfile {
  name: string;
  kind: 'categorical';
  count: number;
  missing: number;
  categories: string[];
  /** Share of non-missing training values per category. */
  shares: number[];
}

export type FeatureProfile = NumericProfile | CategoricalProfile;

export interface DataProfile {
  rows: number;
  features: FeatureProfile[];
}

/** Index of the bin a value falls in, for edges as described on NumericProfile. */
export function binIndex(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Profiles the training matrix. Rows are sampled evenly (at most `maxRows`) so profiling stays
 * cheap on millions of rows; statistics of a 10k-row sample are ample for drift tests.
 */
export function profileData(
  x: Float64Matrix,
  schema: FeatureSchema,
  maxRows = 10_000,
  sampleSize = 500,
): DataProfile {
  const step = Math.max(1, Math.ceil(x.rows / maxRows));
  const picked = Math.ceil(x.rows / step);
  const features = schema.features.map((spec, j): FeatureProfile => {
    const values = new Float64Array(picked);
    let m = 0;
    let missing = 0;
    for (let i = 0; i < x.rows; i += step) {
      const v = x.data[i * x.cols + j]!;
      if (Number.isNaN(v)) missing++;
      else values[m++] = v;
    }
    const vals = values.subarray(0, m);
    if (spec.kind === 'categorical') {
      const counts = new Array<number>(spec.categories.length).fill(0);
      for (const v of vals) counts[v]!++;
      return {
        name: spec.name,
        kind: 'categorical',
        count: m,
        missing,
        categories: [...spec.categories],
        shares: counts.map((c) => (m ? c / m : 0)),
      };
    }
    vals.sort();
    let sum = 0;
    for (const v of vals) sum += v;
    const mean = m ? sum / m : Number.NaN;
    let ss = 0;
    for (const v of vals) ss += (v - mean) ** 2;
    const edges: number[] = [];
    if (m) {
      for (let q = 1; q < 10; q++) {
        const e = quantileSorted(vals, q / 10);
        if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
      }
    }
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const v of vals) counts[binIndex(edges, v)]!++;
    const nSample = Math.min(m, sampleSize);
    const sample: number[] = [];
    for (let k = 0; k < nSample; k++) sample.push(vals[Math.floor((k * m) / nSample)]!);
    return {
      name: spec.name,
      kind: 'numeric',
      count: m,
      missing,
      mean,
      std: m ? Math.sqrt(ss / m) : Number.NaN,
      min: m ? vals[0]! : Number.NaN,
      max: m ? vals[m - 1]! : Number.NaN,
      binEdges: edges,
      binShares: counts.map((c) => (m ? c / m : 0)),
      sample,
    };
  });
  return { rows: x.rows, features };
}

// Agreement between two clusterings: adjusted Rand, mutual-information scores, homogeneity/completeness/V.
import {
  type Contingency,
  contingency,
  entropyOf,
  generalizedAverage,
  logFactorial,
  mutualInfoOf,
} from './contingency.js';
import type { LabelArray } from './validation.js';

/** How the two entropies are combined to normalise mutual information (default 'arithmetic'). */
export type AverageMethod = 'min' | 'geometric' | 'arithmetic' | 'max';

/**
 * Rand index adjusted for chance, as sklearn's `adjusted_rand_score`: 1 for identical
 * partitions (up to renaming), about 0 for random ones, possibly negative.
 *
 * @throws ShapeError on length mismatch; DataError on empty input or NaN labels.
 */
export function adjustedRandScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  const ct = contingency('adjustedRandScore', labelsTrue, labelsPred);
  const n = ct.n;
  let sumSquares = 0;
  for (let c = 0; c < ct.cells.length; c++) sumSquares += ct.cells[c]! ** 2;
  // Pair-confusion counts (ordered pairs), as sklearn's pair_confusion_matrix.
  let rowDot = 0;
  let colDot = 0;
  for (let c = 0; c < ct.cells.length; c++) {
    rowDot += ct.cells[c]! * ct.colSums[ct.cellCol[c]!]!;
    colDot += ct.cells[c]! * ct.rowSums[ct.cellRow[c]!]!;
  }
  const tp = sumSquares - n;
  const fp = rowDot - sumSquares;
  const fn = colDot - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Mutual information (natural log) between two clusterings, as sklearn's `mutual_info_score`. */
export function mutualInfoScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  return mutualInfoOf(contingency('mutualInfoScore', labelsTrue, labelsPred));
}

/**
 * Shared start of NMI and AMI: validates the method, tabulates, and returns null when both
 * labelings are a single cluster (a perfect match, scored 1).
 */
function informationTerms(fn: string, labelsTrue: LabelArray, labelsPred: LabelArray, method: AverageMethod) {
  generalizedAverage(fn, 1, 1, method);
  const ct = contingency(fn, labelsTrue, labelsPred);
  if (ct.rowSums.length === 1 && ct.colSums.length === 1) return null;
  const normalizer = () => generalizedAverage(fn, entropyOf(ct.rowSums), entropyOf(ct.colSums), method);
  return { ct, mi: mutualInfoOf(ct), normalizer };
}

/**
 * Mutual information normalised by a generalised mean of the entropies, as sklearn's
 * `normalized_mutual_info_score`. 1 when both labelings are a single cluster.
 */
export function normalizedMutualInfoScore(
  labelsTrue: LabelArray,
  labelsPred: LabelArray,
  options: { averageMethod?: AverageMethod } = {},
): number {
  const terms = informationTerms(
    'normalizedMutualInfoScore',
    labelsTrue,
    labelsPred,
    options.averageMethod ?? 'arithmetic',
  );
  if (terms === null) return 1;
  return terms.mi === 0 ? 0 : terms.mi / terms.normalizer();
}

/** Expected mutual information of two random labelings with the given margins. */
function expectedMutualInfo(ct: Contingency): number {
  const a = ct.rowSums;
  const b = ct.colSums;
  if (a.length === 1 || b.length === 1) return 0;
  const n = ct.n;
  const lf = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) lf[i] = logFactorial(i);
  const logN = Math.log(n);
  let emi = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    for (let j = 0; j < b.length; j++) {
      const bj = b[j]!;
      const start = Math.max(1, ai - n + bj);
      const end = Math.min(ai, bj);
      const fixed = lf[ai]! + lf[bj]! + lf[n - ai]! + lf[n - bj]! - lf[n]!;
      const logAB = Math.log(ai) + Math.log(bj);
      for (let nij = start; nij <= end; nij++) {
        const term2 = logN + Math.log(nij) - logAB;
        const gln = fixed - lf[nij]! - lf[ai - nij]! - lf[bj - nij]! - lf[n - ai - bj + nij]!;
        emi += (nij / n) * term2 * Math.exp(gln);
      }
    }
  }
  return emi;
}

/**
 * Mutual information adjusted for chance, as sklearn's `adjusted_mutual_info_score`:
 * (MI - E[MI]) / (mean(H(U), H(V)) - E[MI]). Time O(clusters² · n) in the worst case.
 */
export function adjustedMutualInfoScore(
  labelsTrue: LabelArray,
  labelsPred: LabelArray,
  options: { averageMethod?: AverageMethod } = {},
): number {
  const terms = informationTerms(
    'adjustedMutualInfoScore',
    labelsTrue,
    labelsPred,
    options.averageMethod ?? 'arithmetic',
  );
  if (terms === null) return 1;
  const { ct, mi } = terms;
  const emi = expectedMutualInfo(ct);
  let denominator = terms.normalizer() - emi;
  denominator =
    denominator < 0 ? Math.min(denominator, -Number.EPSILON) : Math.max(denominator, Number.EPSILON);
  return (mi - emi) / denominator;
}

/** Homogeneity, completeness and their weighted harmonic mean (V-measure). */
export interface HomogeneityCompletenessV {
  homogeneity: number;
  completeness: number;
  vMeasure: number;
}

/**
 * Homogeneity (each cluster holds one class), completeness (each class is in one cluster) and
 * V-measure, as sklearn's `homogeneity_completeness_v_measure`. `beta` > 1 favours completeness.
 */
export function homogeneityCompletenessVMeasure(
  labelsTrue: LabelArray,
  labelsPred: LabelArray,
  options: { beta?: number } = {},
): HomogeneityCompletenessV {
  const beta = options.beta ?? 1;
  const ct = contingency('homogeneityCompletenessVMeasure', labelsTrue, labelsPred);
  const hC = entropyOf(ct.rowSums);
  const hK = entropyOf(ct.colSums);
  const mi = mutualInfoOf(ct);
  const homogeneity = hC ? mi / hC : 1;
  const completeness = hK ? mi / hK : 1;
  const vMeasure =
    homogeneity + completeness === 0
      ? 0
      : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}

/** Homogeneity score, as sklearn's `homogeneity_score`. */
export function homogeneityScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).homogeneity;
}

/** Completeness score, as sklearn's `completeness_score`. */
export function completenessScore(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred).completeness;
}

/** V-measure (equal to NMI with the arithmetic mean when beta = 1), as sklearn's `v_measure_score`. */
export function vMeasureScore(
  labelsTrue: LabelArray,
  labelsPred: LabelArray,
  options: { beta?: number } = {},
): number {
  return homogeneityCompletenessVMeasure(labelsTrue, labelsPred, options).vMeasure;
}

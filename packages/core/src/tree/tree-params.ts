// Growth parameters shared by decision trees and forests: validation and resolution of
// scikit-learn's count-or-fraction conventions into the builder's GrowOptions.
import { checkNumber, checkOneOf } from '../base/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { ENTROPY, GINI, SQUARED_ERROR } from './best-split.js';
import type { GrowOptions } from './grower.js';

/** Features drawn per split: a count (integer ≥ 2), a fraction in (0, 1], 'sqrt', 'log2', or null (all). */
export type MaxFeatures = number | 'sqrt' | 'log2' | null;
export type ClassificationCriterion = 'gini' | 'entropy' | 'logLoss';
export type RegressionCriterion = 'squaredError';

/** Parameters controlling how one tree grows (scikit-learn's names in camelCase). */
export interface TreeGrowthParams {
  /** Maximum depth; null grows until leaves are pure or too small. Default null. */
  maxDepth: number | null;
  /** Fewest rows to split a node: an integer ≥ 2, or a fraction in (0, 1) of the rows. Default 2. */
  minSamplesSplit: number;
  /** Fewest rows in a leaf: an integer ≥ 1, or a fraction in (0, 1) of the rows. Default 1. */
  minSamplesLeaf: number;
  /** Fewest total sample weight in a leaf, as a fraction in [0, 0.5] of the total. Default 0. */
  minWeightFractionLeaf: number;
  maxFeatures: MaxFeatures;
  /** Grow best-first with at most this many leaves (≥ 2); null = unlimited depth-first. Default null. */
  maxLeafNodes: number | null;
  /** Split only when the weighted impurity decrease is at least this. Default 0. */
  minImpurityDecrease: number;
}

export const growthDefaults: Omit<TreeGrowthParams, 'maxFeatures'> = {
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxLeafNodes: null,
  minImpurityDecrease: 0,
};

function isFraction(v: number): boolean {
  return !Number.isInteger(v) && v > 0 && v < 1;
}

/** Throws InvalidParameterError for any growth parameter out of range. */
export function validateGrowthParams(owner: string, p: TreeGrowthParams): void {
  if (p.maxDepth !== null) checkNumber(owner, 'maxDepth', p.maxDepth, { integer: true, min: 1 });
  if (!isFraction(p.minSamplesSplit))
    checkNumber(owner, 'minSamplesSplit', p.minSamplesSplit, { integer: true, min: 2 });
  if (!isFraction(p.minSamplesLeaf))
    checkNumber(owner, 'minSamplesLeaf', p.minSamplesLeaf, { integer: true, min: 1 });
  checkNumber(owner, 'minWeightFractionLeaf', p.minWeightFractionLeaf, { min: 0, max: 0.5 });
  if (p.maxLeafNodes !== null) checkNumber(owner, 'maxLeafNodes', p.maxLeafNodes, { integer: true, min: 2 });
  checkNumber(owner, 'minImpurityDecrease', p.minImpurityDecrease, { min: 0 });
  const mf = p.maxFeatures;
  if (mf === null || mf === 'sqrt' || mf === 'log2') return;
  if (typeof mf !== 'number' || !Number.isFinite(mf) || mf <= 0 || (mf > 1 && !Number.isInteger(mf))) {
    throw new InvalidParameterError(
      `${owner}: maxFeatures must be an integer count ≥ 2, a fraction in (0, 1], 'sqrt', 'log2' or null, got ${JSON.stringify(mf)}`,
      { details: { parameter: 'maxFeatures' } },
    );
  }
}

/** Number of features drawn per split for `d` features (scikit-learn's rounding, at least 1). */
export function resolveMaxFeatures(mf: MaxFeatures, d: number): number {
  if (mf === null) return d;
  if (mf === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (mf === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  if (mf <= 1) return Math.max(1, Math.floor(mf * d));
  return Math.min(mf, d);
}

/** Criterion code for a criterion name. */
export function criterionCode(
  owner: string,
  criterion: string,
  task: 'classification' | 'regression',
): number {
  if (task === 'regression') {
    checkOneOf(owner, 'criterion', criterion, ['squaredError'] as const);
    return SQUARED_ERROR;
  }
  const c = checkOneOf(owner, 'criterion', criterion, ['gini', 'entropy', 'logLoss'] as const);
  return c === 'gini' ? GINI : ENTROPY;
}

/** Builder options for `nSamples` rows, `d` features and the total sample weight. */
export function resolveGrowOptions(
  p: TreeGrowthParams,
  criterion: number,
  nSamples: number,
  d: number,
  totalWeight: number,
): GrowOptions {
  const minSamplesLeaf = isFraction(p.minSamplesLeaf)
    ? Math.ceil(p.minSamplesLeaf * nSamples)
    : p.minSamplesLeaf;
  const split = isFraction(p.minSamplesSplit)
    ? Math.max(2, Math.ceil(p.minSamplesSplit * nSamples))
    : p.minSamplesSplit;
  return {
    criterion,
    maxDepth: p.maxDepth ?? Number.MAX_SAFE_INTEGER,
    minSamplesSplit: Math.max(split, 2 * minSamplesLeaf),
    minSamplesLeaf,
    minWeightLeaf: p.minWeightFractionLeaf * totalWeight,
    maxFeatures: resolveMaxFeatures(p.maxFeatures, d),
    maxLeafNodes: p.maxLeafNodes ?? 0,
    minImpurityDecrease: p.minImpurityDecrease,
  };
}

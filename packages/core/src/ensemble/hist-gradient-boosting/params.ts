// Parameters shared by both histogram gradient boosting estimators (scikit-learn's names in the
// MLPY vocabulary), their validation, and their resolution against the fit-time schema.
import { checkNumber, checkOneOf, checkOptionalInt } from '../../base/index.js';
import type { FeatureSchema } from '../../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../../errors/index.js';

/** Parameters common to HistGradientBoostingClassifier and HistGradientBoostingRegressor. */
export interface HistGradientBoostingParams {
  /** Shrinkage applied to every leaf value. Default 0.1. */
  learningRate: number;
  /** Boosting iterations (trees per output). Default 100. */
  maxIter: number;
  /** Most leaves per tree; null for no limit. Default 31. */
  maxLeafNodes: number | null;
  /** Most edges from the root to a leaf; null for no limit. Default null. */
  maxDepth: number | null;
  /** Fewest training rows per leaf. Default 20. */
  minSamplesLeaf: number;
  /** Smallest hessian sum per leaf (scikit-learn's min_hessian_to_split). Default 1e-3. */
  minHessianLeaf: number;
  /** L2 penalty on leaf values. Default 0. */
  l2Regularization: number;
  /** Bins for non-missing values per feature, 2..255 (one more bin holds missing values). Default 255. */
  maxBins: number;
  /**
   * Features split on categories: 'auto' (the categorical columns of a Frame), feature indices,
   * feature names, or null (none). Categorical values are codes 0..maxBins-1. Default 'auto'.
   */
  categoricalFeatures: 'auto' | number[] | string[] | null;
  /** Monotonic constraint per feature (+1 increasing, -1 decreasing, 0 none), by index or by name. Default null. */
  monotonicCst: number[] | Record<string, number> | null;
  /** 'auto': on when there are more than 10 000 rows or `validationData` is given. Default 'auto'. */
  earlyStopping: 'auto' | boolean;
  /** Share of the training rows held out for early stopping (stratified for classifiers). Default 0.1. */
  validationFraction: number;
  /** Stop when the last nIterNoChange scores did not improve on the one before by more than tol. Default 10. */
  nIterNoChange: number;
  /** Minimum improvement for early stopping. Default 1e-7. */
  tol: number;
  /** Early-stopping score: 'loss' (the negated training loss). Default 'loss'. */
  scoring: 'loss';
  /** Share of rows drawn (without replacement) for each iteration. Default 1. */
  subsample: number;
  /** Share of features considered at each split (scikit-learn's max_features). Default 1. */
  maxFeatures: number;
  /** Threads for histogram building; null or -1 for all cores. Default null. */
  nJobs: number | null;
  /** Seed for binning subsample, validation split, row and feature sampling. Default 0. */
  seed: number;
}

/** scikit-learn's defaults. */
export const histGradientBoostingDefaults: HistGradientBoostingParams = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  l2Regularization: 0,
  maxBins: 255,
  categoricalFeatures: 'auto',
  monotonicCst: null,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  scoring: 'loss',
  subsample: 1,
  maxFeatures: 1,
  nJobs: null,
  seed: 0,
};

/** Throws InvalidParameterError for any out-of-range shared parameter. */
export function validateBoostingParams(owner: string, p: HistGradientBoostingParams): void {
  checkNumber(owner, 'learningRate', p.learningRate, { min: 0, exclusiveMin: true });
  checkNumber(owner, 'maxIter', p.maxIter, { integer: true, min: 1 });
  checkOptionalInt(owner, 'maxLeafNodes', p.maxLeafNodes, 2);
  checkOptionalInt(owner, 'maxDepth', p.maxDepth, 1);
  checkNumber(owner, 'minSamplesLeaf', p.minSamplesLeaf, { integer: true, min: 1 });
  checkNumber(owner, 'minHessianLeaf', p.minHessianLeaf, { min: 0 });
  checkNumber(owner, 'l2Regularization', p.l2Regularization, { min: 0 });
  checkNumber(owner, 'maxBins', p.maxBins, { integer: true, min: 2, max: 255 });
  checkOneOf(owner, 'earlyStopping', p.earlyStopping, ['auto', true, false] as const);
  checkNumber(owner, 'validationFraction', p.validationFraction, {
    min: 0,
    max: 1,
    exclusiveMin: true,
    exclusiveMax: true,
  });
  checkNumber(owner, 'nIterNoChange', p.nIterNoChange, { integer: true, min: 1 });
  checkNumber(owner, 'tol', p.tol, { min: 0 });
  checkOneOf(owner, 'scoring', p.scoring, ['loss'] as const);
  checkNumber(owner, 'subsample', p.subsample, { min: 0, max: 1, exclusiveMin: true });
  checkNumber(owner, 'maxFeatures', p.maxFeatures, { min: 0, max: 1, exclusiveMin: true });
  if (p.nJobs !== null && p.nJobs !== -1) checkNumber(owner, 'nJobs', p.nJobs, { integer: true, min: 1 });
  checkNumber(owner, 'seed', p.seed, { integer: true });
  const cf = p.categoricalFeatures;
  if (cf !== null && cf !== 'auto' && !Array.isArray(cf)) {
    throw new InvalidParameterError(
      `${owner}: categoricalFeatures must be 'auto', null, or an array of feature indices or names`,
    );
  }
  const mc = p.monotonicCst;
  if (
    mc !== null &&
    (typeof mc !== 'object' || Object.values(mc).some((v) => v !== -1 && v !== 0 && v !== 1))
  ) {
    throw new InvalidParameterError(
      `${owner}: monotonicCst must map features to -1, 0 or +1 (an array by index or an object by name)`,
    );
  }
}

function featureIndex(owner: string, param: string, schema: FeatureSchema, key: number | string): number {
  const names = schema.features.map((f) => f.name);
  const j = typeof key === 'number' ? key : names.indexOf(key);
  if (!Number.isInteger(j) || j < 0 || j >= names.length) {
    throw new InvalidParameterError(
      `${owner}: ${param} names feature ${JSON.stringify(key)}, which is not among the ${names.length} features (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''})`,
    );
  }
  return j;
}

/** 1 for every categorical feature, from the parameter and the schema. */
export function resolveCategorical(
  owner: string,
  p: HistGradientBoostingParams,
  schema: FeatureSchema,
): Uint8Array {
  const d = schema.features.length;
  const out = new Uint8Array(d);
  const cf = p.categoricalFeatures;
  if (cf === 'auto') {
    for (let j = 0; j < d; j++) out[j] = schema.features[j]!.kind === 'categorical' ? 1 : 0;
  } else if (cf !== null)
    for (const key of cf) out[featureIndex(owner, 'categoricalFeatures', schema, key)] = 1;
  schema.features.forEach((f, j) => {
    if (f.kind === 'categorical' && out[j] === 0) {
      throw new InvalidParameterError(
        `${owner}: column '${f.name}' is categorical but categoricalFeatures does not include it; use categoricalFeatures: 'auto' or list it`,
      );
    }
    if (f.kind === 'categorical' && f.categories.length > p.maxBins) {
      throw new DataError(
        `${owner}: column '${f.name}' has ${f.categories.length} categories but at most maxBins (${p.maxBins}) are supported; ` +
          'group rare categories, raise maxBins (at most 255), or encode the column as numbers',
      );
    }
  });
  return out;
}

/** Per-feature monotonic constraint (−1, 0, +1); categorical features cannot be constrained. */
export function resolveMonotonic(
  owner: string,
  p: HistGradientBoostingParams,
  schema: FeatureSchema,
  categorical: Uint8Array,
): Int8Array {
  const d = schema.features.length;
  const out = new Int8Array(d);
  const mc = p.monotonicCst;
  if (mc === null) return out;
  if (Array.isArray(mc)) {
    if (mc.length !== d) {
      throw new InvalidParameterError(
        `${owner}: monotonicCst has ${mc.length} entries but X has ${d} features`,
      );
    }
    for (let j = 0; j < d; j++) out[j] = mc[j]!;
  } else
    for (const [name, v] of Object.entries(mc)) out[featureIndex(owner, 'monotonicCst', schema, name)] = v;
  for (let j = 0; j < d; j++) {
    if (out[j] !== 0 && categorical[j] === 1) {
      throw new InvalidParameterError(
        `${owner}: feature ${j} is categorical and cannot have a monotonic constraint`,
      );
    }
  }
  return out;
}

/** A loaded model must use exactly the features of its saved schema. */
export function checkSchemaWidth(owner: string, nFeatures: number, schema: FeatureSchema): void {
  if (nFeatures !== schema.features.length) {
    throw new FormatError(
      `${owner}: saved state uses ${nFeatures} features but its schema lists ${schema.features.length}; the file is corrupt`,
    );
  }
}

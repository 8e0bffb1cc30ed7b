// Model names on the command line: catalogue class names (any case) and short aliases that pick
// the classifier or regressor by task; `--param key=value` values parsed as JSON.
import { type BaseEstimator, catalogue, type EstimatorClass, MlpyError } from '@mlpy/core';
import { UsageError } from '../errors.js';
import type { Task } from './dataset.js';

/** Short names: [classification class, regression class]. */
export const MODEL_ALIASES: Readonly<Record<string, readonly [string | undefined, string | undefined]>> = {
  logistic: ['LogisticRegression', undefined],
  logreg: ['LogisticRegression', undefined],
  linear: [undefined, 'LinearRegression'],
  ridge: [undefined, 'Ridge'],
  lasso: [undefined, 'Lasso'],
  elasticnet: [undefined, 'ElasticNet'],
  knn: ['KNeighborsClassifier', 'KNeighborsRegressor'],
  tree: ['DecisionTreeClassifier', 'DecisionTreeRegressor'],
  rf: ['RandomForestClassifier', 'RandomForestRegressor'],
  forest: ['RandomForestClassifier', 'RandomForestRegressor'],
  hgb: ['HistGradientBoostingClassifier', 'HistGradientBoostingRegressor'],
  dummy: ['DummyClassifier', 'DummyRegressor'],
  ensemble: ['AdaptiveEnsembleClassifier', 'AdaptiveEnsembleRegressor'],
};

/** Models that need scaled inputs (distances, penalised coefficients). */
export const SCALE_SENSITIVE = new Set([
  'LogisticRegression',
  'Ridge',
  'Lasso',
  'ElasticNet',
  'KNeighborsClassifier',
  'KNeighborsRegressor',
]);

function findClass(name: string): EstimatorClass | undefined {
  const lower = name.toLowerCase();
  return catalogue().find((e) => e.estimator.estimatorName.toLowerCase() === lower)?.estimator;
}

/** The estimator class a command-line model name means for `task`. */
export function resolveModelClass(name: string, task: Task): EstimatorClass {
  const alias = MODEL_ALIASES[name.toLowerCase()];
  if (alias) {
    const className = alias[task === 'classification' ? 0 : 1];
    if (!className) throw new UsageError(`model '${name}' is not a ${task} model`);
    const cls = findClass(className);
    if (!cls)
      throw new UsageError(`model '${name}' (${className}) is not available in this version of @mlpy/core`);
    return cls;
  }
  const cls = findClass(name);
  if (!cls) {
    throw new UsageError(
      `unknown model '${name}'; use auto, an alias (${Object.keys(MODEL_ALIASES).join(', ')}) or a class name (see mlpy train --help)`,
    );
  }
  if (cls.tags.task !== task) {
    throw new UsageError(`model '${name}' is a ${cls.tags.task} estimator, but the target calls for ${task}`);
  }
  return cls;
}

/** Parses repeated `key=value` options; values are JSON when they parse, else strings. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param '${pair}' is not key=value (e.g. --param nEstimators=200)`);
    const key = pair.slice(0, eq).trim();
    const text = pair.slice(eq + 1);
    try {
      out[key] = JSON.parse(text);
    } catch {
      out[key] = text;
    }
  }
  return out;
}

/** A new estimator of `cls` with `params`; unknown parameter names are a usage error. */
export function instantiate(cls: EstimatorClass, params: Record<string, unknown>): BaseEstimator {
  const Ctor = cls as unknown as new (p: Record<string, unknown>) => BaseEstimator;
  try {
    return new Ctor(params);
  } catch (error) {
    if (error instanceof MlpyError) throw new UsageError(error.message);
    throw error;
  }
}

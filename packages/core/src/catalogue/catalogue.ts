// The estimator catalogue: every core estimator with its task, tags and default search space.
// Tests enumerate it (the common conformance test), persistence registers it, AutoML samples it.
import type { EstimatorClass } from '../base/index.js';
import { DBSCAN, KMeans } from '../cluster/index.js';
import { ColumnTransformer, Pipeline } from '../compose/index.js';
import { DummyClassifier, DummyRegressor } from '../dummy/index.js';
import { AdaptiveEnsembleClassifier, AdaptiveEnsembleRegressor } from '../ensemble/adaptive/index.js';
import {
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from '../ensemble/hist-gradient-boosting/index.js';
import { RandomForestClassifier, RandomForestRegressor } from '../ensemble/random-forest/index.js';
import { ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge } from '../linear/index.js';
import { KNeighborsClassifier, KNeighborsRegressor } from '../neighbors/index.js';
import {
  MinMaxScaler,
  OneHotEncoder,
  OrdinalEncoder,
  PolynomialFeatures,
  RobustScaler,
  SimpleImputer,
  StandardScaler,
} from '../preprocessing/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/index.js';
import type { SearchSpace } from './search-space.js';

export interface CatalogueEntry {
  estimator: EstimatorClass;
  /** A default search space for tuning; empty when nothing is worth tuning. */
  searchSpace: SearchSpace;
  /** Params that make the estimator quick on the small conformance datasets. */
  quickParams?: Record<string, unknown>;
}

/** Growth parameters worth tuning for any tree. */
function treeSpace(extra: SearchSpace): SearchSpace {
  return {
    maxDepth: { type: 'categorical', choices: [null, 3, 5, 8, 12, 20] },
    minSamplesLeaf: { type: 'int', low: 1, high: 20, log: true },
    minSamplesSplit: { type: 'int', low: 2, high: 20, log: true },
    ...extra,
  };
}

function forestSpace(extra: SearchSpace): SearchSpace {
  return treeSpace({
    nEstimators: { type: 'int', low: 50, high: 500, log: true },
    bootstrap: { type: 'categorical', choices: [true, false] },
    ...extra,
  });
}

/** Histogram gradient boosting: the usual LightGBM/scikit-learn tuning ranges. */
function boostingSpace(): SearchSpace {
  return {
    learningRate: { type: 'float', low: 0.01, high: 0.3, log: true },
    maxLeafNodes: { type: 'int', low: 7, high: 127, log: true },
    minSamplesLeaf: { type: 'int', low: 5, high: 100, log: true },
    l2Regularization: { type: 'float', low: 1e-6, high: 10, log: true },
    maxFeatures: { type: 'float', low: 0.5, high: 1 },
  };
}

// Each estimator family adds its entries here (keep the list sorted by family).
// Built on first use: estimator modules import model selection, which imports this catalogue
// (through persistence), so the list must not be evaluated while those modules load.
const buildEntries = (): CatalogueEntry[] => [
  // baselines
  {
    estimator: DummyClassifier,
    searchSpace: { strategy: { type: 'categorical', choices: ['prior', 'uniform'] } },
  },
  {
    estimator: DummyRegressor,
    searchSpace: { strategy: { type: 'categorical', choices: ['mean', 'median'] } },
  },
  // linear models
  { estimator: LinearRegression, searchSpace: {} },
  { estimator: Ridge, searchSpace: { alpha: { type: 'float', low: 1e-3, high: 1e3, log: true } } },
  { estimator: Lasso, searchSpace: { alpha: { type: 'float', low: 1e-4, high: 10, log: true } } },
  {
    estimator: ElasticNet,
    searchSpace: {
      alpha: { type: 'float', low: 1e-4, high: 10, log: true },
      l1Ratio: { type: 'float', low: 0.05, high: 1 },
    },
  },
  {
    estimator: LogisticRegression,
    searchSpace: {
      C: { type: 'float', low: 1e-3, high: 1e3, log: true },
      penalty: { type: 'categorical', choices: ['l2', 'l1'] },
    },
    quickParams: { maxIter: 200 },
  },
  // neighbours
  {
    estimator: KNeighborsClassifier,
    searchSpace: {
      nNeighbors: { type: 'int', low: 1, high: 50, log: true },
      weights: { type: 'categorical', choices: ['uniform', 'distance'] },
      p: { type: 'categorical', choices: [1, 2] },
    },
  },
  {
    estimator: KNeighborsRegressor,
    searchSpace: {
      nNeighbors: { type: 'int', low: 1, high: 50, log: true },
      weights: { type: 'categorical', choices: ['uniform', 'distance'] },
      p: { type: 'categorical', choices: [1, 2] },
    },
  },
  // trees and forests
  {
    estimator: DecisionTreeClassifier,
    searchSpace: treeSpace({ criterion: { type: 'categorical', choices: ['gini', 'entropy'] } }),
  },
  { estimator: DecisionTreeRegressor, searchSpace: treeSpace({}) },
  {
    estimator: RandomForestClassifier,
    searchSpace: forestSpace({
      criterion: { type: 'categorical', choices: ['gini', 'entropy'] },
      maxFeatures: { type: 'categorical', choices: ['sqrt', 'log2', 0.5] },
    }),
    quickParams: { nEstimators: 10, nJobs: 1 },
  },
  {
    estimator: RandomForestRegressor,
    searchSpace: forestSpace({ maxFeatures: { type: 'categorical', choices: [1, 0.5, 'sqrt'] } }),
    quickParams: { nEstimators: 10, nJobs: 1 },
  },
  {
    estimator: HistGradientBoostingClassifier,
    searchSpace: boostingSpace(),
    quickParams: { maxIter: 10, minSamplesLeaf: 5, nJobs: 1 },
  },
  {
    estimator: HistGradientBoostingRegressor,
    searchSpace: boostingSpace(),
    quickParams: { maxIter: 10, minSamplesLeaf: 5, nJobs: 1 },
  },
  // clustering
  {
    estimator: KMeans,
    searchSpace: {
      nClusters: { type: 'int', low: 2, high: 20 },
      init: { type: 'categorical', choices: ['k-means++', 'random'] },
    },
    quickParams: { nClusters: 3 },
  },
  {
    estimator: DBSCAN,
    searchSpace: {
      eps: { type: 'float', low: 0.05, high: 5, log: true },
      minSamples: { type: 'int', low: 2, high: 20 },
    },
  },
  // preprocessing
  { estimator: StandardScaler, searchSpace: { withMean: { type: 'categorical', choices: [true, false] } } },
  { estimator: MinMaxScaler, searchSpace: { clip: { type: 'categorical', choices: [true, false] } } },
  {
    estimator: RobustScaler,
    searchSpace: { withCentering: { type: 'categorical', choices: [true, false] } },
  },
  {
    estimator: OneHotEncoder,
    searchSpace: { handleUnknown: { type: 'categorical', choices: ['ignore', 'infrequentIfExist'] } },
  },
  { estimator: OrdinalEncoder, searchSpace: {} },
  {
    estimator: SimpleImputer,
    searchSpace: { strategy: { type: 'categorical', choices: ['mean', 'median', 'mostFrequent'] } },
  },
  {
    estimator: PolynomialFeatures,
    searchSpace: {
      degree: { type: 'int', low: 1, high: 3 },
      interactionOnly: { type: 'categorical', choices: [true, false] },
    },
  },
  // composition (getters: every use gets fresh, unshared steps)
  {
    estimator: Pipeline,
    searchSpace: {},
    get quickParams() {
      return {
        steps: [
          ['scaler', new StandardScaler()],
          ['model', new LogisticRegression({ maxIter: 200 })],
        ],
      };
    },
  },
  {
    estimator: ColumnTransformer,
    searchSpace: {},
    get quickParams() {
      return {
        transformers: [
          ['scale', new StandardScaler(), [0, 1]],
          ['poly', new PolynomialFeatures(), [2]],
        ],
        remainder: 'drop',
      };
    },
  },
  // ensembles of other estimators
  {
    estimator: AdaptiveEnsembleClassifier,
    searchSpace: { method: { type: 'categorical', choices: ['voting', 'stacking'] } },
    quickParams: {
      cv: 3,
      estimators: [
        ['knn', new KNeighborsClassifier({ nNeighbors: 3 })],
        ['lr', new LogisticRegression()],
      ],
    },
  },
  {
    estimator: AdaptiveEnsembleRegressor,
    searchSpace: { method: { type: 'categorical', choices: ['voting', 'stacking'] } },
    quickParams: {
      cv: 3,
      estimators: [
        ['knn', new KNeighborsRegressor({ nNeighbors: 3 })],
        ['ridge', new Ridge()],
      ],
    },
  },
];

/** Every core estimator, in a stable order. */
let entries: CatalogueEntry[] | undefined;

export function catalogue(): readonly CatalogueEntry[] {
  entries ??= buildEntries();
  return entries;
}

/** The entry for a class name; throws a helpful error when absent. */
export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return catalogue().find((e) => e.estimator.estimatorName === name);
}

// Random forests (after sklearn.ensemble.RandomForestClassifier/Regressor): bootstrap-weighted
// CART trees with random feature subsets, built in parallel on worker threads, soft voting.
import {
  BaseClassifier,
  BaseRegressor,
  checkNumber,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../../base/index.js';
import { type Float64Matrix, Float64Matrix as Matrix } from '../../data/index.js';
import { FormatError, InvalidParameterError } from '../../errors/index.js';
import type { TreeEnsembleView } from '../../inspection/tree-ensemble.js';
import { accuracyScore, r2Score } from '../../metrics/index.js';
import {
  type ClassificationCriterion,
  criterionCode,
  growthDefaults,
  type RegressionCriterion,
  type TreeGrowthParams,
  validateGrowthParams,
} from '../../tree/tree-params.js';
import { buildForest, type ForestFitConfig, outOfBag } from './forest-fit.js';
import { ForestModel } from './forest-model.js';

/** Parameters shared by both forests. */
export interface ForestParams extends TreeGrowthParams {
  /** Number of trees. Default 100. */
  nEstimators: number;
  /** Train each tree on a bootstrap sample (rows drawn with replacement). Default true. */
  bootstrap: boolean;
  /** Rows per bootstrap sample: a count ≥ 1, a fraction in (0, 1), or null (all rows). Default null. */
  maxSamples: number | null;
  /** Compute the out-of-bag score (needs bootstrap). Default false. */
  oobScore: boolean;
  /** Worker threads; -1 = all cores (the default), 1 = build on the calling thread. Results do not depend on it. */
  nJobs: number;
  /** Seeds bootstrap samples and feature draws. Default 0. */
  seed: number;
}

export interface RandomForestClassifierParams extends ForestParams {
  /** 'gini' (default), 'entropy' or 'logLoss'. */
  criterion: ClassificationCriterion;
}

export interface RandomForestRegressorParams extends ForestParams {
  /** 'squaredError' (default). */
  criterion: RegressionCriterion;
}

const forestDefaults = {
  ...growthDefaults,
  nEstimators: 100,
  bootstrap: true,
  maxSamples: null,
  oobScore: false,
  nJobs: -1,
  seed: 0,
};
const forestTags = { supportsSampleWeight: true } as const;

function validateForest(owner: string, p: ForestParams): void {
  validateGrowthParams(owner, p);
  checkNumber(owner, 'nEstimators', p.nEstimators, { integer: true, min: 1 });
  checkNumber(owner, 'seed', p.seed, { integer: true });
  if (typeof p.bootstrap !== 'boolean')
    throw new InvalidParameterError(`${owner}: bootstrap must be a boolean`);
  if (typeof p.oobScore !== 'boolean')
    throw new InvalidParameterError(`${owner}: oobScore must be a boolean`);
  if (p.oobScore && !p.bootstrap)
    throw new InvalidParameterError(
      `${owner}: oobScore needs bootstrap: true (without bootstrap no row is out of bag)`,
    );
  if (p.maxSamples !== null) {
    checkNumber(owner, 'maxSamples', p.maxSamples, { exclusiveMin: true, min: 0 });
    if (p.maxSamples > 1 && !Number.isInteger(p.maxSamples))
      throw new InvalidParameterError(
        `${owner}: maxSamples must be a fraction in (0, 1) or an integer count, got ${p.maxSamples}`,
      );
  }
  if (p.nJobs !== -1) checkNumber(owner, 'nJobs', p.nJobs, { integer: true, min: 1 });
}

function fitConfig(p: ForestParams, criterion: number, n: number): ForestFitConfig {
  const ms = p.maxSamples;
  const nDraws = ms === null ? n : ms < 1 ? Math.max(1, Math.round(n * ms)) : Math.min(ms, n);
  return {
    growth: p,
    criterion,
    nEstimators: p.nEstimators,
    bootstrap: p.bootstrap,
    nDraws,
    seed: p.seed,
    nJobs: p.nJobs,
  };
}

function nFeatures(state: State, owner: string): number {
  const d = state['nFeatures'];
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1)
    throw new FormatError(`${owner}: saved state has no valid nFeatures`);
  return d;
}

/** A random forest classifier; probabilities are the mean of the trees' leaf class fractions. */
export class RandomForestClassifier extends BaseClassifier<RandomForestClassifierParams> {
  static override readonly estimatorName = 'RandomForestClassifier';
  static override readonly tags = makeTags('classification', forestTags);
  /** scikit-learn's defaults (gini, maxFeatures 'sqrt', 100 trees), with nJobs -1. */
  static readonly defaults: RandomForestClassifierParams = {
    ...forestDefaults,
    criterion: 'gini',
    maxFeatures: 'sqrt',
  };
  private model: ForestModel | undefined;
  /** Out-of-bag accuracy (with oobScore: true). */
  oobScore: number | undefined;
  /** Out-of-bag class probabilities per training row; NaN rows were in every bootstrap sample. */
  oobDecisionFunction: Float64Matrix | undefined;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    super(RandomForestClassifier.defaults, params);
  }

  protected override validateParams(): void {
    validateForest(this.estimatorName, this.params);
    criterionCode(this.estimatorName, this.params.criterion, 'classification');
  }

  protected async fitClasses(
    x: Float64Matrix,
    y: Int32Array,
    nClasses: number,
    ctx: FitContext,
  ): Promise<void> {
    const cfg = fitConfig(
      this.params,
      criterionCode(this.estimatorName, this.params.criterion, 'classification'),
      x.rows,
    );
    const grown = await buildForest(x, { nClasses, yCode: y, y: new Float64Array(0) }, cfg, ctx);
    this.model = ForestModel.fromGrown(grown, x.cols);
    this.oobScore = undefined;
    this.oobDecisionFunction = undefined;
    if (!this.params.oobScore) return;
    const { sums, counts } = outOfBag(x, grown, cfg);
    const pred: number[] = [];
    const truth: number[] = [];
    for (let r = 0; r < x.rows; r++) {
      let best = 0;
      for (let k = 0; k < nClasses; k++) {
        sums[r * nClasses + k] = counts[r]! > 0 ? sums[r * nClasses + k]! / counts[r]! : Number.NaN;
        if (sums[r * nClasses + k]! > sums[r * nClasses + best]!) best = k;
      }
      if (counts[r]! > 0) {
        pred.push(best);
        truth.push(y[r]!);
      }
    }
    this.oobDecisionFunction = new Matrix(sums, x.rows, nClasses);
    this.oobScore = truth.length ? accuracyScore(truth, pred) : Number.NaN;
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    return new Matrix(this.model!.predict(x), x.rows, this.classes!.length);
  }

  /** Mean over trees of the normalized impurity decrease per feature (sums to 1). */
  get featureImportances(): Float64Array {
    this.requireFitted();
    return this.model!.importances.slice();
  }

  /** Trees for TreeSHAP: the output is the mean of the trees' class probabilities. */
  treeEnsemble(): TreeEnsembleView {
    this.requireFitted();
    const k = this.classes!.length;
    return {
      trees: this.model!.trees,
      nOutputs: k,
      scale: 1 / this.model!.trees.length,
      baseOffset: new Float64Array(k),
      outputKind: 'probability',
    };
  }

  protected getState(): State {
    return { classes: this.classes!, nFeatures: this.model!.importances.length, ...this.model!.toState() };
  }

  protected setState(state: State): void {
    const classes = readSavedClasses(this.estimatorName, state['classes']);
    this.model = ForestModel.fromState(
      state,
      this.estimatorName,
      nFeatures(state, this.estimatorName),
      classes.length,
    );
    this.classes = classes as (number | string)[];
  }
}

/** A random forest regressor; predicts the mean of the trees' predictions. */
export class RandomForestRegressor extends BaseRegressor<RandomForestRegressorParams> {
  static override readonly estimatorName = 'RandomForestRegressor';
  static override readonly tags = makeTags('regression', forestTags);
  /** scikit-learn's defaults (squared error, maxFeatures 1.0 = all, 100 trees), with nJobs -1. */
  static readonly defaults: RandomForestRegressorParams = {
    ...forestDefaults,
    criterion: 'squaredError',
    maxFeatures: 1,
  };
  private model: ForestModel | undefined;
  /** Out-of-bag R² (with oobScore: true). */
  oobScore: number | undefined;
  /** Out-of-bag prediction per training row; NaN for rows in every bootstrap sample. */
  oobPrediction: Float64Array | undefined;

  constructor(params: Partial<RandomForestRegressorParams> = {}) {
    super(RandomForestRegressor.defaults, params);
  }

  protected override validateParams(): void {
    validateForest(this.estimatorName, this.params);
    criterionCode(this.estimatorName, this.params.criterion, 'regression');
  }

  protected async fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): Promise<void> {
    const cfg = fitConfig(
      this.params,
      criterionCode(this.estimatorName, this.params.criterion, 'regression'),
      x.rows,
    );
    const grown = await buildForest(x, { nClasses: 0, yCode: new Int32Array(0), y }, cfg, ctx);
    this.model = ForestModel.fromGrown(grown, x.cols);
    this.oobScore = undefined;
    this.oobPrediction = undefined;
    if (!this.params.oobScore) return;
    const { sums, counts } = outOfBag(x, grown, cfg);
    const truth: number[] = [];
    const pred: number[] = [];
    for (let r = 0; r < x.rows; r++) {
      sums[r] = counts[r]! > 0 ? sums[r]! / counts[r]! : Number.NaN;
      if (counts[r]! > 0) {
        truth.push(y[r]!);
        pred.push(sums[r]!);
      }
    }
    this.oobPrediction = sums;
    this.oobScore = truth.length > 1 ? r2Score(truth, pred) : Number.NaN;
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    return this.model!.predict(x);
  }

  /** Mean over trees of the normalized impurity decrease per feature (sums to 1). */
  get featureImportances(): Float64Array {
    this.requireFitted();
    return this.model!.importances.slice();
  }

  /** Trees for TreeSHAP: the output is the mean of the trees' predictions. */
  treeEnsemble(): TreeEnsembleView {
    this.requireFitted();
    return {
      trees: this.model!.trees,
      nOutputs: 1,
      scale: 1 / this.model!.trees.length,
      baseOffset: new Float64Array(1),
      outputKind: 'value',
    };
  }

  protected getState(): State {
    return { nFeatures: this.model!.importances.length, ...this.model!.toState() };
  }

  protected setState(state: State): void {
    this.model = ForestModel.fromState(state, this.estimatorName, nFeatures(state, this.estimatorName), 1);
  }
}

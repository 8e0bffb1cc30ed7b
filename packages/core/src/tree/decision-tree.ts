// CART decision trees (after sklearn.tree.DecisionTreeClassifier/Regressor): exact best splits,
// gini/entropy/squared error, depth-first or best-first growth, sample weights, importances.
import {
  BaseClassifier,
  BaseRegressor,
  checkNumber,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../base/index.js';
import { type Float64Matrix, Float64Matrix as Matrix } from '../data/index.js';
import { FormatError } from '../errors/index.js';
import type { TreeEnsembleView } from '../inspection/tree-ensemble.js';
import { fitSingleTree, normalizeImportances } from './fit-tree.js';
import { accumulateTree, type FlatTree } from './flat-tree.js';
import {
  type ClassificationCriterion,
  criterionCode,
  growthDefaults,
  type RegressionCriterion,
  type TreeGrowthParams,
  validateGrowthParams,
} from './tree-params.js';
import { packTrees, unpackTrees } from './tree-state.js';

export interface DecisionTreeClassifierParams extends TreeGrowthParams {
  /** 'gini' (default), 'entropy' or 'logLoss' (the same as entropy). */
  criterion: ClassificationCriterion;
  /** Seeds the feature order at each split (ties, and maxFeatures < all). Default 0. */
  seed: number;
}

export interface DecisionTreeRegressorParams extends TreeGrowthParams {
  /** 'squaredError' (default). */
  criterion: RegressionCriterion;
  seed: number;
}

const treeTags = { supportsSampleWeight: true } as const;

function loadTree(
  owner: string,
  state: State,
  nFeatures: number,
  nOutputs: number,
): { tree: FlatTree; importances: Float64Array } {
  const trees = unpackTrees(state['tree'], owner, nFeatures, nOutputs);
  const importances = state['featureImportances'];
  if (trees.length !== 1 || !(importances instanceof Float64Array) || importances.length !== nFeatures) {
    throw new FormatError(`${owner}: saved state must hold one tree and ${nFeatures} feature importances`);
  }
  return { tree: trees[0]!, importances };
}

function nFeaturesOf(state: State, owner: string): number {
  return checkNumber(owner, 'state.nFeatures', state['nFeatures'], { integer: true, min: 1 });
}

/** A classification tree; predictProba gives the class fractions of the leaf a row reaches. */
export class DecisionTreeClassifier extends BaseClassifier<DecisionTreeClassifierParams> {
  static override readonly estimatorName = 'DecisionTreeClassifier';
  static override readonly tags = makeTags('classification', treeTags);
  /** scikit-learn's defaults: gini, unlimited depth, maxFeatures null (all). */
  static readonly defaults: DecisionTreeClassifierParams = {
    ...growthDefaults,
    maxFeatures: null,
    criterion: 'gini',
    seed: 0,
  };
  private tree: FlatTree | undefined;
  private importances: Float64Array | undefined;

  constructor(params: Partial<DecisionTreeClassifierParams> = {}) {
    super(DecisionTreeClassifier.defaults, params);
  }

  protected override validateParams(): void {
    validateGrowthParams(this.estimatorName, this.params);
    criterionCode(this.estimatorName, this.params.criterion, 'classification');
    checkNumber(this.estimatorName, 'seed', this.params.seed, { integer: true });
  }

  protected fitClasses(x: Float64Matrix, y: Int32Array, nClasses: number, ctx: FitContext): void {
    ctx.step('tree', 0, 1);
    const crit = criterionCode(this.estimatorName, this.params.criterion, 'classification');
    const grown = fitSingleTree(
      x,
      { nClasses, yCode: y, y: new Float64Array(0) },
      ctx.sampleWeight,
      this.params,
      crit,
      this.params.seed,
    );
    this.tree = grown.tree;
    this.importances = normalizeImportances(grown.importances);
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    const out = Matrix.zeros(x.rows, this.tree!.nOutputs);
    accumulateTree(this.tree!, x, out.data);
    return out;
  }

  /** Normalized total impurity decrease per feature (sums to 1). */
  get featureImportances(): Float64Array {
    this.requireFitted();
    return this.importances!.slice();
  }

  /** The fitted tree in the shared flat format. */
  get flatTree(): FlatTree {
    this.requireFitted();
    return this.tree!;
  }

  /** The tree for TreeSHAP: values are class probabilities. */
  treeEnsemble(): TreeEnsembleView {
    const t = this.flatTree;
    return {
      trees: [t],
      nOutputs: t.nOutputs,
      scale: 1,
      baseOffset: new Float64Array(t.nOutputs),
      outputKind: 'probability',
    };
  }

  protected getState(): State {
    return {
      classes: this.classes!,
      nFeatures: this.importances!.length,
      tree: packTrees([this.tree!]),
      featureImportances: this.importances!,
    };
  }

  protected setState(state: State): void {
    const classes = readSavedClasses(this.estimatorName, state['classes']);
    const loaded = loadTree(
      this.estimatorName,
      state,
      nFeaturesOf(state, this.estimatorName),
      classes.length,
    );
    this.classes = classes as (number | string)[];
    this.tree = loaded.tree;
    this.importances = loaded.importances;
  }
}

/** A regression tree; predicts the weighted mean target of the leaf a row reaches. */
export class DecisionTreeRegressor extends BaseRegressor<DecisionTreeRegressorParams> {
  static override readonly estimatorName = 'DecisionTreeRegressor';
  static override readonly tags = makeTags('regression', treeTags);
  /** scikit-learn's defaults: squared error, unlimited depth, maxFeatures null (all). */
  static readonly defaults: DecisionTreeRegressorParams = {
    ...growthDefaults,
    maxFeatures: null,
    criterion: 'squaredError',
    seed: 0,
  };
  private tree: FlatTree | undefined;
  private importances: Float64Array | undefined;

  constructor(params: Partial<DecisionTreeRegressorParams> = {}) {
    super(DecisionTreeRegressor.defaults, params);
  }

  protected override validateParams(): void {
    validateGrowthParams(this.estimatorName, this.params);
    criterionCode(this.estimatorName, this.params.criterion, 'regression');
    checkNumber(this.estimatorName, 'seed', this.params.seed, { integer: true });
  }

  protected fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): void {
    ctx.step('tree', 0, 1);
    const crit = criterionCode(this.estimatorName, this.params.criterion, 'regression');
    const grown = fitSingleTree(
      x,
      { nClasses: 0, yCode: new Int32Array(0), y },
      ctx.sampleWeight,
      this.params,
      crit,
      this.params.seed,
    );
    this.tree = grown.tree;
    this.importances = normalizeImportances(grown.importances);
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    const out = new Float64Array(x.rows);
    accumulateTree(this.tree!, x, out);
    return out;
  }

  /** Normalized total impurity decrease per feature (sums to 1). */
  get featureImportances(): Float64Array {
    this.requireFitted();
    return this.importances!.slice();
  }

  /** The fitted tree in the shared flat format. */
  get flatTree(): FlatTree {
    this.requireFitted();
    return this.tree!;
  }

  /** The tree for TreeSHAP: values are predictions. */
  treeEnsemble(): TreeEnsembleView {
    return {
      trees: [this.flatTree],
      nOutputs: 1,
      scale: 1,
      baseOffset: new Float64Array(1),
      outputKind: 'value',
    };
  }

  protected getState(): State {
    return {
      nFeatures: this.importances!.length,
      tree: packTrees([this.tree!]),
      featureImportances: this.importances!,
    };
  }

  protected setState(state: State): void {
    const loaded = loadTree(this.estimatorName, state, nFeaturesOf(state, this.estimatorName), 1);
    this.tree = loaded.tree;
    this.importances = loaded.importances;
  }
}

// HistGradientBoostingRegressor: histogram gradient boosting for real targets with squared,
// absolute, Huber or quantile loss, native missing values and categorical splits.
import {
  BaseRegressor,
  checkNumber,
  checkOneOf,
  type FitContext,
  makeTags,
  type State,
} from '../../base/index.js';
import {
  type DataProfile,
  type FeatureSchema,
  type Float64Matrix,
  validateAgainstSchema,
  validateRegressionTarget,
} from '../../data/index.js';
import type { FlatTree } from '../../tree/flat-tree.js';
import { fitBoosting } from './boosting.js';
import { type BoostingLoss, huberLoss, pinballLoss, squaredError } from './losses.js';
import { BoostedModel } from './model.js';
import {
  checkSchemaWidth,
  type HistGradientBoostingParams,
  histGradientBoostingDefaults,
  validateBoostingParams,
} from './params.js';

export interface HistGradientBoostingRegressorParams extends HistGradientBoostingParams {
  /** 'squaredError' (default), 'absoluteError', 'huber' or 'quantile'. */
  loss: 'squaredError' | 'absoluteError' | 'huber' | 'quantile';
  /** For 'quantile': the quantile to predict, in (0, 1). For 'huber': the quantile of absolute residuals used as threshold (0.9 when null). Default null. */
  quantile: number | null;
}

/** Gradient-boosted regression trees on binned features (scikit-learn's HistGradientBoostingRegressor). */
export class HistGradientBoostingRegressor extends BaseRegressor<HistGradientBoostingRegressorParams> {
  static override readonly estimatorName = 'HistGradientBoostingRegressor';
  static override readonly tags = makeTags('regression', {
    allowNaN: true,
    allowCategorical: true,
    supportsSampleWeight: true,
  });
  static readonly defaults: HistGradientBoostingRegressorParams = {
    ...histGradientBoostingDefaults,
    loss: 'squaredError',
    quantile: null,
  };
  private model: BoostedModel | undefined;

  constructor(params: Partial<HistGradientBoostingRegressorParams> = {}) {
    super(HistGradientBoostingRegressor.defaults, params);
  }

  protected override validateParams(): void {
    validateBoostingParams(this.estimatorName, this.params);
    const loss = checkOneOf(this.estimatorName, 'loss', this.params.loss, [
      'squaredError',
      'absoluteError',
      'huber',
      'quantile',
    ] as const);
    const q = this.params.quantile;
    if (loss === 'quantile' || q !== null) {
      checkNumber(this.estimatorName, 'quantile', q, {
        min: 0,
        max: 1,
        exclusiveMin: true,
        exclusiveMax: true,
      });
    }
  }

  private lossFunction(): BoostingLoss {
    const { loss, quantile } = this.params;
    if (loss === 'absoluteError') return pinballLoss(0.5);
    if (loss === 'quantile') return pinballLoss(quantile!, 'quantile');
    if (loss === 'huber') return huberLoss(quantile ?? 0.9);
    return squaredError;
  }

  protected async fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): Promise<void> {
    const name = `${this.estimatorName}.fit`;
    const v = ctx.validationData;
    let validation: { x: Float64Matrix; y: Float64Array } | undefined;
    if (v) {
      const vx = validateAgainstSchema(v.X, ctx.schema, {
        allowNaN: true,
        allowCategorical: true,
        context: `${name} (validationData)`,
      });
      validation = { x: vx, y: validateRegressionTarget(v.y, vx.rows, `${name} (validationData)`) };
    }
    const r = await fitBoosting({
      owner: this.estimatorName,
      params: this.params,
      loss: this.lossFunction(),
      nOutputs: 1,
      x,
      y,
      validation,
      ctx,
    });
    this.model = new BoostedModel(r.trees, r.baseScore, x.cols, r.nIter, r.trainScore, r.validationScore);
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    return this.model!.predictRaw(x);
  }

  private fittedModel(): BoostedModel {
    this.requireFitted();
    return this.model!;
  }

  /** Iterations run (fewer than maxIter when early stopping triggered). */
  get nIter(): number {
    return this.fittedModel().nIter;
  }

  /** Negated training loss after each iteration (first: the baseline); empty without early stopping. */
  get trainScore(): Float64Array {
    return this.fittedModel().trainScore;
  }

  /** Negated validation loss after each iteration (first: the baseline); empty without early stopping. */
  get validationScore(): Float64Array {
    return this.fittedModel().validationScore;
  }

  /** The prediction before any tree. */
  get baseScore(): number {
    return this.fittedModel().baseScore[0]!;
  }

  /** The boosted trees in raw-feature space; a prediction is baseScore + the sum of their leaf values. */
  trees(): FlatTree[] {
    return this.fittedModel().trees;
  }

  protected getState(): State {
    return this.model!.toState();
  }

  protected setState(state: State): void {
    this.model = BoostedModel.fromState(this.estimatorName, state, 1);
  }

  override importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    super.importState(state, schema, profile);
    checkSchemaWidth(this.estimatorName, this.model!.nFeatures, schema);
  }
}

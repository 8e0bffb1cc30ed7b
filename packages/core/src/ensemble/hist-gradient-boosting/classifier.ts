// HistGradientBoostingClassifier: histogram gradient boosting with log loss (binary logistic or
// multinomial softmax, one tree per class per iteration), native missing values and categories.
import {
  BaseClassifier,
  checkOneOf,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../../base/index.js';
import {
  type DataProfile,
  type FeatureSchema,
  Float64Matrix,
  type Label,
  validateAgainstSchema,
} from '../../data/index.js';
import { DataError } from '../../errors/index.js';
import type { FlatTree } from '../../tree/flat-tree.js';
import { fitBoosting } from './boosting.js';
import { binaryLogLoss, multinomialLogLoss } from './losses.js';
import { BoostedModel } from './model.js';
import {
  checkSchemaWidth,
  type HistGradientBoostingParams,
  histGradientBoostingDefaults,
  validateBoostingParams,
} from './params.js';

export interface HistGradientBoostingClassifierParams extends HistGradientBoostingParams {
  /** 'logLoss' (default): binary logistic for two classes, multinomial for more. */
  loss: 'logLoss';
}

/** Gradient-boosted classification trees on binned features (scikit-learn's HistGradientBoostingClassifier). */
export class HistGradientBoostingClassifier extends BaseClassifier<HistGradientBoostingClassifierParams> {
  static override readonly estimatorName = 'HistGradientBoostingClassifier';
  static override readonly tags = makeTags('classification', {
    allowNaN: true,
    allowCategorical: true,
    supportsSampleWeight: true,
  });
  static readonly defaults: HistGradientBoostingClassifierParams = {
    ...histGradientBoostingDefaults,
    loss: 'logLoss',
  };
  private model: BoostedModel | undefined;

  constructor(params: Partial<HistGradientBoostingClassifierParams> = {}) {
    super(HistGradientBoostingClassifier.defaults, params);
  }

  protected override validateParams(): void {
    validateBoostingParams(this.estimatorName, this.params);
    checkOneOf(this.estimatorName, 'loss', this.params.loss, ['logLoss'] as const);
  }

  protected async fitClasses(
    x: Float64Matrix,
    codes: Int32Array,
    nClasses: number,
    ctx: FitContext,
  ): Promise<void> {
    const name = `${this.estimatorName}.fit`;
    if (nClasses < 2) {
      throw new DataError(
        `${name}: y holds a single class (${String(this.classes![0])}); a classifier needs at least two`,
      );
    }
    const v = ctx.validationData;
    let validation: { x: Float64Matrix; y: Float64Array } | undefined;
    if (v) {
      const vx = validateAgainstSchema(v.X, ctx.schema, {
        allowNaN: true,
        allowCategorical: true,
        context: `${name} (validationData)`,
      });
      if (v.y?.length !== vx.rows) {
        throw new DataError(`${name}: validationData has ${vx.rows} rows but ${v.y?.length ?? 0} labels`);
      }
      const index = new Map<Label, number>(this.classes!.map((c, k) => [c, k]));
      const vy = new Float64Array(vx.rows);
      for (let i = 0; i < vx.rows; i++) {
        const k = index.get(v.y[i] as Label);
        if (k === undefined) {
          throw new DataError(
            `${name}: validationData label ${String(v.y[i])} at row ${i} is not among the training classes (${this.classes!.join(', ')})`,
          );
        }
        vy[i] = k;
      }
      validation = { x: vx, y: vy };
    }
    const K = nClasses === 2 ? 1 : nClasses;
    const r = await fitBoosting({
      owner: this.estimatorName,
      params: this.params,
      loss: K === 1 ? binaryLogLoss : multinomialLogLoss,
      nOutputs: K,
      x,
      y: codes,
      stratifyClasses: nClasses,
      validation,
      ctx,
    });
    this.model = new BoostedModel(r.trees, r.baseScore, x.cols, r.nIter, r.trainScore, r.validationScore);
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    const raw = this.model!.predictRaw(x);
    const k = this.classes!.length;
    const out = Float64Matrix.zeros(x.rows, k);
    const p = out.data;
    if (k === 2) {
      for (let i = 0; i < x.rows; i++) {
        const p1 = 1 / (1 + Math.exp(-raw[i]!));
        p[2 * i] = 1 - p1;
        p[2 * i + 1] = p1;
      }
      return out;
    }
    for (let i = 0; i < x.rows; i++) {
      const o = i * k;
      let m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) m = Math.max(m, raw[o + c]!);
      let s = 0;
      for (let c = 0; c < k; c++) {
        p[o + c] = Math.exp(raw[o + c]! - m);
        s += p[o + c]!;
      }
      for (let c = 0; c < k; c++) p[o + c] = p[o + c]! / s;
    }
    return out;
  }

  /** Raw scores before the sigmoid/softmax: rows × 1 for two classes (the positive class's logit), rows × nClasses otherwise. */
  decisionFunction(X: Parameters<BaseClassifier['predict']>[0]): Float64Matrix {
    const x = this.checkInput(X, 'decisionFunction');
    const m = this.model!;
    return new Float64Matrix(m.predictRaw(x), x.rows, m.baseScore.length);
  }

  private fittedModel(): BoostedModel {
    this.requireFitted();
    return this.model!;
  }

  /** Iterations run (fewer than maxIter when early stopping triggered). */
  get nIter(): number {
    return this.fittedModel().nIter;
  }

  /** Negated training log loss after each iteration (first: the baseline); empty without early stopping. */
  get trainScore(): Float64Array {
    return this.fittedModel().trainScore;
  }

  /** Negated validation log loss after each iteration (first: the baseline); empty without early stopping. */
  get validationScore(): Float64Array {
    return this.fittedModel().validationScore;
  }

  /** Raw score per output before any tree (one value for binary, one per class otherwise). */
  get baseScore(): Float64Array {
    return this.fittedModel().baseScore;
  }

  /** Trees in raw-feature space; with K outputs, tree t adds to output t mod K. */
  trees(): FlatTree[] {
    return this.fittedModel().trees;
  }

  protected getState(): State {
    return { classes: this.classes!, ...this.model!.toState() };
  }

  protected setState(state: State): void {
    const classes = readSavedClasses(this.estimatorName, state['classes'], 2);
    this.model = BoostedModel.fromState(this.estimatorName, state, classes.length === 2 ? 1 : classes.length);
    this.classes = classes as Label[];
  }

  override importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    super.importState(state, schema, profile);
    checkSchemaWidth(this.estimatorName, this.model!.nFeatures, schema);
  }
}

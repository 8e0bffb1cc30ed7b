// StandardScaler (after sklearn.preprocessing.StandardScaler): removes the mean and scales to
// unit population variance, column by column; NaN is ignored at fit and kept at transform.
import { BaseTransformer, checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import type { Float64Matrix, MatrixLike } from '../data/index.js';
import {
  handleZerosInScale,
  isConstantFeature,
  multiplyThenAdd,
  nanMeanVar,
  shiftThenDivide,
} from './column-stats.js';
import { stateFloat64, stateInt } from './state-checks.js';

export interface StandardScalerParams {
  /** Subtract the column mean. Default true. */
  withMean: boolean;
  /** Divide by the column's population standard deviation (constant columns by 1). Default true. */
  withStd: boolean;
}

/** Standardizes features: (x - mean) / std, with sklearn's handling of constant columns. */
export class StandardScaler extends BaseTransformer<StandardScalerParams> {
  static override readonly estimatorName = 'StandardScaler';
  static override readonly tags = makeTags('transform', { allowNaN: true, supportsSampleWeight: true });
  static readonly defaults: StandardScalerParams = { withMean: true, withStd: true };
  /** Per-column mean of the non-missing training values (weighted when sampleWeight is given). */
  mean: Float64Array | undefined;
  /** Per-column population variance. */
  variance: Float64Array | undefined;
  /** Per-column divisor: sqrt(variance), or 1 for constant columns (all 1 when withStd is false). */
  scale: Float64Array | undefined;

  constructor(params: Partial<StandardScalerParams> = {}) {
    super(StandardScaler.defaults, params);
  }

  protected override validateParams(): void {
    checkOneOf(this.estimatorName, 'withMean', this.params.withMean, [true, false]);
    checkOneOf(this.estimatorName, 'withStd', this.params.withStd, [true, false]);
  }

  protected fitMatrix(x: Float64Matrix, ctx: FitContext): void {
    const { mean, variance, count } = nanMeanVar(x, ctx.sampleWeight);
    const scale = new Float64Array(x.cols).fill(1);
    if (this.params.withStd) {
      for (let j = 0; j < x.cols; j++) scale[j] = Math.sqrt(variance[j]!);
      handleZerosInScale(scale, (j) => isConstantFeature(variance[j]!, mean[j]!, count[j]!));
    }
    this.mean = mean;
    this.variance = variance;
    this.scale = scale;
  }

  /** The per-column shift transform subtracts (zeros when withMean is false). */
  private offset(): Float64Array {
    return this.params.withMean ? this.mean! : new Float64Array(this.mean!.length);
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    return shiftThenDivide(x, this.offset(), this.scale!);
  }

  /** Maps scaled values back to the original units. */
  inverseTransform(X: MatrixLike): Float64Matrix {
    return multiplyThenAdd(this.checkInput(X, 'inverseTransform'), this.scale!, this.offset());
  }

  protected getState(): State {
    return { nFeatures: this.scale!.length, mean: this.mean!, variance: this.variance!, scale: this.scale! };
  }

  protected setState(state: State): void {
    const d = stateInt(this.estimatorName, state, 'nFeatures', 1);
    this.mean = stateFloat64(this.estimatorName, state, 'mean', d);
    this.variance = stateFloat64(this.estimatorName, state, 'variance', d);
    this.scale = stateFloat64(this.estimatorName, state, 'scale', d);
  }
}

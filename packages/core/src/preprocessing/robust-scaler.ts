// RobustScaler (after sklearn.preprocessing.RobustScaler): centres on the median and scales by
// an interquantile range, so outliers barely move the learned parameters. NaN is ignored at fit.
import { BaseTransformer, checkNumber, checkOneOf, makeTags, type State } from '../base/index.js';
import type { Float64Matrix, MatrixLike } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import {
  handleZerosInScale,
  multiplyThenAdd,
  percentileSorted,
  shiftThenDivide,
  sortedColumn,
} from './column-stats.js';
import { stateFloat64, stateInt } from './state-checks.js';

export interface RobustScalerParams {
  /** Subtract the median. Default true. */
  withCentering: boolean;
  /** Divide by the interquantile range (constant columns by 1). Default true. */
  withScaling: boolean;
  /** Percentiles (0..100) bounding the range used for scaling. Default [25, 75]. */
  quantileRange: [number, number];
}

/** Scales features with statistics that are robust to outliers: (x - median) / IQR. */
export class RobustScaler extends BaseTransformer<RobustScalerParams> {
  static override readonly estimatorName = 'RobustScaler';
  static override readonly tags = makeTags('transform', { allowNaN: true });
  static readonly defaults: RobustScalerParams = {
    withCentering: true,
    withScaling: true,
    quantileRange: [25, 75],
  };
  /** Per-column median (zeros when withCentering is false). */
  center: Float64Array | undefined;
  /** Per-column interquantile range (ones when withScaling is false). */
  scale: Float64Array | undefined;

  constructor(params: Partial<RobustScalerParams> = {}) {
    super(RobustScaler.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    checkOneOf(name, 'withCentering', this.params.withCentering, [true, false]);
    checkOneOf(name, 'withScaling', this.params.withScaling, [true, false]);
    const q = this.params.quantileRange;
    if (!Array.isArray(q) || q.length !== 2) {
      throw new InvalidParameterError(
        `${name}: quantileRange must be [low, high] percentiles, got ${JSON.stringify(q)}`,
      );
    }
    const lo = checkNumber(name, 'quantileRange[0]', q[0], { min: 0, max: 100 });
    checkNumber(name, 'quantileRange[1]', q[1], { min: lo, max: 100 });
  }

  protected fitMatrix(x: Float64Matrix): void {
    const { withCentering, withScaling, quantileRange } = this.params;
    const center = new Float64Array(x.cols);
    const scale = new Float64Array(x.cols).fill(1);
    for (let j = 0; j < x.cols; j++) {
      if (!withCentering && !withScaling) break;
      const sorted = sortedColumn(x, j);
      if (withCentering) center[j] = percentileSorted(sorted, 50);
      if (withScaling)
        scale[j] = percentileSorted(sorted, quantileRange[1]) - percentileSorted(sorted, quantileRange[0]);
    }
    this.center = center;
    this.scale = withScaling ? handleZerosInScale(scale) : scale;
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    return shiftThenDivide(x, this.center!, this.scale!);
  }

  /** Maps scaled values back to the original units. */
  inverseTransform(X: MatrixLike): Float64Matrix {
    return multiplyThenAdd(this.checkInput(X, 'inverseTransform'), this.scale!, this.center!);
  }

  protected getState(): State {
    return { nFeatures: this.scale!.length, center: this.center!, scale: this.scale! };
  }

  protected setState(state: State): void {
    const d = stateInt(this.estimatorName, state, 'nFeatures', 1);
    this.center = stateFloat64(this.estimatorName, state, 'center', d);
    this.scale = stateFloat64(this.estimatorName, state, 'scale', d);
  }
}

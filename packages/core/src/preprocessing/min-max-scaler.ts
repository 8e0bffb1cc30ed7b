// MinMaxScaler (after sklearn.preprocessing.MinMaxScaler): maps each column's training range
// onto featureRange; NaN is ignored at fit and kept at transform.
import { BaseTransformer, checkNumber, checkOneOf, makeTags, type State } from '../base/index.js';
import type { Float64Matrix, MatrixLike } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { handleZerosInScale, multiplyThenAdd, shiftThenDivide } from './column-stats.js';
import { stateFloat64, stateInt } from './state-checks.js';

export interface MinMaxScalerParams {
  /** Desired [min, max] of the transformed training data. Default [0, 1]. */
  featureRange: [number, number];
  /** Clip transformed values of unseen data to featureRange. Default false. */
  clip: boolean;
}

/** Scales each feature to a given range: x * scale + min. */
export class MinMaxScaler extends BaseTransformer<MinMaxScalerParams> {
  static override readonly estimatorName = 'MinMaxScaler';
  static override readonly tags = makeTags('transform', { allowNaN: true });
  static readonly defaults: MinMaxScalerParams = { featureRange: [0, 1], clip: false };
  /** Per-column minimum of the training data (NaN ignored). */
  dataMin: Float64Array | undefined;
  /** Per-column maximum of the training data. */
  dataMax: Float64Array | undefined;
  /** Per-column multiplier. */
  scale: Float64Array | undefined;
  /** Per-column offset added after scaling. */
  min: Float64Array | undefined;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    super(MinMaxScaler.defaults, params);
  }

  protected override validateParams(): void {
    const r = this.params.featureRange;
    if (!Array.isArray(r) || r.length !== 2) {
      throw new InvalidParameterError(
        `${this.estimatorName}: featureRange must be [min, max], got ${JSON.stringify(r)}`,
      );
    }
    const lo = checkNumber(this.estimatorName, 'featureRange[0]', r[0]);
    checkNumber(this.estimatorName, 'featureRange[1]', r[1], { min: lo, exclusiveMin: true });
    checkOneOf(this.estimatorName, 'clip', this.params.clip, [true, false]);
  }

  protected fitMatrix(x: Float64Matrix): void {
    const { rows, cols, data } = x;
    const dataMin = new Float64Array(cols).fill(Number.NaN);
    const dataMax = new Float64Array(cols).fill(Number.NaN);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j]!;
        if (Number.isNaN(v)) continue;
        // Comparisons with NaN are false, so the first value always replaces the NaN start.
        if (!(v >= dataMin[j]!)) dataMin[j] = v;
        if (!(v <= dataMax[j]!)) dataMax[j] = v;
      }
    }
    const [lo, hi] = this.params.featureRange;
    const range = new Float64Array(cols);
    for (let j = 0; j < cols; j++) range[j] = dataMax[j]! - dataMin[j]!;
    handleZerosInScale(range);
    const scale = new Float64Array(cols);
    const min = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      scale[j] = (hi - lo) / range[j]!;
      min[j] = lo - dataMin[j]! * scale[j]!;
    }
    this.dataMin = dataMin;
    this.dataMax = dataMax;
    this.scale = scale;
    this.min = min;
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    const out = multiplyThenAdd(x, this.scale!, this.min!);
    if (this.params.clip) {
      const [lo, hi] = this.params.featureRange;
      const d = out.data;
      for (let k = 0; k < d.length; k++)
        if (d[k]! < lo) d[k] = lo;
        else if (d[k]! > hi) d[k] = hi;
    }
    return out;
  }

  /** Maps scaled values back to the original units. */
  inverseTransform(X: MatrixLike): Float64Matrix {
    return shiftThenDivide(this.checkInput(X, 'inverseTransform'), this.min!, this.scale!);
  }

  protected getState(): State {
    const { dataMin, dataMax, scale, min } = this;
    return { nFeatures: scale!.length, dataMin: dataMin!, dataMax: dataMax!, scale: scale!, min: min! };
  }

  protected setState(state: State): void {
    const d = stateInt(this.estimatorName, state, 'nFeatures', 1);
    this.dataMin = stateFloat64(this.estimatorName, state, 'dataMin', d);
    this.dataMax = stateFloat64(this.estimatorName, state, 'dataMax', d);
    this.scale = stateFloat64(this.estimatorName, state, 'scale', d);
    this.min = stateFloat64(this.estimatorName, state, 'min', d);
  }
}

// k-nearest-neighbours regression (after sklearn.neighbors.KNeighborsRegressor).
import { BaseRegressor, type FitContext, makeTags, type State } from '../base/index.js';
import type { Float64Matrix, MatrixLike } from '../data/index.js';
import { FormatError } from '../errors/index.js';
import {
  checkKNeighborsParams,
  FittedNeighbors,
  KNEIGHBORS_DEFAULTS,
  type KNeighborsParams,
  neighborWeights,
} from './knn-shared.js';
import type { KNeighborsResult } from './neighbor-index.js';

export type KNeighborsRegressorParams = KNeighborsParams;

/**
 * Predicts the (optionally distance-weighted) mean target of the `nNeighbors` nearest training
 * rows. Neighbours are exact; distance ties go to the smaller training index.
 */
export class KNeighborsRegressor extends BaseRegressor<KNeighborsRegressorParams> {
  static override readonly estimatorName = 'KNeighborsRegressor';
  static override readonly tags = makeTags('regression');
  static readonly defaults: KNeighborsRegressorParams = KNEIGHBORS_DEFAULTS;
  private fitted: FittedNeighbors | undefined;
  private target: Float64Array | undefined;

  constructor(params: Partial<KNeighborsRegressorParams> = {}) {
    super(KNeighborsRegressor.defaults, params);
  }

  protected override validateParams(): void {
    checkKNeighborsParams(this.estimatorName, this.params);
  }

  protected fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): void {
    ctx.step('index', 0, 1);
    this.fitted = FittedNeighbors.build(this.estimatorName, x, this.params);
    this.target = Float64Array.from(y);
    ctx.step('index', 1, 1);
  }

  /** The `nNeighbors` nearest training rows of each row of X (nearest first) with their distances. */
  kneighbors(X: MatrixLike, nNeighbors: number = this.params.nNeighbors): KNeighborsResult {
    const x = this.checkInput(X, 'kneighbors');
    return this.fitted!.query(x, nNeighbors);
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    const res = this.fitted!.query(x, this.params.nNeighbors);
    const k = res.k;
    const y = this.target!;
    const w = new Float64Array(k);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      neighborWeights(res, i, this.params.weights, w);
      let num = 0;
      let den = 0;
      for (let j = 0; j < k; j++) {
        num += w[j]! * y[res.indices[i * k + j]!]!;
        den += w[j]!;
      }
      out[i] = num / den;
    }
    return out;
  }

  protected getState(): State {
    return { ...this.fitted!.state(), target: this.target! };
  }

  protected setState(state: State): void {
    const name = this.estimatorName;
    const fitted = FittedNeighbors.fromState(name, state, this.params);
    const target = state['target'];
    if (
      !(target instanceof Float64Array) ||
      target.length !== fitted.x.rows ||
      !target.every(Number.isFinite)
    ) {
      throw new FormatError(`${name}: saved state needs one finite target value per training row (target)`);
    }
    this.target = target;
    this.fitted = fitted;
  }
}

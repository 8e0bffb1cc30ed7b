// k-nearest-neighbours classification (after sklearn.neighbors.KNeighborsClassifier).
import { BaseClassifier, type FitContext, makeTags, readSavedClasses, type State } from '../base/index.js';
import { Float64Matrix, type Label, type MatrixLike } from '../data/index.js';
import { FormatError } from '../errors/index.js';
import {
  checkKNeighborsParams,
  FittedNeighbors,
  KNEIGHBORS_DEFAULTS,
  type KNeighborsParams,
  neighborWeights,
} from './knn-shared.js';
import type { KNeighborsResult } from './neighbor-index.js';

export type KNeighborsClassifierParams = KNeighborsParams;

/**
 * Classifies each row by the (optionally distance-weighted) vote of its `nNeighbors` nearest
 * training rows. Neighbours are exact; distance ties go to the smaller training index. Vote ties
 * go to the first class in `classes` order, as in scikit-learn.
 */
export class KNeighborsClassifier extends BaseClassifier<KNeighborsClassifierParams> {
  static override readonly estimatorName = 'KNeighborsClassifier';
  static override readonly tags = makeTags('classification');
  static readonly defaults: KNeighborsClassifierParams = KNEIGHBORS_DEFAULTS;
  private fitted: FittedNeighbors | undefined;
  private yCodes: Int32Array | undefined;

  constructor(params: Partial<KNeighborsClassifierParams> = {}) {
    super(KNeighborsClassifier.defaults, params);
  }

  protected override validateParams(): void {
    checkKNeighborsParams(this.estimatorName, this.params);
  }

  protected fitClasses(x: Float64Matrix, y: Int32Array, _nClasses: number, ctx: FitContext): void {
    ctx.step('index', 0, 1);
    this.fitted = FittedNeighbors.build(this.estimatorName, x, this.params);
    this.yCodes = Int32Array.from(y);
    ctx.step('index', 1, 1);
  }

  /**
   * The `nNeighbors` nearest training rows of each row of X (nearest first) with their distances.
   * Unlike scikit-learn's `kneighbors()` without X, a query row that is in the training set is
   * its own first neighbour.
   */
  kneighbors(X: MatrixLike, nNeighbors: number = this.params.nNeighbors): KNeighborsResult {
    const x = this.checkInput(X, 'kneighbors');
    return this.fitted!.query(x, nNeighbors);
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    const nClasses = this.classes!.length;
    const res = this.fitted!.query(x, this.params.nNeighbors);
    const k = res.k;
    const y = this.yCodes!;
    const w = new Float64Array(k);
    const out = Float64Matrix.zeros(x.rows, nClasses);
    const p = out.data;
    for (let i = 0; i < x.rows; i++) {
      neighborWeights(res, i, this.params.weights, w);
      const o = i * nClasses;
      let total = 0;
      for (let j = 0; j < k; j++) {
        p[o + y[res.indices[i * k + j]!]!]! += w[j]!;
        total += w[j]!;
      }
      if (total === 0) total = 1;
      for (let c = 0; c < nClasses; c++) p[o + c]! /= total;
    }
    return out;
  }

  protected getState(): State {
    return { ...this.fitted!.state(), classes: this.classes!, yCodes: this.yCodes! };
  }

  protected setState(state: State): void {
    const name = this.estimatorName;
    const classes = readSavedClasses(name, state['classes']);
    const codes = state['yCodes'];
    const fitted = FittedNeighbors.fromState(name, state, this.params);
    if (!(codes instanceof Int32Array) || codes.length !== fitted.x.rows) {
      throw new FormatError(`${name}: saved state needs one class code per training row (yCodes)`);
    }
    for (let i = 0; i < codes.length; i++) {
      if (codes[i]! < 0 || codes[i]! >= classes.length) {
        throw new FormatError(
          `${name}: saved class code ${codes[i]} at row ${i} is outside [0, ${classes.length})`,
        );
      }
    }
    this.classes = classes as Label[];
    this.yCodes = codes;
    this.fitted = fitted;
  }
}

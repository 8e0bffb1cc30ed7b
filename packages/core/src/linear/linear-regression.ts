// Ordinary least squares (after sklearn.linear_model.LinearRegression): a streaming QR of the
// centred design, then an SVD of the small triangle for the minimum-norm solution.
import { checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import type { Float64Matrix } from '../data/index.js';
import { centeredFactor, interceptOf } from './centered-qr.js';
import { LinearRegressorBase, readNumber, readVector } from './linear-base.js';
import { leastSquares } from './svd-solve.js';

export interface LinearRegressionParams {
  /** Fit an independent term (default true); when false the data are assumed centred. */
  fitIntercept: boolean;
}

/**
 * Least squares: minimises Σ wᵢ(yᵢ − xᵢ·coef − intercept)². Rank-deficient designs get the
 * minimum-norm solution, with singular values below max(n, d)·ε·s_max treated as zero.
 */
export class LinearRegression extends LinearRegressorBase<LinearRegressionParams> {
  static override readonly estimatorName = 'LinearRegression';
  static override readonly tags = makeTags('regression', { supportsSampleWeight: true });
  static readonly defaults: LinearRegressionParams = { fitIntercept: true };
  /** Effective rank of the centred design. */
  rank: number | undefined;
  /** Singular values of the centred (weighted) design, descending. */
  singularValues: Float64Array | undefined;

  constructor(params: Partial<LinearRegressionParams> = {}) {
    super(LinearRegression.defaults, params);
  }

  protected override validateParams(): void {
    checkOneOf(this.estimatorName, 'fitIntercept', this.params.fitIntercept, [true, false]);
  }

  protected fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): void {
    ctx.step('factorize', 0, 1);
    const factor = centeredFactor(x, y, ctx.sampleWeight, this.params.fitIntercept);
    const sol = leastSquares(factor, Math.max(x.rows, x.cols) * Number.EPSILON);
    this.coef = sol.coef;
    this.intercept = interceptOf(factor, sol.coef);
    this.rank = sol.rank;
    this.singularValues = sol.singularValues;
    ctx.step('factorize', 1, 1);
  }

  protected override extraState(): State {
    return { rank: this.rank!, singularValues: this.singularValues! };
  }

  protected override readExtraState(state: State): void {
    this.rank = readNumber(this.estimatorName, state, 'rank', true);
    this.singularValues = readVector(this.estimatorName, state, 'singularValues');
  }
}

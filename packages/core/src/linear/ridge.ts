// Ridge regression (after sklearn.linear_model.Ridge): L2-penalised least squares solved in
// closed form through the SVD of the centred design's triangular factor.
import { checkNumber, checkOneOf, type FitContext, makeTags } from '../base/index.js';
import type { Float64Matrix } from '../data/index.js';
import { centeredFactor, interceptOf } from './centered-qr.js';
import { LinearRegressorBase } from './linear-base.js';
import { ridgeSolve } from './svd-solve.js';

export interface RidgeParams {
  /** L2 penalty strength α ≥ 0 (default 1). α = 0 is ordinary least squares. */
  alpha: number;
  /** Fit an unpenalised independent term (default true). */
  fitIntercept: boolean;
}

/**
 * Minimises Σ wᵢ(yᵢ − xᵢ·coef − intercept)² + α‖coef‖² (sklearn's objective: the penalty is not
 * scaled by n or by the weights).
 */
export class Ridge extends LinearRegressorBase<RidgeParams> {
  static override readonly estimatorName = 'Ridge';
  static override readonly tags = makeTags('regression', { supportsSampleWeight: true });
  static readonly defaults: RidgeParams = { alpha: 1, fitIntercept: true };

  constructor(params: Partial<RidgeParams> = {}) {
    super(Ridge.defaults, params);
  }

  protected override validateParams(): void {
    checkNumber(this.estimatorName, 'alpha', this.params.alpha, { min: 0 });
    checkOneOf(this.estimatorName, 'fitIntercept', this.params.fitIntercept, [true, false]);
  }

  protected fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): void {
    ctx.step('factorize', 0, 1);
    const factor = centeredFactor(x, y, ctx.sampleWeight, this.params.fitIntercept);
    const { coef } = ridgeSolve(factor, this.params.alpha, Math.max(x.rows, x.cols) * Number.EPSILON);
    this.coef = coef;
    this.intercept = interceptOf(factor, coef);
    ctx.step('factorize', 1, 1);
  }
}

// ElasticNet and Lasso (after sklearn.linear_model): coordinate descent on the Gram matrix of the
// centred design, sklearn's objective, duality-gap stopping and ConvergenceWarning.
import { checkNumber, checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import type { Float64Matrix } from '../data/index.js';
import { centeredFactor, interceptOf } from './centered-qr.js';
import { enetCoordinateDescent, gramFromFactor } from './coordinate-descent.js';
import { LinearRegressorBase, readNumber, warnConvergence } from './linear-base.js';

/** Parameters shared by Lasso and ElasticNet. */
export interface LassoParams {
  /** Overall penalty strength α ≥ 0 (default 1). */
  alpha: number;
  /** Fit an unpenalised independent term (default true). */
  fitIntercept: boolean;
  /** Most coordinate-descent sweeps (default 1000). */
  maxIter: number;
  /** Stop when the duality gap ≤ tol·‖y − ȳ‖² (default 1e-4). */
  tol: number;
  /** Start from the previous fit's coefficients (default false). */
  warmStart: boolean;
  /** Constrain the coefficients to be ≥ 0 (default false). */
  positive: boolean;
}

export interface ElasticNetParams extends LassoParams {
  /** Mix of L1 in the penalty, in [0, 1] (default 0.5): 1 is the lasso, 0 ridge. */
  l1Ratio: number;
}

const lassoDefaults: LassoParams = {
  alpha: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
  warmStart: false,
  positive: false,
};

/**
 * Minimises 1/(2·Σw)·Σ wᵢ(yᵢ − xᵢ·coef − b)² + α·ρ·‖coef‖₁ + α·(1 − ρ)/2·‖coef‖².
 * Sample weights are rescaled to sum to n, as in scikit-learn.
 */
export abstract class ElasticNetBase<P extends LassoParams> extends LinearRegressorBase<P> {
  static override readonly tags = makeTags('regression', { supportsSampleWeight: true });
  /** Coordinate-descent sweeps run by the last fit. */
  nIter: number | undefined;
  /** Duality gap at the end of the last fit. */
  dualGap: number | undefined;

  protected abstract l1Ratio(): number;

  protected override validateParams(): void {
    const name = this.estimatorName;
    const p = this.params;
    checkNumber(name, 'alpha', p.alpha, { min: 0 });
    checkOneOf(name, 'fitIntercept', p.fitIntercept, [true, false]);
    checkNumber(name, 'maxIter', p.maxIter, { integer: true, min: 1 });
    checkNumber(name, 'tol', p.tol, { min: 0 });
    checkOneOf(name, 'warmStart', p.warmStart, [true, false]);
    checkOneOf(name, 'positive', p.positive, [true, false]);
  }

  protected fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): void {
    const { alpha, fitIntercept, maxIter, tol, warmStart, positive } = this.params;
    const n = x.rows;
    let weights = ctx.sampleWeight;
    if (weights) {
      let total = 0;
      for (let i = 0; i < n; i++) total += weights[i]!;
      weights = weights.map((w) => (w * n) / total);
    }
    const factor = centeredFactor(x, y, weights, fitIntercept);
    const problem = gramFromFactor(factor);
    const coef =
      warmStart && this.coef?.length === x.cols ? Float64Array.from(this.coef) : new Float64Array(x.cols);
    const rho = this.l1Ratio();
    const res = enetCoordinateDescent(problem, coef, {
      l1: alpha * rho * n,
      l2: alpha * (1 - rho) * n,
      maxIter,
      tol,
      positive,
      onSweep: (i) => ctx.step('iteration', i, maxIter),
    });
    if (!res.converged) {
      warnConvergence(
        this.estimatorName,
        `Objective did not converge after ${maxIter} iterations (duality gap ${res.gap.toExponential(3)}, tolerance ${res.tol.toExponential(3)}).`,
      );
    }
    this.coef = coef;
    this.intercept = interceptOf(factor, coef);
    this.nIter = res.nIter;
    this.dualGap = res.gap;
  }

  protected override extraState(): State {
    return { nIter: this.nIter!, dualGap: this.dualGap! };
  }

  protected override readExtraState(state: State): void {
    this.nIter = readNumber(this.estimatorName, state, 'nIter', true);
    this.dualGap = readNumber(this.estimatorName, state, 'dualGap');
  }
}

/** Linear regression with combined L1 and L2 priors (sklearn.linear_model.ElasticNet). */
export class ElasticNet extends ElasticNetBase<ElasticNetParams> {
  static override readonly estimatorName = 'ElasticNet';
  static readonly defaults: ElasticNetParams = { ...lassoDefaults, l1Ratio: 0.5 };

  constructor(params: Partial<ElasticNetParams> = {}) {
    super(ElasticNet.defaults, params);
  }

  protected override validateParams(): void {
    super.validateParams();
    checkNumber(this.estimatorName, 'l1Ratio', this.params.l1Ratio, { min: 0, max: 1 });
  }

  protected l1Ratio(): number {
    return this.params.l1Ratio;
  }
}

/** Linear regression with an L1 prior (sklearn.linear_model.Lasso): ElasticNet with l1Ratio = 1. */
export class Lasso extends ElasticNetBase<LassoParams> {
  static override readonly estimatorName = 'Lasso';
  static readonly defaults: LassoParams = { ...lassoDefaults };

  constructor(params: Partial<LassoParams> = {}) {
    super(Lasso.defaults, params);
  }

  protected l1Ratio(): number {
    return 1;
  }
}

// Logistic regression (after sklearn.linear_model.LogisticRegression): binary or multinomial,
// L2/none with L-BFGS, L1/elastic-net with OWL-QN, on sklearn's exact objective.
import {
  BaseClassifier,
  checkNumber,
  checkOneOf,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../base/index.js';
import type { DataProfile, FeatureSchema, Float64Matrix, Label, MatrixLike } from '../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';
import { minimizeLbfgs } from '../optim/index.js';
import { checkSchemaWidth, readNumber, readVector, warnConvergence } from './linear-base.js';
import { decisionScores, logisticObjective, parameterCount, scoresToProba } from './logistic-loss.js';

export interface LogisticRegressionParams {
  /** Penalty on the weights (default 'l2'); intercepts are never penalised. */
  penalty: 'l2' | 'l1' | 'elasticnet' | null;
  /** Inverse regularisation strength C > 0 (default 1): minimises C·Σ wᵢ·lossᵢ + penalty. */
  C: number;
  /** Elastic-net mix in [0, 1], required when penalty is 'elasticnet' (default null). */
  l1Ratio: number | null;
  /** Fit intercepts (default true). */
  fitIntercept: boolean;
  /** Most optimiser iterations (default 100). */
  maxIter: number;
  /** Stop when the largest (pseudo-)gradient entry of the normalised objective ≤ tol (default 1e-4). */
  tol: number;
  /** 'balanced' (n / (K·weighted class count)), a map label → weight, or null (default). */
  classWeight: 'balanced' | Record<string, number> | null;
}

/**
 * Minimises C·Σ wᵢ·lossᵢ + penalty, where penalty is ½‖W‖² ('l2'), ‖W‖₁ ('l1') or
 * ρ‖W‖₁ + (1 − ρ)/2·‖W‖² ('elasticnet'). Two classes give one score (log-loss); more classes
 * give the multinomial (softmax) model, as scikit-learn does by default.
 */
export class LogisticRegression extends BaseClassifier<LogisticRegressionParams> {
  static override readonly estimatorName = 'LogisticRegression';
  static override readonly tags = makeTags('classification', { supportsSampleWeight: true });
  static readonly defaults: LogisticRegressionParams = {
    penalty: 'l2',
    C: 1,
    l1Ratio: null,
    fitIntercept: true,
    maxIter: 100,
    tol: 1e-4,
    classWeight: null,
  };
  /** Weights, one row per score (1 row for two classes, K rows otherwise), d columns, flattened. */
  coef: Float64Array | undefined;
  /** One intercept per score row. */
  intercept: Float64Array | undefined;
  /** Optimiser iterations run by the last fit. */
  nIter: number | undefined;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(LogisticRegression.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    const p = this.params;
    checkOneOf(name, 'penalty', p.penalty, ['l2', 'l1', 'elasticnet', null] as const);
    checkNumber(name, 'C', p.C, { min: 0, exclusiveMin: true });
    if (p.penalty === 'elasticnet' || p.l1Ratio !== null) {
      checkNumber(name, 'l1Ratio', p.l1Ratio, { min: 0, max: 1 });
    }
    checkOneOf(name, 'fitIntercept', p.fitIntercept, [true, false]);
    checkNumber(name, 'maxIter', p.maxIter, { integer: true, min: 0 });
    checkNumber(name, 'tol', p.tol, { min: 0 });
    const cw = p.classWeight;
    if (cw !== null && cw !== 'balanced') {
      if (typeof cw !== 'object' || Array.isArray(cw)) {
        throw new InvalidParameterError(
          `${name}: classWeight must be 'balanced', null or a map from label to weight`,
          {
            details: { parameter: 'classWeight' },
          },
        );
      }
      for (const [k, v] of Object.entries(cw)) checkNumber(name, `classWeight['${k}']`, v, { min: 0 });
    }
  }

  /** Per-class multipliers of the sample weights. */
  private classMultipliers(y: Int32Array, weights: Float64Array, classes: Label[]): Float64Array {
    const k = classes.length;
    const mult = new Float64Array(k).fill(1);
    const cw = this.params.classWeight;
    if (cw === 'balanced') {
      const count = new Float64Array(k);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        count[y[i]!]! += weights[i]!;
        total += weights[i]!;
      }
      for (let c = 0; c < k; c++) mult[c] = count[c]! > 0 ? total / (k * count[c]!) : 1;
    } else if (cw) {
      const names = classes.map(String);
      for (const [label, v] of Object.entries(cw)) {
        const c = names.indexOf(label);
        if (c < 0) {
          throw new InvalidParameterError(
            `${this.estimatorName}: classWeight names class '${label}', which is not in y (classes: ${names.join(', ')})`,
            { details: { parameter: 'classWeight' } },
          );
        }
        mult[c] = v;
      }
    }
    return mult;
  }

  protected fitClasses(x: Float64Matrix, y: Int32Array, nClasses: number, ctx: FitContext): void {
    const name = this.estimatorName;
    const classes = this.classes!;
    if (nClasses < 2) {
      throw new DataError(
        `${name}.fit: y holds a single class (${String(classes[0])}); logistic regression needs samples of at least 2 classes`,
        { details: { classes } },
      );
    }
    const { penalty, C, fitIntercept, maxIter, tol } = this.params;
    const n = x.rows;
    const d = x.cols;
    const weights = ctx.sampleWeight ? Float64Array.from(ctx.sampleWeight) : new Float64Array(n).fill(1);
    const mult = this.classMultipliers(y, weights, classes);
    let wSum = 0;
    for (let i = 0; i < n; i++) {
      weights[i]! *= mult[y[i]!]!;
      wSum += weights[i]!;
    }
    if (!(wSum > 0))
      throw new DataError(`${name}.fit: the sample and class weights sum to zero; no row carries weight`);
    const rho = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? this.params.l1Ratio! : 0;
    const strength = penalty === null ? 0 : 1 / (C * wSum);
    const nOut = nClasses === 2 ? 1 : nClasses;
    const size = parameterCount(d, nOut, fitIntercept);
    const l1 = new Float64Array(size);
    l1.fill(rho * strength, 0, nOut * d);
    const objective = logisticObjective({ x, y, weights, nOut, fitIntercept, l2: (1 - rho) * strength });
    const res = minimizeLbfgs(objective, new Float64Array(size), {
      maxIter,
      gtol: tol,
      l1,
      onIteration: (i) => ctx.step('iteration', i, maxIter),
    });
    if (!res.converged) {
      warnConvergence(
        name,
        `${rho > 0 ? 'OWL-QN' : 'L-BFGS'} failed to converge (${res.message}; max gradient ${res.gradMax.toExponential(3)}, tol ${tol}).`,
      );
    }
    this.coef = res.x.slice(0, nOut * d);
    const intercept = fitIntercept ? res.x.slice(nOut * d) : new Float64Array(nOut);
    if (nOut > 1) {
      // Softmax is invariant to a common shift of the unpenalised intercepts: report the
      // zero-sum representative, as sklearn's solvers do.
      const mean = intercept.reduce((a, b) => a + b, 0) / nOut;
      for (let k = 0; k < nOut; k++) intercept[k]! -= mean;
    }
    this.intercept = intercept;
    this.nIter = res.nIter;
  }

  /** Confidence scores: one column (score of classes[1]) for two classes, else one per class. */
  decisionFunction(X: MatrixLike): Float64Matrix {
    return decisionScores(this.checkInput(X, 'decisionFunction'), this.coef!, this.intercept!);
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    return scoresToProba(decisionScores(x, this.coef!, this.intercept!));
  }

  protected override predictCodes(x: Float64Matrix): Int32Array {
    const s = decisionScores(x, this.coef!, this.intercept!);
    const m = s.cols;
    const out = new Int32Array(s.rows);
    for (let i = 0; i < s.rows; i++) {
      if (m === 1) {
        out[i] = s.data[i]! > 0 ? 1 : 0;
        continue;
      }
      let best = 0;
      for (let k = 1; k < m; k++) if (s.data[i * m + k]! > s.data[i * m + best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  protected getState(): State {
    return { classes: this.classes!, coef: this.coef!, intercept: this.intercept!, nIter: this.nIter! };
  }

  protected setState(state: State): void {
    const name = this.estimatorName;
    const classes = readSavedClasses(name, state['classes'], 2);
    const nOut = classes.length === 2 ? 1 : classes.length;
    const intercept = readVector(name, state, 'intercept', nOut);
    const coef = readVector(name, state, 'coef');
    if (coef.length === 0 || coef.length % nOut !== 0) {
      throw new FormatError(
        `${name}: saved coef has ${coef.length} values, not a multiple of ${nOut} score rows`,
      );
    }
    this.classes = classes;
    this.intercept = intercept;
    this.coef = coef;
    this.nIter = readNumber(name, state, 'nIter', true);
  }

  override importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    super.importState(state, schema, profile);
    checkSchemaWidth(this.estimatorName, schema, this.coef!.length / this.intercept!.length);
  }
}

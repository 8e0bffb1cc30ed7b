// What every linear regressor shares: coef/intercept state, prediction X·w + b, validated
// persistence, and sklearn-style convergence warnings.
import { BaseRegressor, type State, type StateValue } from '../base/index.js';
import type { DataProfile, FeatureSchema, Float64Matrix } from '../data/index.js';
import { FormatError } from '../errors/index.js';

/** Emits a ConvergenceWarning (as scikit-learn does): fitting goes on with the last iterate. */
export function warnConvergence(owner: string, detail: string): void {
  process.emitWarning(
    `${owner}: ${detail} Increase maxIter, scale the features (e.g. StandardScaler) or increase the regularisation.`,
    { type: 'ConvergenceWarning', code: 'MLPY_CONVERGENCE' },
  );
}

/** Reads a finite Float64Array of the expected length from saved state. */
export function readVector(owner: string, state: State, key: string, length?: number): Float64Array {
  const v = state[key];
  if (!(v instanceof Float64Array) || (length !== undefined && v.length !== length)) {
    throw new FormatError(
      `${owner}: saved state '${key}' must be a Float64Array${length !== undefined ? ` of length ${length}` : ''}`,
    );
  }
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]))
      throw new FormatError(`${owner}: saved state '${key}' holds a non-finite value at ${i}`);
  }
  return v;
}

/** Reads a finite number (optionally a non-negative integer) from saved state. */
export function readNumber(owner: string, state: State, key: string, integer = false): number {
  const v: StateValue | undefined = state[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && (!Number.isInteger(v) || v < 0))) {
    throw new FormatError(
      `${owner}: saved state '${key}' must be a finite ${integer ? 'non-negative integer' : 'number'}`,
    );
  }
  return v;
}

/** Refuses a saved schema whose width disagrees with the coefficients. */
export function checkSchemaWidth(owner: string, schema: FeatureSchema, width: number): void {
  const got = Array.isArray(schema.features) ? schema.features.length : -1;
  if (got !== width) {
    throw new FormatError(
      `${owner}: the saved input schema has ${got} features but the coefficients expect ${width}`,
    );
  }
}

/** y = X·coef + intercept, one tight pass over the rows. */
export function linearPredict(x: Float64Matrix, coef: Float64Array, intercept: number): Float64Array {
  const { rows: n, cols: d, data } = x;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = intercept;
    const base = i * d;
    for (let j = 0; j < d; j++) s += data[base + j]! * coef[j]!;
    out[i] = s;
  }
  return out;
}

/** A regressor of the form y = X·coef + intercept. */
export abstract class LinearRegressorBase<P extends object> extends BaseRegressor<P> {
  /** Weights, one per feature (after fit). */
  coef: Float64Array | undefined;
  /** Independent term (0 when fitIntercept is false). */
  intercept: number | undefined;

  protected predictMatrix(x: Float64Matrix): Float64Array {
    return linearPredict(x, this.coef!, this.intercept!);
  }

  /** Learned values beyond coef/intercept, for persistence. */
  protected extraState(): State {
    return {};
  }

  /** Restores (and validates) what extraState wrote. */
  protected readExtraState(_state: State): void {}

  protected getState(): State {
    return { coef: this.coef!, intercept: this.intercept!, ...this.extraState() };
  }

  protected setState(state: State): void {
    this.coef = readVector(this.estimatorName, state, 'coef');
    this.intercept = readNumber(this.estimatorName, state, 'intercept');
    this.readExtraState(state);
  }

  override importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    super.importState(state, schema, profile);
    checkSchemaWidth(this.estimatorName, schema, this.coef!.length);
  }
}

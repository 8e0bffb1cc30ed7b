// Baselines that ignore the features (after sklearn.dummy): what every real model must beat.
import {
  BaseClassifier,
  BaseRegressor,
  checkNumber,
  checkOneOf,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { FormatError } from '../errors/index.js';

export interface DummyClassifierParams {
  /** 'prior' and 'mostFrequent' predict the majority class; 'prior' gives class frequencies as probabilities. */
  strategy: 'prior' | 'mostFrequent' | 'uniform';
}

/** Predicts from the class distribution of the training target alone. */
export class DummyClassifier extends BaseClassifier<DummyClassifierParams> {
  static override readonly estimatorName = 'DummyClassifier';
  static override readonly tags = makeTags('classification', { allowNaN: true, supportsSampleWeight: true });
  static readonly defaults: DummyClassifierParams = { strategy: 'prior' };
  private prior: Float64Array | undefined;

  constructor(params: Partial<DummyClassifierParams> = {}) {
    super(DummyClassifier.defaults, params);
  }

  protected override validateParams(): void {
    checkOneOf(this.estimatorName, 'strategy', this.params.strategy, [
      'prior',
      'mostFrequent',
      'uniform',
    ] as const);
  }

  protected fitClasses(_x: Float64Matrix, y: Int32Array, nClasses: number, ctx: FitContext): void {
    const prior = new Float64Array(nClasses);
    let total = 0;
    for (let i = 0; i < y.length; i++) {
      const w = ctx.sampleWeight?.[i] ?? 1;
      prior[y[i]!]! += w;
      total += w;
    }
    for (let k = 0; k < nClasses; k++) prior[k]! /= total;
    this.prior = prior;
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    const prior = this.prior!;
    const k = prior.length;
    const out = Float64Matrix.zeros(x.rows, k);
    let row: Float64Array;
    if (this.params.strategy === 'uniform') row = new Float64Array(k).fill(1 / k);
    else if (this.params.strategy === 'prior') row = prior;
    else {
      row = new Float64Array(k);
      row[prior.indexOf(Math.max(...prior))] = 1;
    }
    for (let i = 0; i < x.rows; i++) out.data.set(row, i * k);
    return out;
  }

  protected override predictCodes(x: Float64Matrix): Int32Array {
    const prior = this.prior!;
    return new Int32Array(x.rows).fill(prior.indexOf(Math.max(...prior)));
  }

  protected getState(): State {
    return { classes: this.classes!, prior: this.prior! };
  }

  protected setState(state: State): void {
    const classes = readSavedClasses(this.estimatorName, state['classes']);
    const prior = state['prior'];
    if (!(prior instanceof Float64Array) || prior.length !== classes.length) {
      throw new FormatError(`${this.estimatorName}: saved prior must hold one probability per class`);
    }
    this.classes = classes;
    this.prior = prior;
  }
}

export interface DummyRegressorParams {
  strategy: 'mean' | 'median' | 'quantile' | 'constant';
  /** For 'quantile', in [0, 1]. */
  quantile: number;
  /** For 'constant'. */
  constant: number;
}

/** Predicts a constant learned from the training target. */
export class DummyRegressor extends BaseRegressor<DummyRegressorParams> {
  static override readonly estimatorName = 'DummyRegressor';
  static override readonly tags = makeTags('regression', { allowNaN: true });
  static readonly defaults: DummyRegressorParams = { strategy: 'mean', quantile: 0.5, constant: 0 };
  private value: number | undefined;

  constructor(params: Partial<DummyRegressorParams> = {}) {
    super(DummyRegressor.defaults, params);
  }

  protected override validateParams(): void {
    checkOneOf(this.estimatorName, 'strategy', this.params.strategy, [
      'mean',
      'median',
      'quantile',
      'constant',
    ] as const);
    checkNumber(this.estimatorName, 'quantile', this.params.quantile, { min: 0, max: 1 });
    checkNumber(this.estimatorName, 'constant', this.params.constant);
  }

  protected fitTarget(_x: Float64Matrix, y: Float64Array): void {
    const { strategy, quantile, constant } = this.params;
    if (strategy === 'constant') this.value = constant;
    else if (strategy === 'mean') this.value = y.reduce((a, b) => a + b, 0) / y.length;
    else {
      const sorted = Float64Array.from(y).sort();
      const pos = (sorted.length - 1) * (strategy === 'median' ? 0.5 : quantile);
      const lo = Math.floor(pos);
      this.value = sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
    }
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    return new Float64Array(x.rows).fill(this.value!);
  }

  protected getState(): State {
    return { value: this.value! };
  }

  protected setState(state: State): void {
    this.value = checkNumber(this.estimatorName, 'state.value', state['value']);
  }
}

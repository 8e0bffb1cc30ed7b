// The four estimator families (classifier, regressor, transformer, clusterer): each turns the
// fit template into a task-specific contract with predict/transform and a default score.
import {
  encodeLabels,
  type FeatureSchema,
  type Float64Matrix,
  type Label,
  type MatrixLike,
  numericSchema,
  type TargetLike,
  validateRegressionTarget,
} from '../data/index.js';
import { accuracyScore, r2Score } from '../metrics/index.js';
import { BaseEstimator, type FitContext, type FitOptions } from './estimator.js';

/** Predicts class labels, with probabilities. */
export abstract class BaseClassifier<P extends object = object> extends BaseEstimator<P> {
  /** Sorted distinct labels seen at fit; predictProba's columns follow this order. */
  classes: Label[] | undefined;

  async fit(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<this> {
    await this.runFit(
      X,
      options,
      (x, ctx) => {
        const encoded = encodeLabels(y, x.rows, `${this.estimatorName}.fit`);
        this.classes = encoded.classes;
        return this.fitClasses(x, encoded.codes, encoded.classes.length, ctx);
      },
      y,
    );
    return this;
  }

  /** Trains on class codes 0..nClasses-1 (indices into `classes`). */
  protected abstract fitClasses(
    x: Float64Matrix,
    y: Int32Array,
    nClasses: number,
    ctx: FitContext,
  ): Promise<void> | void;
  /** Class probabilities, one row per sample, columns in `classes` order. */
  protected abstract probaMatrix(x: Float64Matrix): Float64Matrix;

  /** Class index per row; by default the most probable class (first one on ties). */
  protected predictCodes(x: Float64Matrix): Int32Array {
    const p = this.probaMatrix(x);
    const out = new Int32Array(p.rows);
    for (let i = 0; i < p.rows; i++) {
      let best = 0;
      for (let k = 1; k < p.cols; k++) if (p.data[i * p.cols + k]! > p.data[i * p.cols + best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  predict(X: MatrixLike): Label[] {
    const codes = this.predictCodes(this.checkInput(X));
    const classes = this.classes!;
    const out = new Array<Label>(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = classes[codes[i]!]!;
    return out;
  }

  predictProba(X: MatrixLike): Float64Matrix {
    return this.probaMatrix(this.checkInput(X, 'predictProba'));
  }

  /** Mean accuracy on (X, y). */
  score(X: MatrixLike, y: TargetLike): number {
    return accuracyScore(y, this.predict(X));
  }

  protected override scoreMetrics(X: MatrixLike, y: TargetLike): Record<string, number> {
    return { accuracy: this.score(X, y) };
  }
}

/** Predicts a real value per row. */
export abstract class BaseRegressor<P extends object = object> extends BaseEstimator<P> {
  async fit(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<this> {
    await this.runFit(
      X,
      options,
      (x, ctx) => this.fitTarget(x, validateRegressionTarget(y, x.rows, `${this.estimatorName}.fit`), ctx),
      y,
    );
    return this;
  }

  protected abstract fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): Promise<void> | void;
  protected abstract predictMatrix(x: Float64Matrix): Float64Array;

  predict(X: MatrixLike): Float64Array {
    return this.predictMatrix(this.checkInput(X));
  }

  /** Coefficient of determination R² on (X, y). */
  score(X: MatrixLike, y: TargetLike): number {
    return r2Score(y as ArrayLike<number>, this.predict(X));
  }

  protected override scoreMetrics(X: MatrixLike, y: TargetLike): Record<string, number> {
    return { r2: this.score(X, y) };
  }
}

/** Learns a transformation of the features (scaling, encoding, imputation…). */
export abstract class BaseTransformer<P extends object = object> extends BaseEstimator<P> {
  async fit(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<this> {
    await this.runFit(X, options, (x, ctx) => this.fitMatrix(x, ctx, y));
    return this;
  }

  protected abstract fitMatrix(x: Float64Matrix, ctx: FitContext, y?: TargetLike): Promise<void> | void;
  protected abstract transformMatrix(x: Float64Matrix): Float64Matrix;

  /** Names of the output columns; by default the input names. */
  featureNamesOut(): string[] {
    this.requireFitted();
    return this.inputSchema!.features.map((f) => f.name);
  }

  /** The schema of transform's output (all numeric). */
  outputSchema(): FeatureSchema {
    return numericSchema(this.featureNamesOut());
  }

  transform(X: MatrixLike): Float64Matrix {
    return this.transformMatrix(this.checkInput(X, 'transform'));
  }

  async fitTransform(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<Float64Matrix> {
    await this.fit(X, y, options);
    return this.transform(X);
  }
}

/** Groups rows without a target. */
export abstract class BaseClusterer<P extends object = object> extends BaseEstimator<P> {
  /** Cluster index of each training row; -1 marks noise where the algorithm has it. */
  labels: Int32Array | undefined;

  async fit(X: MatrixLike, _y?: TargetLike, options: FitOptions = {}): Promise<this> {
    await this.runFit(X, options, async (x, ctx) => {
      this.labels = await this.fitClusters(x, ctx);
    });
    return this;
  }

  /** Fits and returns the training labels. */
  protected abstract fitClusters(x: Float64Matrix, ctx: FitContext): Promise<Int32Array> | Int32Array;

  async fitPredict(X: MatrixLike, options: FitOptions = {}): Promise<Int32Array> {
    await this.fit(X, undefined, options);
    return this.labels!;
  }
}

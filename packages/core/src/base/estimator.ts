// The estimator contract (after scikit-learn's BaseEstimator): a params object stored as given,
// getParams/setParams, async fit returning this, learned state set only by fit, and the state
// hooks persistence uses.
import {
  type DataProfile,
  datasetDigest,
  type FeatureSchema,
  type Float64Matrix,
  type MatrixLike,
  profileData,
  type TargetLike,
  validateAgainstSchema,
  validateInput,
  validateSampleWeight,
} from '../data/index.js';
import { InvalidParameterError, NotFittedError, throwIfAborted } from '../errors/index.js';
import { emitFit, hasFitListeners, isNestedFit, withinFit } from './fit-events.js';
import type { EstimatorTags } from './tags.js';

/** Fit progress reported through `FitOptions.onProgress`. */
export interface Progress {
  /** What is being done, e.g. "tree", "iteration", "fold". */
  stage: string;
  current: number;
  total: number;
}

export interface FitOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Per-row weights, for estimators tagged `supportsSampleWeight`. */
  sampleWeight?: ArrayLike<number>;
  /** Held-out data: early stopping for boosting, validation metrics for autolog. */
  validationData?: { X: MatrixLike; y: TargetLike };
}

/** Values an estimator's learned state may hold; typed arrays are stored as binary blobs. */
export type StateValue =
  | null
  | boolean
  | number
  | string
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Int8Array
  | BaseEstimator
  | StateValue[]
  | { [key: string]: StateValue };
export type State = { [key: string]: StateValue };

/** What the fit machinery hands to an estimator's own training code. */
export interface FitContext {
  schema: FeatureSchema;
  sampleWeight: Float64Array | undefined;
  signal: AbortSignal | undefined;
  /** Reports progress and throws AbortError when the signal has fired. */
  step(stage: string, current: number, total: number): void;
  validationData: { X: MatrixLike; y: TargetLike } | undefined;
}

/** The static side of an estimator class, as the catalogue and persistence see it. */
export interface EstimatorClass<E extends BaseEstimator = BaseEstimator> {
  new (params?: never): E;
  readonly estimatorName: string;
  readonly tags: EstimatorTags;
}

export abstract class BaseEstimator<P extends object = object> {
  /** Stable name used in saved files and the catalogue; never derived from minified code. */
  static readonly estimatorName: string = 'BaseEstimator';
  static readonly tags: EstimatorTags;

  protected params: P;
  private readonly defaultKeys: readonly string[];
  private fittedFlag = false;
  /** Features seen at fit: names, kinds, categories. Saved with the model. */
  inputSchema: FeatureSchema | undefined;
  /** Training-data profile, the reference for drift detection. Saved with the model. */
  trainingProfile: DataProfile | undefined;

  protected constructor(defaults: P, params: Partial<P> | undefined) {
    this.defaultKeys = Object.keys(defaults);
    this.checkKeys(params ?? {});
    this.params = { ...defaults, ...definedOnly(params ?? {}) };
  }

  get estimatorName(): string {
    return (this.constructor as unknown as EstimatorClass).estimatorName;
  }

  get tags(): EstimatorTags {
    return (this.constructor as unknown as EstimatorClass).tags;
  }

  get isFitted(): boolean {
    return this.fittedFlag;
  }

  /** A shallow copy of the parameters. */
  getParams(): P {
    return { ...this.params };
  }

  /** A readable summary for logs and tracked params: the class and its parameters. */
  toJSON(): { estimator: string; params: P } {
    return { estimator: this.estimatorName, params: this.getParams() };
  }

  /** Updates parameters; unknown keys throw InvalidParameterError listing the valid ones. */
  setParams(params: Partial<P>): this {
    this.checkKeys(params);
    this.params = { ...this.params, ...definedOnly(params) };
    return this;
  }

  private checkKeys(params: object): void {
    const unknown = Object.keys(params).filter((k) => !this.defaultKeys.includes(k));
    if (unknown.length) {
      throw new InvalidParameterError(
        `${this.estimatorName}: unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}. Valid parameters: ${this.defaultKeys.join(', ')}`,
        { details: { unknown, valid: [...this.defaultKeys] } },
      );
    }
  }

  abstract fit(X: MatrixLike, y?: TargetLike, options?: FitOptions): Promise<this>;

  /** Checks parameter values; called at the start of fit (constructors store params unchanged). */
  protected validateParams(): void {}

  /** The learned state to persist (typed arrays become binary blobs). */
  protected abstract getState(): State;
  /** Restores state produced by getState; must validate what it reads. */
  protected abstract setState(state: State): void;

  /** @internal Persistence entry point. */
  exportState(): State {
    this.requireFitted();
    return this.getState();
  }

  /** @internal Persistence entry point: restores a fitted estimator. */
  importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    this.setState(state);
    this.inputSchema = schema;
    this.trainingProfile = profile;
    this.fittedFlag = true;
  }

  /** Throws NotFittedError unless fit has completed. */
  protected requireFitted(): void {
    if (!this.fittedFlag) {
      throw new NotFittedError(
        `This ${this.estimatorName} instance is not fitted yet. Call fit(X, y) before using it, or load a saved model.`,
      );
    }
  }

  /** Validates predict-time input against the fit schema. */
  protected checkInput(X: MatrixLike, method = 'predict'): Float64Matrix {
    this.requireFitted();
    return validateAgainstSchema(X, this.inputSchema!, {
      allowNaN: this.tags.allowNaN,
      allowCategorical: this.tags.allowCategorical,
      context: `${this.estimatorName}.${method}`,
    });
  }

  /**
   * The fit template every estimator family uses: validates params and X, lets `train` do the
   * estimator's own work, then records the schema and profile and notifies fit listeners.
   */
  protected async runFit(
    X: MatrixLike,
    options: FitOptions,
    train: (x: Float64Matrix, ctx: FitContext) => Promise<void> | void,
    targetForDigest?: ArrayLike<number | string>,
  ): Promise<void> {
    const name = this.estimatorName;
    throwIfAborted(options.signal, `${name}.fit`);
    this.validateParams();
    const tags = this.tags;
    const { x, schema } = validateInput(X, {
      allowNaN: tags.allowNaN,
      allowCategorical: tags.allowCategorical,
      context: `${name}.fit`,
      minRows: tags.minRows,
    });
    if (options.sampleWeight !== undefined && !tags.supportsSampleWeight) {
      throw new InvalidParameterError(`${name}.fit: this estimator does not support sampleWeight`);
    }
    const sampleWeight = validateSampleWeight(options.sampleWeight, x.rows, `${name}.fit`);
    const { signal, onProgress } = options;
    const ctx: FitContext = {
      schema,
      sampleWeight,
      signal,
      validationData: options.validationData,
      step(stage, current, total) {
        throwIfAborted(signal, `${name}.fit`);
        onProgress?.({ stage, current, total });
      },
    };
    const started = performance.now();
    this.fittedFlag = false;
    const nested = isNestedFit();
    await withinFit(() => train(x, ctx));
    this.inputSchema = schema;
    this.trainingProfile = profileData(x, schema);
    this.fittedFlag = true;
    if (!nested && hasFitListeners())
      await this.notifyFit(x, performance.now() - started, options, targetForDigest);
  }

  /** The default score: accuracy for classifiers, R² for regressors. Families override it. */
  protected scoreMetrics(_X: MatrixLike, _y: TargetLike): Record<string, number> {
    return {};
  }

  private async notifyFit(
    x: Float64Matrix,
    durationMs: number,
    options: FitOptions,
    y: ArrayLike<number | string> | undefined,
  ): Promise<void> {
    const trainingMetrics = y ? this.scoreMetrics(x, y as TargetLike) : {};
    const v = options.validationData;
    await emitFit({
      estimator: this,
      estimatorName: this.estimatorName,
      params: this.getParams() as Record<string, unknown>,
      nSamples: x.rows,
      nFeatures: x.cols,
      datasetDigest: datasetDigest(x, y),
      durationMs,
      trainingMetrics,
      ...(v ? { validationMetrics: this.scoreMetrics(v.X, v.y) } : {}),
    });
  }
}

function definedOnly<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<T>;
}

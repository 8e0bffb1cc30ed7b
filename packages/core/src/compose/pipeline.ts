// Pipeline (after sklearn.pipeline.Pipeline): transformers chained in front of a final
// estimator, fitted and used as one model. It behaves as its final step's family does (a
// classifier's predict/predictProba/classes, a regressor's predict, a transformer's transform),
// is saved as one file and exposes every step's parameters as `<step>__<param>`.
import { BaseEstimator, type EstimatorTags, type FitOptions, makeTags, type State } from '../base/index.js';
import type { FeatureSchema, Float64Matrix, Label, MatrixLike, TargetLike } from '../data/index.js';
import { FormatError, InvalidParameterError } from '../errors/index.js';
import { asTransformer, carryOutput, checkChildList, type TransformerLike } from './children.js';
import { applyToChildren, childNames, nestedParams, partitionParams } from './composite-params.js';

/** A pipeline step: a name and an estimator, or 'passthrough' for a step that does nothing. */
export type PipelineStep = [name: string, estimator: BaseEstimator | 'passthrough'];

export interface PipelineParams {
  /** The steps, in order; all but the last must be transformers (or 'passthrough'). */
  steps: PipelineStep[];
  /** `<step>__<param>` sets a step's parameter; `<step>` replaces the step. */
  [nested: string]: unknown;
}

interface Predicting {
  predict(X: MatrixLike): unknown;
  predictProba?(X: MatrixLike): Float64Matrix;
  score?(X: MatrixLike, y: TargetLike): number;
  classes?: Label[];
  labels?: Int32Array;
}

/** A sequence of transformers and a final estimator that acts as one estimator. */
export class Pipeline extends BaseEstimator<PipelineParams> {
  static override readonly estimatorName = 'Pipeline';
  /** Static tags are the loosest; an instance reports its steps' tags (see `tags`). */
  static override readonly tags = makeTags('transform', { allowNaN: true, allowCategorical: true });
  static readonly defaults: PipelineParams = { steps: [] };

  /** Builds a pipeline from its steps, or from a params object (`{ steps, ...nested }`). */
  constructor(params: PipelineStep[] | Partial<PipelineParams> = {}) {
    super(Pipeline.defaults, {});
    this.setParams(Array.isArray(params) ? { steps: params } : params);
  }

  /** The steps' own parameters plus every step's as `<step>__<param>`. */
  override getParams(): PipelineParams {
    return { ...super.getParams(), ...nestedParams(this.params.steps) };
  }

  override setParams(params: Partial<PipelineParams>): this {
    const names = childNames(params.steps ?? this.params.steps);
    const parts = partitionParams(this.estimatorName, params, ['steps'], names);
    super.setParams(parts.own as Partial<PipelineParams>);
    if (parts.replace.size || parts.nested.size)
      this.params.steps = applyToChildren(this.estimatorName, this.params.steps, parts);
    return this;
  }

  /** Steps by name. */
  get namedSteps(): Record<string, BaseEstimator | 'passthrough'> {
    return Object.fromEntries(this.params.steps);
  }

  /** Capabilities follow the steps: input tags from the first estimator, the task from the last. */
  override get tags(): EstimatorTags {
    const steps = this.params.steps;
    if (!Array.isArray(steps)) return Pipeline.tags;
    const ests = steps
      .map((s) => (Array.isArray(s) ? s[1] : undefined))
      .filter((e): e is BaseEstimator => e instanceof BaseEstimator);
    const first = ests[0];
    if (!first) return Pipeline.tags;
    const last = steps[steps.length - 1]?.[1];
    const final = last instanceof BaseEstimator ? last.tags : undefined;
    return makeTags(final?.task ?? 'transform', {
      allowNaN: first.tags.allowNaN,
      allowCategorical: first.tags.allowCategorical,
      supportsSampleWeight: final?.supportsSampleWeight ?? false,
      requiresTarget: ests.some((e) => e.tags.requiresTarget),
      asyncPredict: final?.asyncPredict ?? false,
      minRows: Math.max(...ests.map((e) => e.tags.minRows)),
    });
  }

  protected override validateParams(): void {
    const owner = this.estimatorName;
    const steps: unknown = this.params.steps;
    checkChildList(owner, 'steps', steps, 1);
    steps.forEach((s, i) => {
      const est = s[1];
      if (s.length !== 2 || (est !== 'passthrough' && !(est instanceof BaseEstimator))) {
        throw new InvalidParameterError(`${owner}: steps[${i}] must be [name, estimator or 'passthrough']`, {
          details: { parameter: 'steps' },
        });
      }
      if (i < steps.length - 1 && est instanceof BaseEstimator && !asTransformer(est)) {
        throw new InvalidParameterError(
          `${owner}: step '${s[0]}' (${est.estimatorName}) is not a transformer; only the last step may be a ${est.tags.task} estimator`,
          { details: { parameter: 'steps' } },
        );
      }
    });
  }

  async fit(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<this> {
    await this.runFit(
      X,
      options,
      async (_x, ctx) => {
        const steps = this.params.steps;
        let xt: MatrixLike = X;
        for (let i = 0; i < steps.length - 1; i++) {
          ctx.step('step', i, steps.length);
          const t = this.transformerAt(i);
          if (!t) continue;
          await t.fit(xt, y, { signal: ctx.signal });
          xt = carryOutput(t, t.transform(xt), `${this.estimatorName}.fit`);
        }
        ctx.step('step', steps.length - 1, steps.length);
        const final = steps[steps.length - 1]![1];
        if (final === 'passthrough') return;
        const v = ctx.validationData;
        await final.fit(xt, y, {
          signal: ctx.signal,
          ...(ctx.sampleWeight ? { sampleWeight: ctx.sampleWeight } : {}),
          ...(v ? { validationData: { X: this.transformThrough(v.X, steps.length - 1).xt, y: v.y } } : {}),
        });
      },
      y,
    );
    return this;
  }

  private transformerAt(i: number): (BaseEstimator & TransformerLike) | undefined {
    const est = this.params.steps[i]![1];
    return est === 'passthrough' ? undefined : asTransformer(est);
  }

  /** Applies the fitted steps before index `end` to X; `out` is the last transformer's raw output. */
  private transformThrough(X: MatrixLike, end: number): { xt: MatrixLike; out?: Float64Matrix } {
    let xt = X;
    let out: Float64Matrix | undefined;
    for (let i = 0; i < end; i++) {
      const t = this.transformerAt(i);
      if (!t) continue;
      out = t.transform(xt);
      xt = carryOutput(t, out, `${this.estimatorName}.transform`);
    }
    return out ? { xt, out } : { xt };
  }

  /** The final estimator and the input it expects; throws when it lacks `method`. */
  private final(X: MatrixLike, method: keyof Predicting): [Predicting, MatrixLike] {
    this.requireFitted();
    const steps = this.params.steps;
    const last = steps[steps.length - 1]![1];
    if (last === 'passthrough' || typeof (last as unknown as Predicting)[method] === 'undefined') {
      const what = last === 'passthrough' ? "'passthrough'" : last.estimatorName;
      throw new InvalidParameterError(
        `${this.estimatorName}.${method}: the final step (${what}) has no ${method}`,
      );
    }
    if (last.tags.asyncPredict && method !== 'score') {
      throw new InvalidParameterError(
        `${this.estimatorName}.${method}: the final step predicts asynchronously; call it on the transformed input instead`,
      );
    }
    return [last as unknown as Predicting, this.transformThrough(X, steps.length - 1).xt];
  }

  /** The final estimator's predictions on the transformed input. */
  predict(X: MatrixLike): Float64Array | Label[] | Int32Array {
    const [est, xt] = this.final(X, 'predict');
    return est.predict(xt) as Float64Array | Label[] | Int32Array;
  }

  /** Class probabilities from a final classifier, columns in `classes` order. */
  predictProba(X: MatrixLike): Float64Matrix {
    const [est, xt] = this.final(X, 'predictProba');
    return est.predictProba!(xt);
  }

  /** The final estimator's default score (accuracy, R²…) on (X, y). */
  score(X: MatrixLike, y: TargetLike): number {
    const [est, xt] = this.final(X, 'score');
    return est.score!(xt, y);
  }

  /** The final classifier's classes. */
  get classes(): Label[] | undefined {
    return (this.params.steps[this.params.steps.length - 1]?.[1] as Predicting | undefined)?.classes;
  }

  /** The final clusterer's training labels. */
  get labels(): Int32Array | undefined {
    return (this.params.steps[this.params.steps.length - 1]?.[1] as Predicting | undefined)?.labels;
  }

  /** Applies every step; the final one must be a transformer or 'passthrough'. */
  transform(X: MatrixLike): Float64Matrix {
    this.requireFitted();
    const n = this.params.steps.length;
    const last = this.params.steps[n - 1]![1];
    const t = last === 'passthrough' ? undefined : asTransformer(last);
    if (last !== 'passthrough' && !t) {
      throw new InvalidParameterError(
        `${this.estimatorName}.transform: the final step (${last.estimatorName}) is not a transformer`,
      );
    }
    const { xt, out } = this.transformThrough(X, n - 1);
    if (t) return t.transform(xt);
    return out ?? this.checkInput(X, 'transform');
  }

  async fitTransform(X: MatrixLike, y?: TargetLike, options: FitOptions = {}): Promise<Float64Matrix> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  private lastTransformer(): TransformerLike | undefined {
    for (let i = this.params.steps.length - 1; i >= 0; i--) {
      const est = this.params.steps[i]![1];
      if (est !== 'passthrough' && asTransformer(est)) return asTransformer(est);
    }
    return undefined;
  }

  /** Names of the columns the last transformer outputs (the input names when there is none). */
  featureNamesOut(): string[] {
    this.requireFitted();
    return this.outputSchema().features.map((f) => f.name);
  }

  /** Schema of the last transformer's output (the input schema when there is none). */
  outputSchema(): FeatureSchema {
    this.requireFitted();
    return this.lastTransformer()?.outputSchema() ?? this.inputSchema!;
  }

  protected getState(): State {
    return { stepNames: this.params.steps.map((s) => s[0]) };
  }

  protected setState(state: State): void {
    this.validateParams();
    const names = state['stepNames'];
    const steps = this.params.steps;
    if (!Array.isArray(names) || names.length !== steps.length || names.some((n, i) => n !== steps[i]![0])) {
      throw new FormatError(`${this.estimatorName}: saved step names do not match the saved steps`);
    }
    for (const [name, est] of steps) {
      if (est !== 'passthrough' && !est.isFitted)
        throw new FormatError(`${this.estimatorName}: saved step '${name}' is not fitted`);
    }
  }
}

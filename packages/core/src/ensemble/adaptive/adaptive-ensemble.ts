// AdaptiveEnsemble: stacking or weighted voting over any estimators, with the weights (or the
// meta-model) learned from out-of-fold predictions so that no member grades its own training rows.
import {
  BaseClassifier,
  type BaseEstimator,
  BaseRegressor,
  checkNumber,
  checkOneOf,
  clone,
  type FitContext,
  makeTags,
  readSavedClasses,
  type State,
} from '../../base/index.js';
import { Float64Matrix } from '../../data/index.js';
import { InvalidParameterError } from '../../errors/index.js';
import { LogisticRegression, Ridge } from '../../linear/index.js';
import { crossValPredict } from '../../model-selection/index.js';
import { caruanaWeights, probaLogLoss, squaredError } from './caruana.js';

export type Member<E> = readonly [name: string, estimator: E];

export interface AdaptiveEnsembleParams<E> {
  /** The members, as [name, estimator] pairs. */
  estimators: readonly Member<E>[];
  /** 'voting': a weighted average of member outputs; 'stacking': a meta-model over them. */
  method: 'voting' | 'stacking';
  /** Voting weights: 'caruana' (greedy selection on out-of-fold predictions), 'equal', or explicit numbers. */
  weights: 'caruana' | 'equal' | readonly number[];
  /** The stacking meta-model; default LogisticRegression (classifier) or Ridge (regressor). */
  finalEstimator: E | null;
  /** Folds for the out-of-fold predictions. */
  cv: number;
  /** Greedy selection steps for 'caruana'. */
  ensembleSize: number;
  nJobs: number;
}

function checkMembers<E extends BaseEstimator>(
  owner: string,
  params: AdaptiveEnsembleParams<E>,
  kind: 'classifier' | 'regressor',
): void {
  const family = kind === 'classifier' ? BaseClassifier : BaseRegressor;
  const names = params.estimators.map((m) => m[0]);
  if (params.estimators.length === 0)
    throw new InvalidParameterError(`${owner}: estimators must hold at least one [name, estimator] pair`);
  if (new Set(names).size !== names.length)
    throw new InvalidParameterError(`${owner}: member names must be unique, got ${names.join(', ')}`);
  for (const [name, est] of params.estimators) {
    if (!(est instanceof family))
      throw new InvalidParameterError(
        `${owner}: member '${name}' (${(est as BaseEstimator).estimatorName}) is not a ${kind}`,
      );
  }
  checkOneOf(owner, 'method', params.method, ['voting', 'stacking'] as const);
  if (Array.isArray(params.weights)) {
    if (
      params.weights.length !== params.estimators.length ||
      params.weights.some((w) => !(w >= 0)) ||
      params.weights.every((w) => w === 0)
    ) {
      throw new InvalidParameterError(
        `${owner}: weights must be ${params.estimators.length} non-negative numbers, not all zero`,
      );
    }
  } else checkOneOf(owner, 'weights', params.weights, ['caruana', 'equal'] as const);
  checkNumber(owner, 'cv', params.cv, { integer: true, min: 2 });
  checkNumber(owner, 'ensembleSize', params.ensembleSize, { integer: true, min: 1 });
}

function normalise(w: readonly number[]): Float64Array {
  const s = w.reduce((a, b) => a + b, 0);
  return Float64Array.from(w, (v) => v / s);
}

/** Members' features for the meta-model: probabilities (binary: the positive column only). */
function stackFeatures(parts: readonly Float64Matrix[], binary: boolean): Float64Matrix {
  const n = parts[0]!.rows;
  const width = parts.reduce((a, p) => a + (binary ? 1 : p.cols), 0);
  const out = Float64Matrix.zeros(n, width);
  let off = 0;
  for (const p of parts) {
    for (let i = 0; i < n; i++) {
      if (binary) out.data[i * width + off] = p.data[i * p.cols + 1]!;
      else for (let k = 0; k < p.cols; k++) out.data[i * width + off + k] = p.data[i * p.cols + k]!;
    }
    off += binary ? 1 : parts[0]!.cols;
  }
  return out;
}

/** Member predictions side by side, one column each. */
function asColumns(parts: readonly Float64Array[]): Float64Matrix {
  const n = parts[0]!.length;
  const out = Float64Matrix.zeros(n, parts.length);
  for (let j = 0; j < parts.length; j++)
    for (let i = 0; i < n; i++) out.data[i * parts.length + j] = parts[j]![i]!;
  return out;
}

const defaults = {
  method: 'voting' as const,
  weights: 'caruana' as const,
  finalEstimator: null,
  cv: 5,
  ensembleSize: 50,
  nJobs: 1,
};

/** Combines classifiers by weighted soft voting or stacking. */
export class AdaptiveEnsembleClassifier extends BaseClassifier<AdaptiveEnsembleParams<BaseClassifier>> {
  static override readonly estimatorName = 'AdaptiveEnsembleClassifier';
  static override readonly tags = makeTags('classification', { allowNaN: true, minRows: 4 });
  /** Learned voting weights, one per member (voting only). */
  memberWeights: Float64Array | undefined;
  private members: BaseClassifier[] = [];
  private meta: BaseClassifier | undefined;

  constructor(params: Partial<AdaptiveEnsembleParams<BaseClassifier>> = {}) {
    super({ estimators: [], ...defaults }, params);
  }

  protected override validateParams(): void {
    checkMembers(this.estimatorName, this.params, 'classifier');
  }

  protected async fitClasses(
    x: Float64Matrix,
    y: Int32Array,
    nClasses: number,
    ctx: FitContext,
  ): Promise<void> {
    const { estimators, method, weights, cv, nJobs, ensembleSize } = this.params;
    const needOof = method === 'stacking' || weights === 'caruana';
    const oof: Float64Matrix[] = [];
    if (needOof) {
      for (const [i, [, est]] of estimators.entries()) {
        ctx.step('out-of-fold', i, estimators.length);
        oof.push(
          (await crossValPredict(est, x, y, {
            cv,
            method: 'predictProba',
            nJobs,
            signal: ctx.signal,
          })) as Float64Matrix,
        );
      }
    }
    this.members = [];
    for (const [i, [, est]] of estimators.entries()) {
      ctx.step('member', i, estimators.length);
      this.members.push(await clone(est).fit(x, y, { signal: ctx.signal }));
    }
    if (method === 'stacking') {
      const meta = this.params.finalEstimator
        ? clone(this.params.finalEstimator)
        : new LogisticRegression({ maxIter: 1000 });
      this.meta = await meta.fit(stackFeatures(oof, nClasses === 2), y);
      this.memberWeights = undefined;
    } else {
      this.meta = undefined;
      this.memberWeights =
        weights === 'caruana'
          ? caruanaWeights(
              oof.map((p) => p.data),
              (p) => probaLogLoss(p, y, nClasses),
              ensembleSize,
            )
          : normalise(weights === 'equal' ? estimators.map(() => 1) : (weights as number[]));
    }
  }

  protected probaMatrix(x: Float64Matrix): Float64Matrix {
    const parts = this.members.map((m) => m.predictProba(x));
    if (this.meta) return this.meta.predictProba(stackFeatures(parts, this.classes!.length === 2));
    const out = Float64Matrix.zeros(x.rows, this.classes!.length);
    parts.forEach((p, j) => {
      const w = this.memberWeights![j]!;
      if (w > 0) for (let i = 0; i < out.data.length; i++) out.data[i]! += w * p.data[i]!;
    });
    return out;
  }

  protected getState(): State {
    return {
      classes: this.classes!,
      members: this.members,
      meta: this.meta ?? null,
      weights: this.memberWeights ?? null,
    };
  }

  protected setState(state: State): void {
    const members = state['members'];
    if (!Array.isArray(members) || !members.every((m) => m instanceof BaseClassifier))
      throw new InvalidParameterError('bad members');
    this.members = members as BaseClassifier[];
    this.classes = readSavedClasses(this.estimatorName, state['classes']);
    this.meta = state['meta'] instanceof BaseClassifier ? state['meta'] : undefined;
    this.memberWeights = state['weights'] instanceof Float64Array ? state['weights'] : undefined;
    if (!this.meta && this.memberWeights?.length !== members.length)
      throw new InvalidParameterError('weights do not match members');
  }
}

/** Combines regressors by weighted averaging or stacking. */
export class AdaptiveEnsembleRegressor extends BaseRegressor<AdaptiveEnsembleParams<BaseRegressor>> {
  static override readonly estimatorName = 'AdaptiveEnsembleRegressor';
  static override readonly tags = makeTags('regression', { allowNaN: true, minRows: 4 });
  memberWeights: Float64Array | undefined;
  private members: BaseRegressor[] = [];
  private meta: BaseRegressor | undefined;

  constructor(params: Partial<AdaptiveEnsembleParams<BaseRegressor>> = {}) {
    super({ estimators: [], ...defaults }, params);
  }

  protected override validateParams(): void {
    checkMembers(this.estimatorName, this.params, 'regressor');
  }

  protected async fitTarget(x: Float64Matrix, y: Float64Array, ctx: FitContext): Promise<void> {
    const { estimators, method, weights, cv, nJobs, ensembleSize } = this.params;
    const oof: Float64Array[] = [];
    if (method === 'stacking' || weights === 'caruana') {
      for (const [i, [, est]] of estimators.entries()) {
        ctx.step('out-of-fold', i, estimators.length);
        oof.push((await crossValPredict(est, x, y, { cv, nJobs, signal: ctx.signal })) as Float64Array);
      }
    }
    this.members = [];
    for (const [i, [, est]] of estimators.entries()) {
      ctx.step('member', i, estimators.length);
      this.members.push(await clone(est).fit(x, y, { signal: ctx.signal }));
    }
    if (method === 'stacking') {
      const meta = this.params.finalEstimator ? clone(this.params.finalEstimator) : new Ridge();
      this.meta = await meta.fit(asColumns(oof), y);
      this.memberWeights = undefined;
    } else {
      this.meta = undefined;
      this.memberWeights =
        weights === 'caruana'
          ? caruanaWeights(oof, (p) => squaredError(p, y), ensembleSize)
          : normalise(weights === 'equal' ? estimators.map(() => 1) : (weights as number[]));
    }
  }

  protected predictMatrix(x: Float64Matrix): Float64Array {
    const parts = this.members.map((m) => m.predict(x));
    if (this.meta) {
      return this.meta.predict(asColumns(parts));
    }
    const out = new Float64Array(x.rows);
    parts.forEach((p, j) => {
      const w = this.memberWeights![j]!;
      for (let i = 0; i < out.length; i++) out[i]! += w * p[i]!;
    });
    return out;
  }

  protected getState(): State {
    return { members: this.members, meta: this.meta ?? null, weights: this.memberWeights ?? null };
  }

  protected setState(state: State): void {
    const members = state['members'];
    if (!Array.isArray(members) || !members.every((m) => m instanceof BaseRegressor))
      throw new InvalidParameterError('bad members');
    this.members = members as BaseRegressor[];
    this.meta = state['meta'] instanceof BaseRegressor ? state['meta'] : undefined;
    this.memberWeights = state['weights'] instanceof Float64Array ? state['weights'] : undefined;
    if (!this.meta && this.memberWeights?.length !== members.length)
      throw new InvalidParameterError('weights do not match members');
  }
}

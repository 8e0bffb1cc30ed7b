// Hyperparameter search (after sklearn's GridSearchCV / RandomizedSearchCV): every candidate is
// cross-validated (folds in parallel on worker threads when nJobs > 1), the best is refit on all data.
import { type BaseEstimator, clone } from '../base/index.js';
import { type ParamDistribution, type SearchSpace, sampleParam } from '../catalogue/index.js';
import type { Float64Matrix, Label, MatrixLike, TargetLike } from '../data/index.js';
import { InvalidParameterError, NotFittedError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import { type CrossValidateOptions, resolveCv, resolveScoring, type Scoring } from './cross-validate.js';
import { evaluateTasks } from './evaluate.js';
import { getScorer } from './scoring.js';
import { rowCount } from './split.js';

export type ParamGrid = Record<string, readonly unknown[]>;

export interface SearchOptions extends Omit<CrossValidateOptions, 'returnEstimator' | 'scoring'> {
  scoring?: Scoring;
  /** Refit the best candidate on all data (true), or name the scorer that picks it; default true. */
  refit?: boolean | string;
}

/** One row of `cvResults`. */
export interface CandidateResult {
  params: Record<string, unknown>;
  meanTestScore: Record<string, number>;
  stdTestScore: Record<string, number>;
  /** 1 = best, per scorer; ties share the lower rank. */
  rankTestScore: Record<string, number>;
  splitTestScores: Record<string, number[]>;
  meanTrainScore?: Record<string, number>;
  meanFitTime: number;
  meanScoreTime: number;
}

/** Every combination of a grid (or of each grid in a list), keys in sorted order like sklearn. */
export function parameterGrid(grid: ParamGrid | readonly ParamGrid[]): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? (grid as readonly ParamGrid[]) : [grid as ParamGrid];
  const out: Record<string, unknown>[] = [];
  for (const g of grids) {
    const keys = Object.keys(g).sort();
    for (const k of keys) {
      if (!Array.isArray(g[k]) || g[k]!.length === 0) {
        throw new InvalidParameterError(`Parameter grid entry '${k}' must be a non-empty array of values`);
      }
    }
    let combos: Record<string, unknown>[] = [{}];
    for (const k of keys) combos = combos.flatMap((c) => g[k]!.map((v) => ({ ...c, [k]: v })));
    out.push(...combos);
  }
  return out;
}

/** `n` draws from distributions (or from lists, uniformly), seeded. */
export function parameterSampler(
  space: SearchSpace | Record<string, ParamDistribution | readonly unknown[]>,
  n: number,
  seed = 0,
): Record<string, unknown>[] {
  const rng = new Rng(seed);
  const keys = Object.keys(space).sort();
  return Array.from({ length: n }, () =>
    Object.fromEntries(
      keys.map((k) => {
        const d = (space as Record<string, ParamDistribution | readonly unknown[]>)[k]!;
        return [k, Array.isArray(d) ? d[rng.int(d.length)] : sampleParam(d as ParamDistribution, rng)];
      }),
    ),
  );
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

abstract class BaseSearchCV {
  bestParams: Record<string, unknown> | undefined;
  bestScore: number | undefined;
  bestIndex: number | undefined;
  bestEstimator: BaseEstimator | undefined;
  cvResults: CandidateResult[] | undefined;

  protected constructor(
    readonly estimator: BaseEstimator,
    readonly options: SearchOptions,
  ) {}

  protected abstract candidates(): Record<string, unknown>[];

  async fit(X: MatrixLike, y: TargetLike): Promise<this> {
    const candidates = this.candidates();
    const scorers = resolveScoring(this.options.scoring, this.estimator);
    const names = Object.keys(scorers);
    const refit = this.options.refit ?? true;
    const pick = typeof refit === 'string' ? refit : names[0]!;
    if (!names.includes(pick))
      throw new InvalidParameterError(
        `refit names '${pick}', which is not among the scorers: ${names.join(', ')}`,
      );
    if (refit === true && names.length > 1) {
      throw new InvalidParameterError(
        `With several scorers (${names.join(', ')}), set refit to the name of the one that picks the best candidate`,
      );
    }
    for (const s of Object.values(scorers)) getScorer(s);
    // Build every candidate first, so bad params fail before any fitting.
    const estimators = candidates.map((p) => clone(this.estimator).setParams(p));
    const folds = resolveCv(this.options.cv, this.estimator).split(rowCount(X), y);
    const results = await evaluateTasks(estimators, X, y, folds, {
      scorers,
      returnTrainScore: this.options.returnTrainScore ?? false,
      returnEstimator: false,
      nJobs: this.options.nJobs ?? 1,
      signal: this.options.signal,
      onTaskDone: (current, total) => this.options.onProgress?.({ stage: 'fold', current, total }),
    });
    const k = folds.length;
    const rows: CandidateResult[] = candidates.map((params, c) => {
      const mine = results.slice(c * k, (c + 1) * k);
      const split = Object.fromEntries(names.map((n) => [n, mine.map((r) => r.test[n]!)]));
      return {
        params,
        splitTestScores: split,
        meanTestScore: Object.fromEntries(names.map((n) => [n, mean(split[n]!)])),
        stdTestScore: Object.fromEntries(names.map((n) => [n, std(split[n]!)])),
        rankTestScore: {},
        ...(this.options.returnTrainScore
          ? { meanTrainScore: Object.fromEntries(names.map((n) => [n, mean(mine.map((r) => r.train![n]!))])) }
          : {}),
        meanFitTime: mean(mine.map((r) => r.fitTime)),
        meanScoreTime: mean(mine.map((r) => r.scoreTime)),
      };
    });
    for (const n of names) {
      // NaN scores (failed metrics) rank last.
      const key = (r: CandidateResult) =>
        Number.isNaN(r.meanTestScore[n]!) ? -Infinity : r.meanTestScore[n]!;
      for (const r of rows) r.rankTestScore[n] = 1 + rows.filter((o) => key(o) > key(r)).length;
    }
    const best = rows.findIndex((r) => r.rankTestScore[pick] === 1);
    this.cvResults = rows;
    this.bestIndex = best;
    this.bestParams = rows[best]!.params;
    this.bestScore = rows[best]!.meanTestScore[pick];
    if (refit !== false)
      this.bestEstimator = await clone(this.estimator).setParams(this.bestParams).fit(X, y);
    return this;
  }

  private fitted(): BaseEstimator & {
    predict?: (X: MatrixLike) => Float64Array | Label[];
    predictProba?: (X: MatrixLike) => Float64Matrix;
    score?: (X: MatrixLike, y: TargetLike) => number;
  } {
    if (!this.bestEstimator)
      throw new NotFittedError('Search has no refit best estimator: call fit with refit enabled');
    return this.bestEstimator;
  }

  predict(X: MatrixLike): Float64Array | Label[] {
    const e = this.fitted();
    if (!e.predict) throw new InvalidParameterError(`${e.estimatorName} has no predict`);
    return e.predict(X);
  }

  predictProba(X: MatrixLike): Float64Matrix {
    const e = this.fitted();
    if (!e.predictProba) throw new InvalidParameterError(`${e.estimatorName} has no predictProba`);
    return e.predictProba(X);
  }

  /** The best estimator's score with the refit scorer. */
  score(X: MatrixLike, y: TargetLike): number {
    const scorers = resolveScoring(this.options.scoring, this.estimator);
    const refit = this.options.refit;
    const name = typeof refit === 'string' ? refit : Object.keys(scorers)[0]!;
    return getScorer(scorers[name]!)(this.fitted(), X, y);
  }
}

/** Exhaustive search over a parameter grid. */
export class GridSearchCV extends BaseSearchCV {
  constructor(
    estimator: BaseEstimator,
    readonly paramGrid: ParamGrid | readonly ParamGrid[],
    options: SearchOptions = {},
  ) {
    super(estimator, options);
  }

  protected candidates(): Record<string, unknown>[] {
    return parameterGrid(this.paramGrid);
  }
}

export interface RandomizedSearchOptions extends SearchOptions {
  /** Number of candidates drawn; default 10. */
  nIter?: number;
  seed?: number;
}

/** Random search over distributions (or value lists). */
export class RandomizedSearchCV extends BaseSearchCV {
  constructor(
    estimator: BaseEstimator,
    readonly paramDistributions: SearchSpace | Record<string, ParamDistribution | readonly unknown[]>,
    readonly searchOptions: RandomizedSearchOptions = {},
  ) {
    super(estimator, searchOptions);
  }

  protected candidates(): Record<string, unknown>[] {
    return parameterSampler(
      this.paramDistributions,
      this.searchOptions.nIter ?? 10,
      this.searchOptions.seed ?? 0,
    );
  }
}

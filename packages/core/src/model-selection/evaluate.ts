// Fits and scores one estimator per (candidate, fold) task, on worker threads when the data is
// numeric and every class involved is a core class, otherwise on the main thread.
import { type BaseEstimator, clone } from '../base/index.js';
import { Float64Matrix, Frame, type MatrixLike, type TargetLike, validateInput } from '../data/index.js';
import { throwIfAborted } from '../errors/index.js';
import { resolveThreads, runTasks, sharedFloat64, workerPool } from '../parallel/index.js';
import { ensureCoreEstimatorsRegistered } from '../persistence/core-classes.js';
import { loadModel, readManifest, registeredEstimatorNames, saveModel } from '../persistence/index.js';
import { getScorer, type Scorer } from './scoring.js';
import { type Fold, takeRows, takeTarget } from './split.js';

export interface FoldScores {
  test: Record<string, number>;
  train?: Record<string, number>;
  fitTime: number;
  scoreTime: number;
  estimator?: BaseEstimator;
}

export interface EvaluateOptions {
  scorers: Record<string, string | Scorer>;
  returnTrainScore: boolean;
  returnEstimator: boolean;
  nJobs: number | undefined;
  signal: AbortSignal | undefined;
  onTaskDone?: (done: number, total: number) => void;
}

/** Fits `est` on the train rows and scores it on the test (and train) rows. */
export async function fitAndScore(
  est: BaseEstimator,
  X: MatrixLike,
  y: TargetLike,
  fold: Fold,
  scorers: Record<string, Scorer>,
  returnTrainScore: boolean,
): Promise<FoldScores> {
  const t0 = performance.now();
  const yTrain = takeTarget(y, fold.train);
  const XTrain = takeRows(X, fold.train);
  await est.fit(XTrain, yTrain);
  const t1 = performance.now();
  const XTest = takeRows(X, fold.test);
  const yTest = takeTarget(y, fold.test);
  const score = (Xs: MatrixLike, ys: TargetLike) =>
    Object.fromEntries(Object.entries(scorers).map(([name, s]) => [name, s(est, Xs, ys)]));
  const test = score(XTest, yTest);
  const train = returnTrainScore ? score(XTrain, yTrain) : undefined;
  return {
    test,
    ...(train ? { train } : {}),
    fitTime: (t1 - t0) / 1000,
    scoreTime: (performance.now() - t1) / 1000,
  };
}

/** The message a fold worker receives. */
export interface FoldTask {
  model: Uint8Array;
  x: Float64Array;
  rows: number;
  cols: number;
  y: TargetLike;
  train: Int32Array;
  test: Int32Array;
  scoring: Record<string, string>;
  returnTrainScore: boolean;
  returnEstimator: boolean;
}

export interface FoldTaskResult extends Omit<FoldScores, 'estimator'> {
  model?: Uint8Array;
}

function classNames(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) classNames(v, out);
  else if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (typeof rec['class'] === 'string' && 'fitted' in rec) out.add(rec['class']);
    for (const v of Object.values(rec)) classNames(v, out);
  }
  return out;
}

/** Evaluates every (estimator, fold) pair; results are in task order. */
export async function evaluateTasks(
  estimators: readonly BaseEstimator[],
  X: MatrixLike,
  y: TargetLike,
  folds: readonly Fold[],
  options: EvaluateOptions,
): Promise<FoldScores[]> {
  const threads = resolveThreads(options.nJobs, true);
  const total = estimators.length * folds.length;
  const named = Object.values(options.scorers).every((s) => typeof s === 'string');
  const { x, schema } = validateInput(X, {
    allowNaN: true,
    allowCategorical: true,
    context: 'cross-validation',
  });
  // Workers see a plain numeric matrix: Frames (names, categories) stay on the main thread.
  const numeric = !(X instanceof Frame) && schema.features.every((f) => f.kind === 'numeric');
  const models = estimators.map((e) => saveModel(clone(e)));
  ensureCoreEstimatorsRegistered();
  const known = new Set(registeredEstimatorNames());
  const coreOnly = models.every((m) =>
    [...classNames(readManifest(m).model, new Set())].every((c) => known.has(c)),
  );
  let done = 0;
  if (threads > 1 && total > 1 && named && numeric && coreOnly) {
    const shared = sharedFloat64(x.data);
    const pool = workerPool(workerUrl(), threads);
    const tasks: FoldTask[] = [];
    for (const model of models) {
      for (const fold of folds) {
        tasks.push({
          model,
          x: shared,
          rows: x.rows,
          cols: x.cols,
          y: Array.from(y as ArrayLike<number | string>) as TargetLike,
          train: fold.train,
          test: fold.test,
          scoring: options.scorers as Record<string, string>,
          returnTrainScore: options.returnTrainScore,
          returnEstimator: options.returnEstimator,
        });
      }
    }
    const results = await runTasks<FoldTask, FoldTaskResult>(pool, tasks, options.signal);
    options.onTaskDone?.(total, total);
    return results.map(({ model, ...r }) => (model ? { ...r, estimator: loadModel(model) } : r));
  }
  const scorers = Object.fromEntries(Object.entries(options.scorers).map(([k, s]) => [k, getScorer(s)]));
  const out: FoldScores[] = [];
  for (const est of estimators) {
    for (const fold of folds) {
      throwIfAborted(options.signal, 'cross-validation');
      const fresh = clone(est);
      const r = await fitAndScore(fresh, X, y, fold, scorers, options.returnTrainScore);
      out.push(options.returnEstimator ? { ...r, estimator: fresh } : r);
      options.onTaskDone?.(++done, total);
    }
  }
  return out;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './fold-worker.ts' : './fold-worker.js', import.meta.url);
}

/** Runs one FoldTask; shared by the worker module. */
export async function runFoldTask(task: FoldTask): Promise<FoldTaskResult> {
  const est = loadModel(task.model);
  const X = new Float64Matrix(task.x, task.rows, task.cols);
  const scorers = Object.fromEntries(Object.entries(task.scoring).map(([k, s]) => [k, getScorer(s)]));
  const r = await fitAndScore(
    est,
    X,
    task.y,
    { train: task.train, test: task.test },
    scorers,
    task.returnTrainScore,
  );
  return task.returnEstimator ? { ...r, model: saveModel(est) } : r;
}

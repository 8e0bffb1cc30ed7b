// The training flow behind `mlpy train` and `mlpy demo`: load a CSV, pick the model (or
// cross-validate candidates for `auto`), add preprocessing, fit with progress inside a tracked run
// (autolog records params and the model), score a held-out split, save the model file, register.
import { resolve } from 'node:path';
import {
  type BaseEstimator,
  crossValidate,
  KFold,
  StratifiedKFold,
  saveModelFile,
  trainTestSplit,
} from '@mlpy/core';
import { autolog, type Tracker } from '@mlpy/tracking';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { ProgressBar } from '../output/progress.js';
import { moveAlias, withTracker } from '../tracking.js';
import { type Dataset, loadDataset, type Task } from './dataset.js';
import { predictWith, primaryMetric, primaryScorer, taskMetrics } from './metrics.js';
import { instantiate, resolveModelClass } from './model-spec.js';
import { withPreprocessing } from './preprocess.js';

/** What `mlpy train` was asked to do. */
export interface TrainOptions {
  data: string;
  target: string;
  /** A model name or alias, or `auto`. */
  model: string;
  params: Record<string, unknown>;
  task?: Task;
  /** Share of rows held out for the reported metrics (0 trains on everything). */
  testSize: number;
  /** Cross-validation folds (0 = none; `auto` needs at least 2). */
  cv: number;
  seed: number;
  /** Model file to write. */
  out: string;
  /** Add imputation/encoding/scaling automatically (default true). */
  preprocess: boolean;
  track: boolean;
  trackingUri?: string;
  experiment?: string;
  runName?: string;
  register?: string;
  alias?: string;
  /** Called with the dataset once it is loaded (the demo prints its shape). */
  onData?: (data: Dataset) => void;
}

/** One cross-validated candidate. */
export interface CandidateScore {
  model: string;
  metric: string;
  mean: number;
  std: number;
  fitSeconds: number;
}

/** What training produced. */
export interface TrainResult {
  task: Task;
  rows: number;
  features: number;
  model: string;
  estimator: string;
  preprocessing: string[];
  cv: CandidateScore[];
  testMetrics: Record<string, number>;
  modelPath: string;
  runId?: string;
  registered?: { name: string; version: string; alias?: string };
}

/** Classification and regression candidates of `auto`, those present in this core. */
export const AUTO_CANDIDATES: Readonly<Record<Task, readonly string[]>> = {
  classification: ['logistic', 'rf', 'hgb', 'knn'],
  regression: ['ridge', 'rf', 'hgb', 'knn'],
};

function candidateNames(options: TrainOptions, task: Task): string[] {
  if (options.model.toLowerCase() !== 'auto') return [options.model];
  if (Object.keys(options.params).length > 0)
    throw new UsageError('--param applies to one model; name it with --model instead of auto');
  return AUTO_CANDIDATES[task].filter((name) => {
    try {
      resolveModelClass(name, task);
      return true;
    } catch {
      return false; // not in this version of core (e.g. hgb before it lands)
    }
  });
}

function build(
  name: string,
  options: TrainOptions,
  data: Dataset,
): { model: BaseEstimator; notes: string[] } {
  const est = instantiate(resolveModelClass(name, data.task), options.params);
  return options.preprocess ? withPreprocessing(est, data) : { model: est, notes: [] };
}

async function crossValidated(
  name: string,
  options: TrainOptions,
  data: Dataset,
  X: Dataset['X'],
  y: Dataset['y'],
  io: Io,
): Promise<CandidateScore> {
  const { model } = build(name, options, data);
  const bar = new ProgressBar(
    io.stderr,
    `cv  ${model.estimatorName === 'Pipeline' ? name : model.estimatorName}`,
  );
  const splitter =
    data.task === 'classification'
      ? new StratifiedKFold({ nSplits: options.cv, shuffle: true, seed: options.seed })
      : new KFold({ nSplits: options.cv, shuffle: true, seed: options.seed });
  const metric = primaryMetric(data.task);
  const r = await crossValidate(model, X, y, {
    cv: splitter,
    scoring: { [metric]: primaryScorer(data.task) },
    onProgress: bar.update,
  });
  bar.done();
  const scores = Array.from(r.testScores[metric]!);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  return { model: name, metric, mean, std, fitSeconds: r.fitTime.reduce((a, b) => a + b, 0) };
}

async function fitTracked(
  model: BaseEstimator,
  X: Dataset['X'],
  y: Dataset['y'],
  label: string,
  io: Io,
  tracker: Tracker | undefined,
  experiment: string | undefined,
): Promise<void> {
  const bar = new ProgressBar(io.stderr, `fit ${label}`);
  const failures: unknown[] = [];
  const stop = tracker
    ? autolog(tracker, {
        ...(experiment ? { experiment } : {}),
        onError: (e) => failures.push(e),
      })
    : () => undefined;
  try {
    await model.fit(X, y, { onProgress: bar.update });
  } finally {
    stop();
    bar.done();
  }
  if (failures.length > 0) throw failures[0];
}

/** Runs the whole training flow; see TrainOptions. */
export async function train(options: TrainOptions, io: Io): Promise<TrainResult> {
  if (options.register && !options.track) throw new UsageError('--register needs tracking; drop --no-track');
  if (options.alias && !options.register) throw new UsageError('--alias goes with --register <name>');
  const data = await loadDataset(options.data, options.target, {
    cwd: io.cwd,
    ...(options.task ? { task: options.task } : {}),
  });
  options.onData?.(data);
  const names = candidateNames(options, data.task);
  if (names.length > 1 && options.cv < 2) throw new UsageError('--model auto needs --cv of at least 2');
  const split =
    options.testSize > 0
      ? trainTestSplit(data.X, data.y, {
          testSize: options.testSize,
          seed: options.seed,
          ...(data.task === 'classification' ? { stratify: data.y } : {}),
        })
      : undefined;
  const XTrain = split?.XTrain ?? data.X;
  const yTrain = split?.yTrain ?? data.y;
  const cv: CandidateScore[] = [];
  if (options.cv >= 2) {
    for (const name of names) cv.push(await crossValidated(name, options, data, XTrain, yTrain, io));
    cv.sort((a, b) => b.mean - a.mean);
  }
  const chosen = cv[0]?.model ?? names[0]!;
  const { model, notes } = build(chosen, options, data);
  const modelPath = resolve(io.cwd, options.out);
  const run = async (tracker?: Tracker): Promise<TrainResult> => {
    const active = tracker
      ? await tracker.startRun({
          runName: options.runName ?? chosen,
          ...(options.experiment ? { experiment: options.experiment } : {}),
          tags: { 'mlpy.task': data.task, 'mlpy.data': data.path, 'mlpy.target': data.target },
        })
      : undefined;
    try {
      await fitTracked(model, XTrain, yTrain, chosen, io, tracker, options.experiment);
      const testMetrics = split
        ? taskMetrics(data.task, split.yTest, await predictWith(model, split.XTest))
        : {};
      await saveModelFile(model, modelPath);
      const result: TrainResult = {
        task: data.task,
        rows: data.X.nRows,
        features: data.X.nCols,
        model: chosen,
        estimator: estimatorLabel(model),
        preprocessing: notes,
        cv,
        testMetrics,
        modelPath,
      };
      if (!tracker || !active) return result;
      const metrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(testMetrics)) metrics[`test_${k}`] = v;
      const mine = cv.find((c) => c.model === chosen);
      if (mine) {
        metrics[`cv_${mine.metric}_mean`] = mine.mean;
        metrics[`cv_${mine.metric}_std`] = mine.std;
      }
      if (Object.keys(metrics).length > 0) await active.logMetrics(metrics);
      await active.end('FINISHED');
      result.runId = active.id;
      if (options.register) {
        const v = await tracker.registry.registerModel({ name: options.register, runId: active.id, metrics });
        if (options.alias) await moveAlias(tracker, options.register, options.alias, v.version);
        result.registered = {
          name: options.register,
          version: v.version,
          ...(options.alias ? { alias: options.alias } : {}),
        };
      }
      return result;
    } catch (error) {
      await active?.end('FAILED').catch(() => undefined);
      throw error;
    }
  };
  return options.track ? withTracker(options.trackingUri, io, run) : run();
}

/** `Pipeline(StandardScaler → LogisticRegression)` style name of a fitted model. */
export function estimatorLabel(model: BaseEstimator): string {
  const steps = (model.getParams() as { steps?: [string, BaseEstimator | string][] }).steps;
  if (model.estimatorName !== 'Pipeline' || !Array.isArray(steps)) return model.estimatorName;
  return `Pipeline(${steps.map(([, s]) => (typeof s === 'string' ? s : s.estimatorName)).join(' → ')})`;
}

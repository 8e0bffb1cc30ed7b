// The user-facing tracker: pick an experiment, start runs (nested too), log to the active run,
// `withRun` that ends a run FAILED when its body throws, and comparisons and the registry on top.
import { MlpyError } from '@mlpy/core';
import { bestRun, compareRuns, type RunComparison } from '../compare/compare.js';
import { ModelRegistry } from '../registry/model-registry.js';
import { allPages } from '../store/paging.js';
import type { Metric, Run, RunSearch, RunStatus, TrackingStore } from '../store/types.js';
import { ActiveRun, type MetricOptions } from './active-run.js';
import { openStore, type StoreOptions } from './open-store.js';

/** The experiment runs go to when none is chosen, as in MLflow. */
export const DEFAULT_EXPERIMENT = 'Default';

/** How a run starts. */
export interface StartRunOptions {
  /** Experiment name (created when missing); defaults to the tracker's current experiment. */
  experiment?: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Start it as a child of the active run (MLflow's `nested=True`). */
  nested?: boolean;
  /** Start it as a child of this run id. */
  parentRunId?: string;
}

/** Logs experiments, runs, params, metrics and artifacts to one store. */
export class Tracker {
  /** The model registry on the same store. */
  readonly registry: ModelRegistry;
  private experimentName = process.env['MLPY_EXPERIMENT_NAME'] ?? DEFAULT_EXPERIMENT;
  private readonly experimentIds = new Map<string, string>();
  private readonly stack: ActiveRun[] = [];

  constructor(readonly store: TrackingStore) {
    this.registry = new ModelRegistry(store);
  }

  /** Makes `name` the current experiment, creating it when missing; returns its id. */
  async setExperiment(name: string): Promise<string> {
    this.experimentName = name;
    return this.experimentId(name);
  }

  /** The id of experiment `name`, created when missing. */
  async experimentId(name: string = this.experimentName): Promise<string> {
    const known = this.experimentIds.get(name);
    if (known) return known;
    const id = (await this.store.getExperimentByName(name))?.experimentId ?? (await this.createOrGet(name));
    this.experimentIds.set(name, id);
    return id;
  }

  private async createOrGet(name: string): Promise<string> {
    try {
      return await this.store.createExperiment(name);
    } catch (error) {
      // Another process created it between our read and our create.
      const found = await this.store.getExperimentByName(name);
      if (found) return found.experimentId;
      throw error;
    }
  }

  /** The innermost run started by this tracker and not yet ended. */
  get activeRun(): ActiveRun | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Starts a run and makes it the active run. */
  async startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
    const experimentId = await this.experimentId(options.experiment);
    const parent = options.parentRunId ?? (options.nested ? this.activeRun?.id : undefined);
    if (options.nested && !parent) {
      throw new MlpyError(
        'INVALID_PARAMETER',
        'startRun({ nested: true }) needs an active run to nest under; start a parent run first.',
      );
    }
    const tags: Record<string, string> = {
      'mlflow.source.type': 'LOCAL',
      'mlflow.source.name': process.argv[1] ?? 'node',
      ...options.tags,
    };
    if (parent) tags['mlflow.parentRunId'] = parent;
    const info = await this.store.createRun({
      experimentId,
      tags,
      startTime: Date.now(),
      ...(options.runName ? { runName: options.runName } : {}),
    });
    const run = new ActiveRun(this.store, info, (r) => {
      const at = this.stack.lastIndexOf(r);
      if (at >= 0) this.stack.splice(at, 1);
    });
    this.stack.push(run);
    return run;
  }

  /**
   * Runs `fn` inside a new run: FINISHED when it resolves, FAILED (and rethrown) when it throws.
   * @example await tracker.withRun(async (run) => run.logMetric('acc', 0.9));
   */
  async withRun<T>(fn: (run: ActiveRun) => T | Promise<T>, options: StartRunOptions = {}): Promise<T> {
    const run = await this.startRun(options);
    let result: T;
    try {
      result = await fn(run);
    } catch (error) {
      await run.end('FAILED');
      throw error;
    }
    await run.end('FINISHED');
    return result;
  }

  private requireRun(): ActiveRun {
    const run = this.activeRun;
    if (!run) throw new MlpyError('INVALID_PARAMETER', 'No active run: call startRun() or withRun() first.');
    return run;
  }

  /** Logs a param to the active run. */
  logParam(key: string, value: unknown): Promise<void> {
    return this.requireRun().logParam(key, value);
  }

  /** Logs params to the active run. */
  logParams(params: Record<string, unknown>): Promise<void> {
    return this.requireRun().logParams(params);
  }

  /** Logs a metric point to the active run. */
  logMetric(key: string, value: number, options?: MetricOptions): Promise<void> {
    return this.requireRun().logMetric(key, value, options);
  }

  /** Logs metrics to the active run. */
  logMetrics(values: Record<string, number>, options?: MetricOptions): Promise<void> {
    return this.requireRun().logMetrics(values, options);
  }

  /** Sets a tag on the active run. */
  setTag(key: string, value: string): Promise<void> {
    return this.requireRun().setTag(key, value);
  }

  /** Uploads a file or a folder's contents to the active run. */
  logArtifact(localPath: string, artifactPath?: string): Promise<void> {
    return this.requireRun().logArtifact(localPath, artifactPath);
  }

  /** Ends the active run. */
  endRun(status: RunStatus = 'FINISHED'): Promise<void> {
    return this.requireRun().end(status);
  }

  /** Reads a run with its params, tags and latest metrics. */
  getRun(runId: string): Promise<Run> {
    return this.store.getRun(runId);
  }

  /** Every point of a metric, all pages. */
  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return allPages((pageToken) => this.store.getMetricHistory(runId, key, pageToken ? { pageToken } : {}));
  }

  /** Every run matching `search` (all pages); experiments default to the current one. */
  async searchRuns(search: Partial<RunSearch> = {}): Promise<Run[]> {
    const experimentIds = search.experimentIds ?? [await this.experimentId()];
    return allPages((pageToken) =>
      this.store.searchRuns({ ...search, experimentIds, ...(pageToken ? { pageToken } : {}) }),
    );
  }

  /** A params/metrics diff table of runs. */
  compareRuns(runIds: string[]): Promise<RunComparison> {
    return compareRuns(this.store, runIds);
  }

  /** The run of an experiment (by name) with the best latest value of `metric`. */
  async bestRun(experiment: string, metric: string, mode: 'max' | 'min' = 'max'): Promise<Run | undefined> {
    return bestRun(this.store, await this.experimentId(experiment), metric, mode);
  }

  /** Waits until every write reached the store (MLflow: replays the outage journal). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Closes the store. Active runs are left as they are. */
  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * Opens a tracker on the store `uri` names (see `openStore`).
 * @example const tracker = await createTracker(); // ./.mlpy/tracking.db
 */
export async function createTracker(uri?: string, options: StoreOptions = {}): Promise<Tracker> {
  return new Tracker(await openStore(uri, options));
}

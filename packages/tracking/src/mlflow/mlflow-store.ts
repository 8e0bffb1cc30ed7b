// The MLflow store: the TrackingStore contract over a real MLflow tracking server's REST API 2.0,
// with proxied artifacts, batches split to MLflow's limits, and writes journaled during outages.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { NotFoundError } from '@mlpy/core';
import type {
  ArtifactInfo,
  Experiment,
  LogBatch,
  Metric,
  Page,
  PageRequest,
  Run,
  RunInfo,
  RunSearch,
  RunStatus,
  TrackingStore,
} from '../store/types.js';
import { currentUser } from '../store/user.js';
import {
  splitBatch,
  validateArtifactPath,
  validateBatch,
  validateName,
  validateTag,
} from '../store/validate.js';
import {
  type ExperimentJson,
  encodeDouble,
  type MetricJson,
  type RunInfoJson,
  type RunJson,
  toExperiment,
  toKV,
  toMetric,
  toRun,
  toRunInfo,
} from './codec.js';
import {
  isUnavailable,
  MlflowHttp,
  type MlflowHttpOptions,
  type MlflowRequest,
  parseMlflowJson,
} from './http.js';
import { Journal, type JournalOptions } from './journal.js';
import { MlflowRegistryStore } from './mlflow-registry.js';
import { artifactUrlPath, proxiedArtifactBase, runSearchBody } from './requests.js';

const API = '/api/2.0/mlflow';

/** Options of the MLflow store. */
export interface MlflowStoreOptions extends MlflowHttpOptions {
  /** The outage journal; `false` turns it off (writes then fail while the server is down). */
  journal?: false | Partial<JournalOptions>;
}

const page = (p?: PageRequest) => ({ max_results: p?.maxResults, page_token: p?.pageToken || undefined });

/** The default journal file of a server: `.mlpy/journal/<hash of its URL>.db`. */
export function defaultJournalPath(baseUrl: string): string {
  const hash = createHash('sha256').update(baseUrl).digest('hex').slice(0, 16);
  return resolve('.mlpy', 'journal', `${hash}.db`);
}

/** A TrackingStore backed by an MLflow tracking server. */
export class MlflowStore implements TrackingStore {
  readonly kind = 'mlflow';
  readonly http: MlflowHttp;
  readonly registry: MlflowRegistryStore;
  /** The outage journal, unless turned off. */
  readonly journal: Journal | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly infos = new Map<string, RunInfo>();

  constructor(baseUrl: string, options: MlflowStoreOptions = {}) {
    this.http = new MlflowHttp(baseUrl, options);
    this.registry = new MlflowRegistryStore(this.http);
    if (options.journal !== false) {
      this.journal = new Journal({ path: defaultJournalPath(this.http.baseUrl), ...options.journal }, (req) =>
        this.http.send(req, `Replaying ${req.method} ${req.path}`),
      );
    }
  }

  /**
   * Sends writes in call order; while the server is down they go to the journal instead.
   * Resolves to the last answer, or undefined when the writes were journaled.
   */
  private write(requests: MlflowRequest[], what: string): Promise<Uint8Array | undefined> {
    const next = this.writes.then(async () => {
      let last: Uint8Array | undefined;
      for (const req of requests) {
        last = undefined;
        if (this.journal && this.journal.pending > 0) {
          this.journal.append(req);
          continue;
        }
        try {
          last = await this.http.send(req, what);
        } catch (error) {
          if (!this.journal || !isUnavailable(error)) throw error;
          this.journal.append(req);
        }
      }
      return last;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Record<string, string> } = {},
  ): Promise<string> {
    validateName('experiment', name);
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    const body = { name, artifact_location: options.artifactLocation, tags: toKV(options.tags) };
    const res = await this.http.json<{ experiment_id: string }>(
      { method: 'POST', path: `${API}/experiments/create`, body },
      `Creating experiment '${name}'`,
    );
    return res.experiment_id;
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const res = await this.http.json<{ experiment: ExperimentJson }>(
      { method: 'GET', path: `${API}/experiments/get`, query: { experiment_id: experimentId } },
      `Reading experiment '${experimentId}'`,
    );
    return toExperiment(res.experiment);
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    try {
      const res = await this.http.json<{ experiment: ExperimentJson }>(
        { method: 'GET', path: `${API}/experiments/get-by-name`, query: { experiment_name: name } },
        `Reading experiment '${name}'`,
      );
      return toExperiment(res.experiment);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async searchExperiments(p?: PageRequest): Promise<Page<Experiment>> {
    const res = await this.http.json<{ experiments?: ExperimentJson[]; next_page_token?: string }>(
      { method: 'POST', path: `${API}/experiments/search`, body: { ...page(p), view_type: 'ACTIVE_ONLY' } },
      'Searching experiments',
    );
    const items = (res.experiments ?? []).map(toExperiment);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.write(
      [
        {
          method: 'POST',
          path: `${API}/experiments/set-experiment-tag`,
          body: { experiment_id: experimentId, key, value },
        },
      ],
      'Setting an experiment tag',
    );
  }

  async createRun(input: {
    experimentId: string;
    runName?: string;
    startTime?: number;
    userId?: string;
    tags?: Record<string, string>;
  }): Promise<RunInfo> {
    for (const [k, v] of Object.entries(input.tags ?? {})) validateTag(k, v);
    const body = {
      experiment_id: input.experimentId,
      run_name: input.runName,
      start_time: input.startTime ?? Date.now(),
      user_id: input.userId ?? currentUser(''),
      tags: toKV(input.tags),
    };
    const res = await this.http.json<{ run: RunJson }>(
      { method: 'POST', path: `${API}/runs/create`, body },
      'Creating a run',
    );
    const info = toRunInfo(res.run.info);
    this.infos.set(info.runId, info);
    return info;
  }

  async updateRun(
    runId: string,
    patch: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo> {
    const body = { run_id: runId, status: patch.status, end_time: patch.endTime, run_name: patch.runName };
    const answer = await this.write(
      [{ method: 'POST', path: `${API}/runs/update`, body }],
      `Updating run '${runId}'`,
    );
    if (answer) {
      const info = toRunInfo(
        (parseMlflowJson(new TextDecoder().decode(answer)) as { run_info: RunInfoJson }).run_info,
      );
      this.infos.set(runId, info);
      return info;
    }
    // Journaled: answer with what we know; the server gets the update on replay.
    const known = this.infos.get(runId);
    if (!known)
      throw new NotFoundError(`Run '${runId}' is unknown to this client and the server is unreachable.`);
    return {
      ...known,
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.endTime ? { endTime: patch.endTime } : {}),
      ...(patch.runName ? { runName: patch.runName } : {}),
    };
  }

  async getRun(runId: string): Promise<Run> {
    const res = await this.http.json<{ run: RunJson }>(
      { method: 'GET', path: `${API}/runs/get`, query: { run_id: runId } },
      `Reading run '${runId}'`,
    );
    const run = toRun(res.run);
    this.infos.set(runId, run.info);
    return run;
  }

  async searchRuns(search: RunSearch): Promise<Page<Run>> {
    const body = runSearchBody(search);
    const res = await this.http.json<{ runs?: RunJson[]; next_page_token?: string }>(
      { method: 'POST', path: `${API}/runs/search`, body },
      'Searching runs',
    );
    const items = (res.runs ?? []).map(toRun);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    validateBatch(batch);
    const requests = splitBatch(batch).map(
      (part): MlflowRequest => ({
        method: 'POST',
        path: `${API}/runs/log-batch`,
        body: {
          run_id: runId,
          params: toKV(part.params),
          tags: toKV(part.tags),
          metrics: (part.metrics ?? []).map((m: Metric) => ({ ...m, value: encodeDouble(m.value) })),
        },
      }),
    );
    await this.write(requests, `Logging to run '${runId}'`);
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await this.write(
      [{ method: 'POST', path: `${API}/runs/delete-tag`, body: { run_id: runId, key } }],
      'Deleting a tag',
    );
  }

  async getMetricHistory(runId: string, key: string, p?: PageRequest): Promise<Page<Metric>> {
    const res = await this.http.json<{ metrics?: MetricJson[]; next_page_token?: string }>(
      {
        method: 'GET',
        path: `${API}/metrics/get-history`,
        query: { run_id: runId, metric_key: key, ...page(p) },
      },
      `Reading the history of metric '${key}'`,
    );
    const items = (res.metrics ?? []).map(toMetric);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  /** The server-side path of a run's proxied artifact root, e.g. `1/<run>/artifacts`. */
  private async artifactBase(runId: string): Promise<string> {
    return proxiedArtifactBase(runId, (this.infos.get(runId) ?? (await this.getRun(runId)).info).artifactUri);
  }

  async logArtifact(runId: string, artifactPath: string, content: Uint8Array): Promise<void> {
    const clean = validateArtifactPath(artifactPath);
    const base = await this.artifactBase(runId);
    await this.write(
      [{ method: 'PUT', path: artifactUrlPath(base, clean), body: content }],
      'Uploading an artifact',
    );
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]> {
    const clean = validateArtifactPath(path ?? '', true);
    const res = await this.http.json<{
      files?: { path: string; is_dir?: boolean; file_size?: number | string }[];
    }>(
      { method: 'GET', path: `${API}/artifacts/list`, query: { run_id: runId, path: clean || undefined } },
      'Listing artifacts',
    );
    return (res.files ?? [])
      .map((f) =>
        f.is_dir
          ? { path: f.path, isDir: true }
          : { path: f.path, isDir: false, fileSize: Number(f.file_size ?? 0) },
      )
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async downloadArtifact(runId: string, artifactPath: string): Promise<Uint8Array> {
    const clean = validateArtifactPath(artifactPath);
    const base = await this.artifactBase(runId);
    return this.http.send(
      { method: 'GET', path: artifactUrlPath(base, clean) },
      `Downloading artifact '${clean}'`,
    );
  }

  /** Waits for queued writes and replays the journal; throws UNAVAILABLE after `timeoutMs`. */
  async flush(timeoutMs = 60_000): Promise<void> {
    await this.writes;
    await this.journal?.drain(timeoutMs);
  }

  /** Flushes briefly; what the server did not take stays in the journal for the next process. */
  async close(): Promise<void> {
    await this.flush(5000).catch(() => undefined);
    await this.journal?.close();
  }
}

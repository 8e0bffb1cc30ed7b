// A run being logged: params, metrics, tags and artifacts (files or whole folders) for one run id.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { LogBatch, Metric, RunInfo, RunStatus, TrackingStore } from '../store/types.js';
import { validateArtifactPath } from '../store/validate.js';

/** Where a metric point sits: its step (default 0) and time (default now, ms). */
export interface MetricOptions {
  step?: number;
  timestamp?: number;
}

/** Turns a param value into the string MLflow stores. */
export function paramValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (
    value === undefined ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** A started run. End it with `end()` (or use `Tracker.withRun`). */
export class ActiveRun {
  private ended = false;

  constructor(
    private readonly store: TrackingStore,
    /** The run's attributes when it started. */
    readonly info: RunInfo,
    private readonly onEnd: (run: ActiveRun) => void = () => {},
  ) {}

  /** The run id. */
  get id(): string {
    return this.info.runId;
  }

  /** Logs one param; values other than strings are stringified (objects as JSON). */
  logParam(key: string, value: unknown): Promise<void> {
    return this.logParams({ [key]: value });
  }

  /** Logs several params; a logged param cannot change (ConflictError). */
  logParams(params: Record<string, unknown>): Promise<void> {
    return this.store.logBatch(this.id, {
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramValue(v)])),
    });
  }

  /** Logs one metric point. NaN and ±Infinity are kept. */
  logMetric(key: string, value: number, options: MetricOptions = {}): Promise<void> {
    return this.logMetrics({ [key]: value }, options);
  }

  /** Logs several metrics at the same step and time. */
  logMetrics(values: Record<string, number>, options: MetricOptions = {}): Promise<void> {
    const timestamp = options.timestamp ?? Date.now();
    const step = options.step ?? 0;
    const metrics: Metric[] = Object.entries(values).map(([key, value]) => ({ key, value, timestamp, step }));
    return this.store.logBatch(this.id, { metrics });
  }

  /** Logs metrics, params and tags together; the store splits large batches to its limits. */
  logBatch(batch: LogBatch): Promise<void> {
    return this.store.logBatch(this.id, batch);
  }

  /** Sets (or overwrites) a tag. */
  setTag(key: string, value: string): Promise<void> {
    return this.setTags({ [key]: value });
  }

  /** Sets several tags. */
  setTags(tags: Record<string, string>): Promise<void> {
    return this.store.logBatch(this.id, { tags });
  }

  /**
   * Uploads a local file to `artifactPath/<file name>` (the root when omitted), or, like MLflow's
   * `log_artifacts`, the contents of a local folder, recursively, under `artifactPath`.
   */
  async logArtifact(localPath: string, artifactPath?: string): Promise<void> {
    const prefix = artifactPath === undefined ? '' : validateArtifactPath(artifactPath, true);
    const under = (name: string) => (prefix ? `${prefix}/${name}` : name);
    if (!(await stat(localPath)).isDirectory()) {
      await this.store.logArtifact(
        this.id,
        under(basename(localPath)),
        new Uint8Array(await readFile(localPath)),
      );
      return;
    }
    for (const entry of await readdir(localPath, { withFileTypes: true })) {
      const full = join(localPath, entry.name);
      if (entry.isDirectory()) await this.logArtifact(full, under(entry.name));
      else await this.store.logArtifact(this.id, under(entry.name), new Uint8Array(await readFile(full)));
    }
  }

  /** Writes bytes as an artifact at `artifactPath`. */
  logBytes(content: Uint8Array, artifactPath: string): Promise<void> {
    return this.store.logArtifact(this.id, artifactPath, content);
  }

  /** Writes text (UTF-8) as an artifact at `artifactPath`. */
  logText(text: string, artifactPath: string): Promise<void> {
    return this.logBytes(new TextEncoder().encode(text), artifactPath);
  }

  /** Ends the run with a status (default FINISHED). Ending twice does nothing. */
  async end(status: RunStatus = 'FINISHED'): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
    await this.store.updateRun(this.id, { status, endTime: Date.now() });
  }
}

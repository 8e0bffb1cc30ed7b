// The tracking store for SQL databases: one implementation over drizzle `sql` templates that
// SQLite and PostgreSQL both run, with MLflow's semantics (immutable params, latest metrics, NaN).
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@mlpy/core';
import { type SQL, sql } from 'drizzle-orm';
import { LocalArtifactStore } from '../artifacts/local-artifacts.js';
import { decodePage, nextToken } from '../store/paging.js';
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
import { validateBatch, validateName, validateTag } from '../store/validate.js';
import { insertMetrics, insertParams } from './batch-writes.js';
import { guard, type SqlExecutor } from './executor.js';
import {
  type ExperimentRow,
  groupKeyValues,
  type KeyValueRow,
  type MetricRow,
  type RunRow,
  toExperiment,
  toMetric,
  toRunInfo,
} from './rows.js';
import { hydrateRuns, searchRuns } from './run-queries.js';
import { SqlRegistryStore } from './sql-registry-store.js';

/** A TrackingStore over any SqlExecutor; artifacts live in a local directory tree. */
export class SqlTrackingStore implements TrackingStore {
  readonly kind: 'sqlite' | 'postgres';
  readonly registry: SqlRegistryStore;
  private readonly artifacts: LocalArtifactStore;

  constructor(
    private readonly db: SqlExecutor,
    artifactRoot: string,
  ) {
    this.kind = db.dialect;
    this.artifacts = new LocalArtifactStore(artifactRoot);
    this.registry = new SqlRegistryStore(db);
  }

  async createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: Record<string, string> } = {},
  ): Promise<string> {
    validateName('experiment', name);
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    return guard(`Creating experiment '${name}'`, () =>
      this.db.transaction(async (tx) => {
        const existing = await tx.all<{ id: number }>(
          sql`SELECT experiment_id AS id FROM experiments WHERE name = ${name}`,
        );
        if (existing.length > 0) {
          throw new ConflictError(
            `An experiment named '${name}' already exists; use getExperimentByName() to reuse it.`,
          );
        }
        const now = Date.now();
        const [row] = await tx.all<{ id: number | string }>(
          sql`INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (${name}, '', 'active', ${now}, ${now}) RETURNING experiment_id AS id`,
        );
        const id = String(row!.id);
        const location = options.artifactLocation ?? this.artifacts.experimentUri(id);
        await tx.run(
          sql`UPDATE experiments SET artifact_location = ${location} WHERE experiment_id = ${Number(id)}`,
        );
        await this.upsertKeyValues(tx, 'experiment_tags', 'experiment_id', Number(id), options.tags ?? {});
        return id;
      }),
    );
  }

  private async upsertKeyValues(
    tx: SqlExecutor,
    table: string,
    ownerColumn: string,
    owner: string | number,
    values: Record<string, string>,
  ): Promise<void> {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    const rows = sql.join(
      entries.map(([k, v]) => sql`(${owner}, ${k}, ${v})`),
      sql`, `,
    );
    await tx.run(
      sql`INSERT INTO ${sql.raw(table)} (${sql.raw(ownerColumn)}, key, value) VALUES ${rows} ON CONFLICT (${sql.raw(ownerColumn)}, key) DO UPDATE SET value = excluded.value`,
    );
  }

  private async experimentsWhere(where: SQL, tail: SQL = sql``): Promise<Experiment[]> {
    const rows = await this.db.all<ExperimentRow>(sql`SELECT * FROM experiments WHERE ${where} ${tail}`);
    if (rows.length === 0) return [];
    const ids = sql.join(
      rows.map((r) => sql`${Number(r.experiment_id)}`),
      sql`, `,
    );
    const tags = groupKeyValues(
      await this.db.all<KeyValueRow>(
        sql`SELECT experiment_id AS owner, key, value FROM experiment_tags WHERE experiment_id IN (${ids})`,
      ),
    );
    return rows.map((r) => toExperiment(r, tags.get(String(r.experiment_id)) ?? {}));
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const found = /^\d+$/.test(experimentId)
      ? await guard('Reading an experiment', () =>
          this.experimentsWhere(sql`experiment_id = ${Number(experimentId)}`),
        )
      : [];
    if (!found[0]) {
      throw new NotFoundError(`No experiment with id '${experimentId}'; list them with searchExperiments().`);
    }
    return found[0];
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    const found = await guard('Reading an experiment', () => this.experimentsWhere(sql`name = ${name}`));
    return found[0];
  }

  async searchExperiments(page?: PageRequest): Promise<Page<Experiment>> {
    const { limit, offset } = decodePage(page);
    const items = await guard('Searching experiments', () =>
      this.experimentsWhere(
        sql`lifecycle_stage = 'active'`,
        sql`ORDER BY experiment_id DESC LIMIT ${limit + 1} OFFSET ${offset}`,
      ),
    );
    const token = nextToken(offset, limit, items.length);
    return token ? { items: items.slice(0, limit), nextPageToken: token } : { items };
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.getExperiment(experimentId);
    await guard('Setting an experiment tag', () =>
      this.upsertKeyValues(this.db, 'experiment_tags', 'experiment_id', Number(experimentId), {
        [key]: value,
      }),
    );
  }

  async createRun(input: {
    experimentId: string;
    runName?: string;
    startTime?: number;
    userId?: string;
    tags?: Record<string, string>;
  }): Promise<RunInfo> {
    const experiment = await this.getExperiment(input.experimentId);
    const tags = input.tags ?? {};
    for (const [k, v] of Object.entries(tags)) validateTag(k, v);
    const runId = randomUUID().replaceAll('-', '');
    const runName = input.runName ?? tags['mlflow.runName'] ?? `run-${runId.slice(0, 8)}`;
    const row: RunRow = {
      run_uuid: runId,
      name: runName,
      experiment_id: experiment.experimentId,
      user_id: input.userId ?? currentUser(),
      status: 'RUNNING',
      start_time: input.startTime ?? Date.now(),
      end_time: null,
      lifecycle_stage: 'active',
      artifact_uri: this.artifacts.runUri(experiment.artifactLocation, runId),
    };
    await guard('Creating a run', () =>
      this.db.transaction(async (tx) => {
        await tx.run(
          sql`INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri) VALUES (${row.run_uuid}, ${row.name}, ${Number(row.experiment_id)}, ${row.user_id}, ${row.status}, ${row.start_time}, NULL, 'active', ${row.artifact_uri})`,
        );
        await this.upsertKeyValues(tx, 'tags', 'run_uuid', runId, { ...tags, 'mlflow.runName': runName });
      }),
    );
    return toRunInfo(row);
  }

  private async runRow(db: SqlExecutor, runId: string): Promise<RunRow> {
    const [row] = await db.all<RunRow>(sql`SELECT * FROM runs WHERE run_uuid = ${runId}`);
    if (!row)
      throw new NotFoundError(`No run with id '${runId}'; check the id or search runs with searchRuns().`);
    return row;
  }

  async updateRun(
    runId: string,
    patch: { status?: RunStatus; endTime?: number; runName?: string },
  ): Promise<RunInfo> {
    return guard('Updating a run', () =>
      this.db.transaction(async (tx) => {
        const row = await this.runRow(tx, runId);
        const next: RunRow = {
          ...row,
          status: patch.status ?? row.status,
          end_time: patch.endTime ?? row.end_time,
          name: patch.runName ?? row.name,
        };
        await tx.run(
          sql`UPDATE runs SET status = ${next.status}, end_time = ${next.end_time}, name = ${next.name} WHERE run_uuid = ${runId}`,
        );
        if (patch.runName)
          await this.upsertKeyValues(tx, 'tags', 'run_uuid', runId, { 'mlflow.runName': patch.runName });
        return toRunInfo(next);
      }),
    );
  }

  async getRun(runId: string): Promise<Run> {
    return guard('Reading a run', async () => {
      const [run] = await hydrateRuns(this.db, [await this.runRow(this.db, runId)]);
      return run!;
    });
  }

  searchRuns(search: RunSearch): Promise<Page<Run>> {
    return guard('Searching runs', () => searchRuns(this.db, search));
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    validateBatch(batch);
    await guard('Logging to a run', () =>
      this.db.transaction(async (tx) => {
        await this.runRow(tx, runId);
        await insertParams(tx, runId, batch.params ?? {});
        await this.upsertKeyValues(tx, 'tags', 'run_uuid', runId, batch.tags ?? {});
        await insertMetrics(tx, runId, batch.metrics ?? []);
      }),
    );
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    await guard('Deleting a tag', async () => {
      await this.runRow(this.db, runId);
      const found = await this.db.all(sql`SELECT key FROM tags WHERE run_uuid = ${runId} AND key = ${key}`);
      if (found.length === 0) throw new NotFoundError(`Run '${runId}' has no tag '${key}' to delete.`);
      await this.db.run(sql`DELETE FROM tags WHERE run_uuid = ${runId} AND key = ${key}`);
    });
  }

  async getMetricHistory(runId: string, key: string, page?: PageRequest): Promise<Page<Metric>> {
    const { limit, offset } = decodePage(page, 50_000);
    const rows = await guard('Reading metric history', async () => {
      await this.runRow(this.db, runId);
      return this.db.all<MetricRow>(
        sql`SELECT * FROM metrics WHERE run_uuid = ${runId} AND key = ${key} ORDER BY step, timestamp, value LIMIT ${limit + 1} OFFSET ${offset}`,
      );
    });
    const items = rows.slice(0, limit).map(toMetric);
    const token = nextToken(offset, limit, rows.length);
    return token ? { items, nextPageToken: token } : { items };
  }

  async logArtifact(runId: string, artifactPath: string, content: Uint8Array): Promise<void> {
    const row = await guard('Reading a run', () => this.runRow(this.db, runId));
    await this.artifacts.write(row.artifact_uri, artifactPath, content);
  }

  async listArtifacts(runId: string, path?: string): Promise<ArtifactInfo[]> {
    const row = await guard('Reading a run', () => this.runRow(this.db, runId));
    return this.artifacts.list(row.artifact_uri, path);
  }

  async downloadArtifact(runId: string, artifactPath: string): Promise<Uint8Array> {
    const row = await guard('Reading a run', () => this.runRow(this.db, runId));
    return this.artifacts.read(row.artifact_uri, artifactPath);
  }

  async flush(): Promise<void> {}

  close(): Promise<void> {
    return this.db.close();
  }
}

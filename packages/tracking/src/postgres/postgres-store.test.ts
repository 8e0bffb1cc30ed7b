// The shared store suite on PostgreSQL, in a throwaway database on the local server, plus checks
// that the migrations match the drizzle schema and that a tracker opens it from a postgres:// URI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '@mlpy/core';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createTempDatabase } from '../../test/postgres.js';
import { describeService } from '../../test/services.js';
import { createTracker } from '../client/tracker.js';
import { storeSuite } from '../store/suite/store-suite.js';
import { openPostgresStore } from './postgres-store.js';
import * as schema from './schema.js';

const database = await createTempDatabase();

describeService('postgres', database, (db) => {
  const artifacts = mkdtempSync(join(tmpdir(), 'mlpy-pg-artifacts-'));
  afterAll(async () => {
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });

  storeSuite('postgres', () => openPostgresStore(db.url, { artifactRoot: artifacts }));

  it('migrates to exactly the tables and columns of the drizzle schema', async () => {
    await (await openPostgresStore(db.url, { artifactRoot: artifacts })).close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const table of Object.values(schema) as PgTable[]) {
      const config = getTableConfig(table);
      const { rows } = await client.query<{ column_name: string; data_type: string }>(
        'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [config.name],
      );
      expect(rows.map((r) => r.column_name).sort(), config.name).toEqual(
        config.columns.map((c) => c.name).sort(),
      );
      for (const column of config.columns) {
        const found = rows.find((r) => r.column_name === column.name)!;
        // SERIAL is an integer column with a sequence behind it.
        expect(found.data_type, `${config.name}.${column.name}`).toBe(
          column.getSQLType().replace('serial', 'integer'),
        );
      }
    }
    await client.end();
  });

  it('opens from a postgres:// tracking URI and keeps data across connections', async () => {
    const tracker = await createTracker(db.url, { artifactRoot: artifacts });
    const runId = await tracker.withRun((run) => run.logMetric('x', 1).then(() => run.id), {
      experiment: 'uri',
    });
    await tracker.close();
    const again = await createTracker(db.url, { artifactRoot: artifacts });
    expect((await again.getRun(runId)).data.metrics['x']?.value).toBe(1);
    await again.close();
  });

  it('survives the server dropping its idle connections', async () => {
    const store = await openPostgresStore(db.url, { artifactRoot: artifacts });
    const id = await store.createExperiment('survivor');
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await admin.end();
    expect(rows[0]?.n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.getExperiment(id)).name).toBe('survivor');
    await store.close();
  });

  it('reports an unreachable server as a StoreError', async () => {
    await expect(openPostgresStore('postgres://postgres@127.0.0.1:9/none')).rejects.toBeInstanceOf(
      StoreError,
    );
  });
});

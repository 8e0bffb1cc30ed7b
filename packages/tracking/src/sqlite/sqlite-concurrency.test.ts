// Two processes writing to one SQLite store at the same time lose nothing (WAL, busy timeout,
// immediate transactions); the migrations create exactly the tables the drizzle schema declares.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import { allPages } from '../store/paging.js';
import * as schema from './schema.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-sqlite-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const writer = fileURLToPath(new URL('../../test/fixtures/sqlite-writer.mjs', import.meta.url));

function runWriter(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

describe('sqlite store across processes', () => {
  it('keeps every point when two processes log to one run at once', async () => {
    const file = join(dir, 'shared.db');
    const store = openSqliteStore(file);
    const exp = await store.createExperiment('multi-process');
    const run = await store.createRun({ experimentId: exp });
    const batches = 40;
    const perBatch = 50;
    await Promise.all(
      ['a', 'b'].map((name) => runWriter([file, run.runId, name, String(batches), String(perBatch)])),
    );
    for (const name of ['a', 'b']) {
      const points = await allPages((pageToken) =>
        store.getMetricHistory(run.runId, name, pageToken ? { pageToken } : {}),
      );
      expect(points).toHaveLength(batches * perBatch);
      expect(new Set(points.map((p) => p.step)).size).toBe(batches * perBatch);
    }
    const params = (await store.getRun(run.runId)).data.params;
    expect(Object.keys(params)).toHaveLength(2 * batches);
    expect(store.kind).toBe('sqlite');
    await store.close();
  }, 120_000);

  it('migrates to exactly the tables and columns of the drizzle schema', async () => {
    const file = join(dir, 'schema.db');
    await openSqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    for (const table of Object.values(schema) as SQLiteTable[]) {
      const config = getTableConfig(table);
      const columns = db.prepare(`PRAGMA table_info(${config.name})`).all() as { name: string; pk: number }[];
      expect(columns.map((c) => c.name).sort(), config.name).toEqual(
        config.columns.map((c) => c.name).sort(),
      );
      const pk = columns
        .filter((c) => c.pk > 0)
        .map((c) => c.name)
        .sort();
      const declared =
        config.primaryKeys[0]?.columns.map((c) => c.name) ??
        config.columns.filter((c) => c.primary).map((c) => c.name);
      expect(pk, config.name).toEqual([...declared].sort());
    }
    db.close();
  });

  it('reopens an existing database without migrating it again', async () => {
    const file = join(dir, 'reopen.db');
    const first = openSqliteStore(file);
    const id = await first.createExperiment('kept');
    await first.close();
    const second = openSqliteStore(file);
    expect((await second.getExperiment(id)).name).toBe('kept');
    await second.close();
  });
});

// Creates a throwaway PostgreSQL database per test file on the local server and drops it after.
import pg from 'pg';
import type { Probe } from './services.js';

/** The server tests use; override with MLPY_TEST_POSTGRES_URL. */
export const POSTGRES_ADMIN_URL =
  process.env['MLPY_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database: its URL and a function that drops it. */
export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `mlpy_test_<random>`, or says why it could not. */
export async function createTempDatabase(): Promise<Probe<TempDatabase>> {
  const name = `mlpy_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return {
      ok: false,
      reason: `PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable: ${(error as Error).message}`,
    };
  }
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    ok: true,
    value: {
      url: url.href,
      async drop() {
        const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    },
  };
}

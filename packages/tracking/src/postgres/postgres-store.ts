// The PostgreSQL store: the shared SQL store over node-postgres through drizzle, with drizzle's
// migrator creating the schema, and artifacts in a local folder.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type SqlExecutor, toStoreError } from '../sql/executor.js';
import { SqlTrackingStore } from '../sql/sql-tracking-store.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/postgres', import.meta.url));

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** Where artifacts go (a local or shared folder); defaults to `./.mlpy/artifacts`. */
  artifactRoot?: string;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

interface Executes {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

function executor(
  db: Executes,
  transaction: SqlExecutor['transaction'],
  close: () => Promise<void>,
): SqlExecutor {
  return {
    dialect: 'postgres',
    all: async <T>(q: SQL) => (await db.execute(q)).rows as T[],
    run: async (q: SQL) => {
      await db.execute(q);
    },
    transaction,
    close,
  };
}

/**
 * Connects to PostgreSQL at `url`, migrates the schema and returns the store.
 * @example const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/mlpy');
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<SqlTrackingStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  // An idle connection the server drops (restart, failover, pg_terminate_backend) must not crash
  // the process: the pool discards it and the next query opens a new one.
  pool.on('error', (error) =>
    process.emitWarning(`PostgreSQL tracking store: idle connection lost (${error.message})`),
  );
  const db = drizzle({ client: pool });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS, migrationsSchema: 'public' });
  } catch (error) {
    await pool.end();
    throw toStoreError(
      error,
      `Connecting to PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} and migrating`,
    );
  }
  const inTransaction = (tx: Executes): SqlExecutor => {
    const self: SqlExecutor = executor(
      tx,
      (fn) => fn(self),
      async () => {},
    );
    return self;
  };
  const root = executor(
    db,
    (fn) => db.transaction((tx) => fn(inTransaction(tx))),
    () => pool.end(),
  );
  return new SqlTrackingStore(root, options.artifactRoot ?? resolve('.mlpy', 'artifacts'));
}

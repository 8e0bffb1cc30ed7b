// The embedded default store: one SQLite file (WAL, busy timeout, immediate transactions), so
// several processes can write to it at once, plus a local artifact folder beside it.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { isUniqueViolation, type SqlExecutor, toStoreError } from '../sql/executor.js';
import { SqlTrackingStore } from '../sql/sql-tracking-store.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Where artifacts go; defaults to an `artifacts` folder beside the database file. */
  artifactRoot?: string;
  /** How long a writer waits for another process's lock, in ms (default 10 000). */
  busyTimeoutMs?: number;
}

class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inner: SqlExecutor;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly db: BetterSQLite3Database,
  ) {
    this.inner = {
      dialect: 'sqlite',
      all: async <T>(q: SQL) => this.db.all<T>(q),
      run: async (q: SQL) => {
        this.db.run(q);
      },
      transaction: (fn) => fn(this.inner),
      close: async () => {},
    };
  }

  /** better-sqlite3 is synchronous, but a transaction body awaits: serialize callers so none interleave. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  all<T>(query: SQL): Promise<T[]> {
    return this.locked(() => this.inner.all<T>(query));
  }

  run(query: SQL): Promise<void> {
    return this.locked(() => this.inner.run(query));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.locked(async () => {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.inner);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.locked(async () => {
      if (this.sqlite.open) this.sqlite.close();
    });
  }
}

function migrateWithRetry(db: BetterSQLite3Database, attempts = 20): void {
  for (let i = 1; ; i++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS });
      return;
    } catch (error) {
      // Another process may be migrating the same file right now: its lock or its rows win.
      const busy = String((error as Error).message).includes('locked') || isUniqueViolation(error);
      if (!busy || i >= attempts) throw toStoreError(error, 'Migrating the SQLite tracking database');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * i);
    }
  }
}

/**
 * Opens (creating and migrating when needed) a SQLite tracking store at `path`.
 * @example const store = openSqliteStore('./.mlpy/tracking.db');
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqlTrackingStore {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    throw toStoreError(error, `Opening the SQLite tracking database '${file}'`);
  }
  const db = drizzle({ client: sqlite });
  migrateWithRetry(db);
  return new SqlTrackingStore(
    new SqliteExecutor(sqlite, db),
    options.artifactRoot ?? join(dirname(file), 'artifacts'),
  );
}

// The narrow door between the shared SQL store and a drizzle database: run a `sql` template,
// get rows back, run a transaction. SQLite and PostgreSQL each implement it in a few lines.
import { ConflictError, MlpyError, StoreError } from '@mlpy/core';
import type { SQL } from 'drizzle-orm';

/** Executes drizzle `sql` templates against one database. */
export interface SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(query: SQL): Promise<T[]>;
  run(query: SQL): Promise<void>;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = error;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

/** True when the database refused a duplicate key (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  return codesOf(error).some((c) => c === '23505' || c.startsWith('SQLITE_CONSTRAINT_'));
}

/** Wraps a database failure in a StoreError (typed errors of ours pass through unchanged). */
export function toStoreError(error: unknown, what: string): MlpyError {
  if (error instanceof MlpyError) return error;
  if (isUniqueViolation(error)) return new ConflictError(`${what}: it already exists.`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(`${what} failed in the database: ${message}`, { cause: error });
}

/** Runs a database call, turning its failures into typed errors that say what was being done. */
export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toStoreError(error, what);
  }
}

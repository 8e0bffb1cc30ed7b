// Chooses and opens a tracking store from a URI: SQLite (the default), PostgreSQL or MLflow.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidParameterError } from '@mlpy/core';
import { MlflowStore, type MlflowStoreOptions } from '../mlflow/mlflow-store.js';
import { openPostgresStore } from '../postgres/postgres-store.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import type { TrackingStore } from '../store/types.js';

/** Where the embedded store lives when no URI is given. */
export const DEFAULT_SQLITE_PATH = './.mlpy/tracking.db';

/** Options for every kind of store; each uses the ones that apply to it. */
export interface StoreOptions {
  /** Artifact folder of the SQLite and PostgreSQL stores. */
  artifactRoot?: string;
  /** Connection, retry and journal settings of the MLflow store. */
  mlflow?: MlflowStoreOptions;
}

/** Which store a URI selects, and the address it points at. */
export function parseTrackingUri(uri?: string): { kind: 'sqlite' | 'postgres' | 'mlflow'; target: string } {
  const value = (uri ?? process.env['MLPY_TRACKING_URI'] ?? '').trim();
  if (value === '') return { kind: 'sqlite', target: resolve(DEFAULT_SQLITE_PATH) };
  if (/^https?:\/\//i.test(value)) return { kind: 'mlflow', target: value };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', target: value };
  if (/^file:/i.test(value)) return { kind: 'sqlite', target: fileURLToPath(value) };
  if (/^sqlite:/i.test(value)) {
    // SQLAlchemy's forms: sqlite:///relative.db, sqlite:////absolute.db; also sqlite:path.
    const rest = value.slice('sqlite:'.length);
    const path = rest.startsWith('///') ? rest.slice(3) : rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '')
      throw new InvalidParameterError(
        `Tracking URI '${value}' names no database file, e.g. sqlite:./runs.db.`,
      );
    return { kind: 'sqlite', target: resolve(path) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new InvalidParameterError(
      `Unsupported tracking URI '${value}': use a file path or sqlite:<path>, postgres://…, or http(s)://<mlflow server>.`,
    );
  }
  return { kind: 'sqlite', target: resolve(value) };
}

/**
 * Opens the store a tracking URI names: nothing or a path → SQLite (default ./.mlpy/tracking.db),
 * `postgres://…` → PostgreSQL, `http(s)://…` → an MLflow tracking server.
 */
export async function openStore(uri?: string, options: StoreOptions = {}): Promise<TrackingStore> {
  const { kind, target } = parseTrackingUri(uri);
  const artifacts = options.artifactRoot === undefined ? {} : { artifactRoot: options.artifactRoot };
  if (kind === 'mlflow') return new MlflowStore(target, options.mlflow);
  if (kind === 'postgres') return openPostgresStore(target, artifacts);
  return openSqliteStore(target, artifacts);
}

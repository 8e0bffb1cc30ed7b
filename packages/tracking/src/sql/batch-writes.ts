// Batch writes of the SQL stores: params with MLflow's immutability rule, and metric points with
// the latest value per key kept in latest_metrics.
import { ConflictError } from '@mlpy/core';
import { sql } from 'drizzle-orm';
import type { Metric } from '../store/types.js';
import type { SqlExecutor } from './executor.js';

const ROWS_PER_INSERT = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True when point `a` should replace `b` as the latest value (MLflow: step, then time, then value). */
function isLater(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return storedValue(a) > storedValue(b);
}

function storedValue(m: Metric): number {
  return Number.isNaN(m.value) ? 0 : m.value;
}

/** Inserts params; a key already logged with another value is a ConflictError (MLflow's rule). */
export async function insertParams(
  tx: SqlExecutor,
  runId: string,
  params: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(params);
  if (entries.length === 0) return;
  await tx.run(
    sql`INSERT INTO params (run_uuid, key, value) VALUES ${sql.join(
      entries.map(([k, v]) => sql`(${runId}, ${k}, ${v})`),
      sql`, `,
    )} ON CONFLICT (run_uuid, key) DO NOTHING`,
  );
  const stored = await tx.all<{ key: string; value: string }>(
    sql`SELECT key, value FROM params WHERE run_uuid = ${runId} AND key IN (${sql.join(
      entries.map(([k]) => sql`${k}`),
      sql`, `,
    )})`,
  );
  for (const { key, value } of stored) {
    if (params[key] !== value) {
      throw new ConflictError(
        `Changing param values is not allowed: param '${key}' of run '${runId}' was logged as '${value}', and now '${params[key]}'. Log the new value under a new key or in a new run.`,
      );
    }
  }
}

/** Inserts metric points (duplicates ignored) and moves each key's latest value forward. */
export async function insertMetrics(tx: SqlExecutor, runId: string, metrics: Metric[]): Promise<void> {
  if (metrics.length === 0) return;
  for (const part of chunks(metrics, ROWS_PER_INSERT)) {
    const rows = part.map(
      (m) =>
        sql`(${runId}, ${m.key}, ${storedValue(m)}, ${m.timestamp}, ${m.step}, ${Number.isNaN(m.value) ? 1 : 0})`,
    );
    await tx.run(
      sql`INSERT INTO metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`,
    );
  }
  const latest = new Map<string, Metric>();
  for (const m of metrics) {
    const seen = latest.get(m.key);
    if (!seen || isLater(m, seen)) latest.set(m.key, m);
  }
  const rows = [...latest.values()].map(
    (m) =>
      sql`(${runId}, ${m.key}, ${storedValue(m)}, ${m.timestamp}, ${m.step}, ${Number.isNaN(m.value) ? 1 : 0})`,
  );
  await tx.run(sql`INSERT INTO latest_metrics AS l (run_uuid, key, value, timestamp, step, is_nan) VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step, is_nan = excluded.is_nan
    WHERE excluded.step > l.step OR (excluded.step = l.step AND (excluded.timestamp > l.timestamp OR (excluded.timestamp = l.timestamp AND excluded.value > l.value)))`);
}

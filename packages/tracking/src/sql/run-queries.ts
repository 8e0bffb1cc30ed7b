// Run search and hydration in plain SQL shared by SQLite and PostgreSQL: filters, ordering by
// attributes, latest metrics or params, and loading params, tags and metrics for a page of runs.
import { InvalidParameterError } from '@mlpy/core';
import { type SQL, sql } from 'drizzle-orm';
import { decodePage, nextToken } from '../store/paging.js';
import type { Page, Run, RunSearch } from '../store/types.js';
import type { SqlExecutor } from './executor.js';
import {
  groupKeyValues,
  type KeyValueRow,
  type MetricRow,
  type RunRow,
  toMetric,
  toRunInfo,
} from './rows.js';

/** The MLflow tag that links a nested run to its parent. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';

const ATTRIBUTES: Record<string, string> = {
  start_time: 'r.start_time',
  end_time: 'r.end_time',
  run_name: 'r.name',
  status: 'r.status',
};

function orderTerms(search: RunSearch): { joins: SQL[]; order: SQL[] } {
  const joins: SQL[] = [];
  const order: SQL[] = [];
  (search.orderBy ?? []).forEach((term, i) => {
    const dir = sql.raw(term.ascending ? 'ASC' : 'DESC');
    const alias = sql.raw(`o${i}`);
    const dot = term.key.indexOf('.');
    const kind = dot > 0 ? term.key.slice(0, dot) : '';
    const name = term.key.slice(dot + 1);
    if (kind === 'metrics') {
      joins.push(
        sql`LEFT JOIN latest_metrics ${alias} ON ${alias}.run_uuid = r.run_uuid AND ${alias}.key = ${name}`,
      );
      order.push(sql`CASE WHEN ${alias}.value IS NULL OR ${alias}.is_nan = 1 THEN 1 ELSE 0 END`);
      order.push(sql`${alias}.value ${dir}`);
    } else if (kind === 'params') {
      joins.push(sql`LEFT JOIN params ${alias} ON ${alias}.run_uuid = r.run_uuid AND ${alias}.key = ${name}`);
      order.push(sql`CASE WHEN ${alias}.value IS NULL THEN 1 ELSE 0 END`);
      order.push(sql`${alias}.value ${dir}`);
    } else {
      const column = ATTRIBUTES[term.key.replace(/^attributes\./, '')];
      if (!column) {
        throw new InvalidParameterError(
          `Cannot order runs by '${term.key}': use start_time, end_time, run_name, status, metrics.<key> or params.<key>.`,
        );
      }
      order.push(sql`${sql.raw(column)} ${dir}`);
    }
  });
  order.push(sql`r.start_time DESC`, sql`r.run_uuid ASC`);
  return { joins, order };
}

/** Loads params, tags and latest metrics for the given run rows, keeping their order. */
export async function hydrateRuns(db: SqlExecutor, rows: RunRow[]): Promise<Run[]> {
  if (rows.length === 0) return [];
  const ids = sql.join(
    rows.map((r) => sql`${r.run_uuid}`),
    sql`, `,
  );
  const [params, tags, metrics] = await Promise.all([
    db.all<KeyValueRow>(sql`SELECT run_uuid AS owner, key, value FROM params WHERE run_uuid IN (${ids})`),
    db.all<KeyValueRow>(sql`SELECT run_uuid AS owner, key, value FROM tags WHERE run_uuid IN (${ids})`),
    db.all<MetricRow>(sql`SELECT * FROM latest_metrics WHERE run_uuid IN (${ids})`),
  ]);
  const paramsBy = groupKeyValues(params);
  const tagsBy = groupKeyValues(tags);
  return rows.map((row) => {
    const latest: Run['data']['metrics'] = {};
    for (const m of metrics) if (m.run_uuid === row.run_uuid) latest[m.key] = toMetric(m);
    return {
      info: toRunInfo(row),
      data: {
        params: paramsBy.get(row.run_uuid) ?? {},
        tags: tagsBy.get(row.run_uuid) ?? {},
        metrics: latest,
      },
    };
  });
}

/** Searches active runs of the given experiments, one page at a time. */
export async function searchRuns(db: SqlExecutor, search: RunSearch): Promise<Page<Run>> {
  const { limit, offset } = decodePage(search);
  const experimentIds = search.experimentIds.filter((id) => /^\d+$/.test(id));
  if (experimentIds.length === 0) return { items: [] };
  const where: SQL[] = [
    sql`r.experiment_id IN (${sql.join(
      experimentIds.map((id) => sql`${Number(id)}`),
      sql`, `,
    )})`,
    sql`r.lifecycle_stage = 'active'`,
  ];
  if (search.status) where.push(sql`r.status = ${search.status}`);
  const tags = { ...search.tags };
  if (search.parentRunId) tags[PARENT_RUN_TAG] = search.parentRunId;
  for (const [key, value] of Object.entries(tags)) {
    where.push(
      sql`EXISTS (SELECT 1 FROM tags t WHERE t.run_uuid = r.run_uuid AND t.key = ${key} AND t.value = ${value})`,
    );
  }
  const { joins, order } = orderTerms(search);
  const rows = await db.all<RunRow>(
    sql`SELECT r.* FROM runs r ${sql.join(joins, sql` `)} WHERE ${sql.join(where, sql` AND `)} ORDER BY ${sql.join(order, sql`, `)} LIMIT ${limit + 1} OFFSET ${offset}`,
  );
  const items = await hydrateRuns(db, rows.slice(0, limit));
  const token = nextToken(offset, limit, rows.length);
  return token ? { items, nextPageToken: token } : { items };
}

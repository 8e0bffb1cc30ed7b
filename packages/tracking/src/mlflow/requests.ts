// Request pieces of the MLflow store: the search-runs body (filter and order_by in MLflow's
// grammar) and the paths of the proxied artifact API.
import { InvalidParameterError, StoreError } from '@mlpy/core';
import type { RunSearch } from '../store/types.js';
import { quoteFilter } from './codec.js';

const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';

/** The JSON body of `runs/search` for a RunSearch. */
export function runSearchBody(search: RunSearch): Record<string, unknown> {
  const filters: string[] = [];
  if (search.status) filters.push(`attributes.status = '${search.status}'`);
  const tags = { ...search.tags };
  if (search.parentRunId) tags['mlflow.parentRunId'] = search.parentRunId;
  for (const [k, v] of Object.entries(tags)) filters.push(`tags.\`${k}\` = ${quoteFilter(v)}`);
  const orderBy = (search.orderBy ?? []).map((o) => {
    const dot = o.key.indexOf('.');
    const kind = dot > 0 ? o.key.slice(0, dot) : 'attributes';
    const name = dot > 0 ? o.key.slice(dot + 1) : o.key;
    if (!['metrics', 'params', 'attributes', 'tags'].includes(kind)) {
      throw new InvalidParameterError(
        `Cannot order runs by '${o.key}': use start_time, end_time, run_name, status, metrics.<key> or params.<key>.`,
      );
    }
    return `${kind}.\`${name}\` ${o.ascending ? 'ASC' : 'DESC'}`;
  });
  return {
    experiment_ids: search.experimentIds,
    filter: filters.join(' and '),
    run_view_type: 'ACTIVE_ONLY',
    order_by: orderBy,
    max_results: search.maxResults,
    page_token: search.pageToken || undefined,
  };
}

/** The server-side path of a run's proxied artifact root (`1/<run>/artifacts`) from its URI. */
export function proxiedArtifactBase(runId: string, artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(artifactUri);
  if (!match) {
    throw new StoreError(
      `Run '${runId}' stores artifacts at '${artifactUri}', which this client cannot reach; start the MLflow server with --serve-artifacts (proxied artifacts).`,
    );
  }
  return match[1]!.replace(/\/+$/, '');
}

/** The URL path of one artifact file under a proxied artifact root, each segment encoded. */
export function artifactUrlPath(base: string, path: string): string {
  return `${ARTIFACTS}/${[...base.split('/'), ...path.split('/')].map(encodeURIComponent).join('/')}`;
}

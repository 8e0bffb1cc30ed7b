// Run comparison: a params/metrics diff table across runs, and the best run of an experiment.
import { InvalidParameterError } from '@mlpy/core';
import type { Run, TrackingStore } from '../store/types.js';

/** One row of a comparison: a key and its value in each run (undefined when absent). */
export interface DiffRow<T> {
  key: string;
  values: (T | undefined)[];
  /** True when the runs do not all have the same value. */
  differs: boolean;
}

/** Runs side by side: params and latest metrics, one column per run. */
export interface RunComparison {
  runs: { runId: string; runName: string; status: string }[];
  params: DiffRow<string>[];
  metrics: DiffRow<number>[];
}

function rows<T>(runs: Run[], pick: (run: Run) => Record<string, T>): DiffRow<T>[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  return keys.map((key) => {
    const values = runs.map((r) => pick(r)[key]);
    const first = values[0];
    const differs = values.some((v) => !(Object.is(v, first) || v === first));
    return { key, values, differs };
  });
}

/**
 * Compares runs: each param and metric (latest value) with its value per run, and whether they differ.
 * @example const table = await compareRuns(store, [a.id, b.id]); table.params.filter((p) => p.differs);
 */
export async function compareRuns(store: TrackingStore, runIds: string[]): Promise<RunComparison> {
  if (runIds.length === 0) throw new InvalidParameterError('compareRuns needs at least one run id.');
  const runs = await Promise.all(runIds.map((id) => store.getRun(id)));
  return {
    runs: runs.map((r) => ({ runId: r.info.runId, runName: r.info.runName, status: r.info.status })),
    params: rows(runs, (r) => r.data.params),
    metrics: rows(runs, (r) =>
      Object.fromEntries(Object.entries(r.data.metrics).map(([k, m]) => [k, m.value])),
    ),
  };
}

/**
 * The run of an experiment whose latest `metric` is the largest (`max`) or smallest (`min`);
 * runs without the metric or with NaN are ignored. Undefined when no run has it.
 */
export async function bestRun(
  store: TrackingStore,
  experimentId: string,
  metric: string,
  mode: 'max' | 'min' = 'max',
): Promise<Run | undefined> {
  if (mode !== 'max' && mode !== 'min') {
    throw new InvalidParameterError(`bestRun mode must be 'max' or 'min', got '${String(mode)}'.`);
  }
  const page = await store.searchRuns({
    experimentIds: [experimentId],
    orderBy: [{ key: `metrics.${metric}`, ascending: mode === 'min' }],
    maxResults: 100,
  });
  let best: Run | undefined;
  for (const run of page.items) {
    const value = run.data.metrics[metric]?.value;
    if (value === undefined || Number.isNaN(value)) continue;
    const current = best?.data.metrics[metric]?.value;
    if (current === undefined || (mode === 'max' ? value > current : value < current)) best = run;
  }
  return best;
}

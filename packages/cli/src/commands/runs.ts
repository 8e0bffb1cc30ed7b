// `mlpy runs list|show|compare`: the tracked runs, one run in detail, runs side by side.

import { allPages, type Run, type Tracker } from '@mlpy/tracking';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { fmt, json, keyValues, table } from '../output/table.js';
import { withTracker } from '../tracking.js';
import { numberIn } from './options.js';

interface CommonFlags {
  trackingUri?: string;
  json?: boolean;
}

/** The most recent runs, of one experiment or of all. */
export async function listRuns(
  tracker: Tracker,
  experiment: string | undefined,
  limit: number,
): Promise<Run[]> {
  let ids: string[];
  if (experiment) {
    const e = await tracker.store.getExperimentByName(experiment);
    if (!e) throw new UsageError(`no experiment named '${experiment}'`);
    ids = [e.experimentId];
  } else {
    const all = await allPages((pageToken) =>
      tracker.store.searchExperiments(pageToken ? { pageToken } : {}),
    );
    ids = all.map((e) => e.experimentId);
  }
  if (ids.length === 0) return [];
  const page = await tracker.store.searchRuns({
    experimentIds: ids,
    orderBy: [{ key: 'start_time', ascending: false }],
    maxResults: limit,
  });
  return page.items;
}

/** `key=value` pairs of a run's headline metrics (test and CV scores first). */
export function headlineMetrics(run: Run, max = 3): string {
  const keys = Object.keys(run.data.metrics).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys
    .slice(0, max)
    .map((k) => `${k}=${fmt(run.data.metrics[k]!.value)}`)
    .join(' ');
}

function rank(key: string): number {
  return key.startsWith('test_') ? 0 : key.startsWith('cv_') ? 1 : 2;
}

function runJson(run: Run) {
  return {
    ...run.info,
    params: run.data.params,
    tags: run.data.tags,
    metrics: Object.fromEntries(Object.entries(run.data.metrics).map(([k, m]) => [k, m.value])),
  };
}

/** Adds `runs` and its subcommands to the program. */
export function runsCommand(program: Command, io: Io): void {
  const runs = program.command('runs').description('List, show and compare tracked runs');
  runs
    .command('list')
    .description('The most recent runs, newest first')
    .option('--experiment <name>', 'only runs of this experiment')
    .option('-n, --limit <n>', 'how many runs', numberIn(1, 1000, true), 20)
    .option('--tracking-uri <uri>', 'tracking store (default ./.mlpy/tracking.db or MLPY_TRACKING_URI)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy runs list --experiment mlpy-demo -n 5\n')
    .action(async (flags: CommonFlags & { experiment?: string; limit: number }) => {
      const list = await withTracker(flags.trackingUri, io, (t) =>
        listRuns(t, flags.experiment, flags.limit),
      );
      if (flags.json) return void io.stdout.write(json(list.map(runJson)));
      if (list.length === 0) return void io.stdout.write('no runs yet; train a model with mlpy train\n');
      io.stdout.write(
        table(
          ['run id', 'name', 'status', 'started', 'metrics'],
          list.map((r) => [
            r.info.runId,
            r.info.runName,
            r.info.status,
            new Date(r.info.startTime).toISOString().replace('T', ' ').slice(0, 19),
            headlineMetrics(r),
          ]),
        ),
      );
    });
  runs
    .command('show')
    .description('One run: status, params, metrics and tags')
    .argument('<run-id>', 'run id (from mlpy runs list)')
    .option('--tracking-uri <uri>', 'tracking store')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy runs show 3f2a…\n')
    .action(async (id: string, flags: CommonFlags) => {
      const run = await withTracker(flags.trackingUri, io, (t) => t.getRun(id));
      if (flags.json) return void io.stdout.write(json(runJson(run)));
      const i = run.info;
      let out = keyValues([
        ['run', i.runId],
        ['name', i.runName],
        ['status', i.status],
        ['experiment', i.experimentId],
        ['started', new Date(i.startTime).toISOString()],
        ['artifacts', i.artifactUri],
      ]);
      const params = Object.entries(run.data.params);
      if (params.length) out += `\nparams:\n${table(['param', 'value'], params)}`;
      const metrics = Object.entries(run.data.metrics).map(([k, m]) => [k, m.value]);
      if (metrics.length) out += `\nmetrics:\n${table(['metric', 'value'], metrics)}`;
      const tags = Object.entries(run.data.tags).filter(([k]) => !k.startsWith('mlflow.'));
      if (tags.length) out += `\ntags:\n${table(['tag', 'value'], tags)}`;
      io.stdout.write(out);
    });
  runs
    .command('compare')
    .description('Runs side by side: every param and metric, differences marked *')
    .argument('<run-ids...>', 'two or more run ids')
    .option('--tracking-uri <uri>', 'tracking store')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy runs compare 3f2a… 9c1d…\n')
    .action(async (ids: string[], flags: CommonFlags) => {
      const c = await withTracker(flags.trackingUri, io, (t) => t.compareRuns(ids));
      if (flags.json) return void io.stdout.write(json(c));
      const headers = ['', ...c.runs.map((r) => `${r.runName} (${r.runId.slice(0, 8)})`)];
      const rows = [
        ...c.params.map((p) => [`${p.differs ? '* ' : '  '}${p.key}`, ...p.values]),
        ...c.metrics.map((m) => [`${m.differs ? '* ' : '  '}${m.key}`, ...m.values]),
      ];
      io.stdout.write(table(headers, rows));
    });
}

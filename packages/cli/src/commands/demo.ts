// `mlpy demo`: the README's main job on a real dataset. Writes the breast cancer data as a CSV,
// trains several models through the same code path as `mlpy train` (progress, tracked runs),
// registers the best as `champion`, starts the reference server (apps/server), prints its URLs,
// checks /predict, then serves until Ctrl-C (or exits, with --no-serve / MLPY_DEMO_EXIT=1).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCsv } from '@mlpy/data';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { type Io, untilAborted } from '../io.js';
import { fmt, table } from '../output/table.js';
import { moveAlias, trackingUri, withTracker } from '../tracking.js';
import { type TrainResult, train } from '../training/train.js';
import { port } from './options.js';
import { type ReferenceServer, startReferenceServer } from './reference-server.js';

/** Where the dataset and the reference server live in the repository. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const DATASET_PATH = join(REPO_ROOT, 'tooling/fixtures/datasets/breast_cancer.json');
export const SERVER_ENTRY = join(REPO_ROOT, 'apps/server/dist/main.js');

/** The statement of where the data comes from, printed by the demo. */
export const DATASET_SOURCE =
  'Breast Cancer Wisconsin (Diagnostic), UCI Machine Learning Repository (Wolberg, Street, Mangasarian; CC BY 4.0), ' +
  "scikit-learn 1.9.1's bundled copy (load_breast_cancer): 569 tumours x 30 features, target malignant/benign";

/** The models the demo trains. */
export const DEMO_MODELS = ['logistic', 'rf', 'hgb', 'knn'] as const;

interface DemoFlags {
  serve: boolean;
  port?: number;
  dir: string;
  trackingUri?: string;
}

interface DatasetFile {
  featureNames: string[];
  targetNames: string[];
  X: number[][];
  y: number[];
}

/** Writes the dataset as `<dir>/breast_cancer.csv` (features + a `diagnosis` column). */
export function writeDemoCsv(
  dir: string,
  datasetPath = DATASET_PATH,
): { path: string; example: Record<string, number> } {
  let data: DatasetFile;
  try {
    data = JSON.parse(readFileSync(datasetPath, 'utf8')) as DatasetFile;
  } catch (error) {
    throw new UsageError(
      `cannot read the demo dataset ${datasetPath}: ${(error as Error).message}; run the demo from a clone of the repository`,
    );
  }
  const rows = data.X.map((x, i) => ({
    ...Object.fromEntries(data.featureNames.map((n, j) => [n, x[j]])),
    diagnosis: data.targetNames[data.y[i]!],
  }));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'breast_cancer.csv');
  writeFileSync(path, formatCsv(rows));
  const example = Object.fromEntries(data.featureNames.map((n, j) => [n, data.X[0]![j]!]));
  return { path, example };
}

/** Trains the demo models; returns their results, best (by CV accuracy) first. */
async function trainAll(csv: string, dir: string, uri: string, io: Io): Promise<TrainResult[]> {
  const results: TrainResult[] = [];
  for (const model of DEMO_MODELS) {
    io.stdout.write(`training ${model}…\n`);
    try {
      results.push(
        await train(
          {
            data: csv,
            target: 'diagnosis',
            model,
            params: {},
            testSize: 0.25,
            cv: 5,
            seed: 0,
            out: join(dir, 'models', `${model}.mlpy`),
            preprocess: true,
            track: true,
            trackingUri: uri,
            experiment: 'mlpy-demo',
          },
          io,
        ),
      );
    } catch (error) {
      if (!(error instanceof UsageError && /not available/.test(error.message))) throw error;
      io.stdout.write(`  skipped: ${error.message}\n`);
    }
  }
  return results.sort((a, b) => (b.cv[0]?.mean ?? 0) - (a.cv[0]?.mean ?? 0));
}

/** The demo; resolves when it is done (after Ctrl-C when serving). */
export async function demo(flags: DemoFlags, io: Io): Promise<void> {
  const dir = resolve(io.cwd, flags.dir);
  const uri = trackingUri(flags.trackingUri, io);
  io.stdout.write(`dataset: ${DATASET_SOURCE}\n`);
  mkdirSync(join(dir, 'models'), { recursive: true });
  const { path: csv, example } = writeDemoCsv(dir);
  io.stdout.write(`wrote ${relative(io.cwd, csv) || csv}; tracking runs in ${uri}\n\n`);
  const results = await trainAll(csv, dir, uri, io);
  const best = results[0];
  if (!best?.runId) throw new Error('no model trained');
  io.stdout.write(
    `\n${table(
      ['model', 'estimator', 'cv accuracy', 'test accuracy', 'run'],
      results.map((r) => [r.model, r.estimator, r.cv[0]?.mean, r.testMetrics['accuracy'], r.runId]),
    )}`,
  );
  const registered = await withTracker(uri, io, async (t) => {
    const v = await t.registry.registerModel({
      name: 'breast-cancer',
      runId: best.runId!,
      metrics: Object.fromEntries(Object.entries(best.testMetrics).map(([k, v]) => [`test_${k}`, v])),
      description: `mlpy demo: ${best.estimator}`,
    });
    await moveAlias(t, 'breast-cancer', 'champion', v.version);
    return v.version;
  });
  io.stdout.write(
    `\nbest: ${best.model} (cv accuracy ${fmt(best.cv[0]?.mean)}) registered as breast-cancer version ${registered} @champion\n\n`,
  );
  const exitAfterCheck = !flags.serve || io.env['MLPY_DEMO_EXIT'] === '1';
  const server: ReferenceServer = await startReferenceServer(
    {
      port: flags.port ?? (exitAfterCheck ? 0 : 8080),
      trackingUri: uri,
      cwd: io.cwd,
      entry: io.env['MLPY_SERVER_ENTRY'] ?? SERVER_ENTRY,
    },
    io,
  );
  try {
    const u = server.url;
    const body = JSON.stringify({ rows: [example] });
    io.stdout.write(
      [
        `reference server running at ${u}`,
        `  dashboard  ${u}/`,
        `  health     ${u}/health`,
        `  predict    curl -s -X POST ${u}/models/breast-cancer/predict -H 'content-type: application/json' \\`,
        `               -d '${body}'`,
        `  metrics    ${u}/metrics`,
        `  API docs   ${u}/docs  (OpenAPI: ${u}/openapi.json)`,
        '',
      ].join('\n'),
    );
    const res = await fetch(`${u}/models/breast-cancer/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await res.json()) as { predictions?: unknown[]; version?: string };
    if (!res.ok || !Array.isArray(answer.predictions)) {
      throw new Error(
        `self-check POST /models/breast-cancer/predict failed: HTTP ${res.status} ${JSON.stringify(answer)}`,
      );
    }
    io.stdout.write(
      `self-check: POST /models/breast-cancer/predict → ${JSON.stringify(answer.predictions)} (version ${answer.version}; the first row is malignant)\n`,
    );
    if (exitAfterCheck) {
      io.stdout.write('demo done (--no-serve / MLPY_DEMO_EXIT=1): stopping the server\n');
      return;
    }
    io.stdout.write('serving until Ctrl-C…\n');
    await Promise.race([untilAborted(io.shutdown), server.exited]);
  } finally {
    await server.stop();
  }
}

/** Adds `demo` to the program. */
export function demoCommand(program: Command, io: Io): void {
  program
    .command('demo')
    .description(
      'Train several models on a real dataset, track them, register the best as champion and serve it',
    )
    .option('--no-serve', 'exit after the first successful /predict self-check')
    .option('--port <port>', 'port of the reference server (default 8080; a free one with --no-serve)', port)
    .option('--dir <dir>', 'working directory for the CSV and model files', '.mlpy/demo')
    .option('--tracking-uri <uri>', 'tracking store (default ./.mlpy/tracking.db or MLPY_TRACKING_URI)')
    .addHelpText(
      'after',
      '\nExample:\n  mlpy demo            # then open the dashboard URL it prints\n  MLPY_DEMO_EXIT=1 mlpy demo\n',
    )
    .action((flags: DemoFlags) => demo(flags, io));
}

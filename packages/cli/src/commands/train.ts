// `mlpy train`: a CSV file and a target column in, a saved model, a tracked run and optionally a
// registered version out.
import type { Command } from 'commander';
import type { Io } from '../io.js';
import { fmt, json, keyValues, table } from '../output/table.js';
import { parseParams } from '../training/model-spec.js';
import { type TrainOptions, type TrainResult, train } from '../training/train.js';
import { collect, numberIn, task } from './options.js';

/** The parsed command-line flags: TrainOptions with `--param` pairs, an optional `--cv` and `--json`. */
type TrainFlags = Omit<TrainOptions, 'data' | 'params' | 'cv' | 'onData'> & {
  param: string[];
  cv?: number;
  json?: boolean;
};

/** Human-readable summary of a training result. */
export function renderTrainResult(r: TrainResult): string {
  let out = '';
  if (r.cv.length > 1) {
    out += `cross-validated ${r.cv[0]!.metric} (${r.cv.length} candidates, best first):\n`;
    out += table(
      ['model', `${r.cv[0]!.metric} mean`, 'std', 'fit s'],
      r.cv.map((c) => [c.model, c.mean, c.std, c.fitSeconds]),
    );
  }
  for (const note of r.preprocessing) out += `preprocessing: ${note}\n`;
  const entries: [string, unknown][] = [
    ['task', r.task],
    ['data', `${r.rows} rows x ${r.features} features`],
    ['model', r.estimator],
  ];
  const cv = r.cv.find((c) => c.model === r.model);
  if (cv) entries.push([`cv ${cv.metric}`, `${fmt(cv.mean)} ± ${fmt(cv.std)}`]);
  for (const [k, v] of Object.entries(r.testMetrics)) entries.push([`test ${k}`, v]);
  entries.push(['saved', r.modelPath]);
  if (r.runId) entries.push(['run', r.runId]);
  if (r.registered) {
    const { name, version, alias } = r.registered;
    entries.push(['registered', `${name} version ${version}${alias ? ` (@${alias})` : ''}`]);
  }
  return out + keyValues(entries);
}

/** Adds `train` to the program. */
export function trainCommand(program: Command, io: Io): void {
  program
    .command('train')
    .description('Train a model on a CSV file, track the run and save the model')
    .argument('<data>', 'CSV file with a header row')
    .requiredOption('-t, --target <column>', 'column to predict')
    .option(
      '-m, --model <name>',
      'catalogue class name, alias (logistic, rf, hgb, knn, ridge…) or auto',
      'auto',
    )
    .option('-p, --param <key=value>', 'model parameter, value parsed as JSON (repeatable)', collect, [])
    .option('--task <task>', 'classification or regression (default: inferred from the target)', task)
    .option(
      '--test-size <share>',
      'share of rows held out for the reported metrics (0 = none)',
      numberIn(0, 0.9),
      0.2,
    )
    .option('--cv <folds>', 'cross-validation folds (default 5 for auto, else none)', numberIn(0, 50, true))
    .option('--seed <n>', 'random seed of the splits', numberIn(0, 2 ** 31, true), 0)
    .option('-o, --out <file>', 'where to save the model', 'model.mlpy')
    .option('--no-preprocess', 'do not add imputation, one-hot encoding or scaling')
    .option('--no-track', 'do not log a run')
    .option(
      '--tracking-uri <uri>',
      'tracking store: a SQLite path, postgres://… or http(s)://mlflow (default ./.mlpy/tracking.db or MLPY_TRACKING_URI)',
    )
    .option('--experiment <name>', 'experiment of the run')
    .option('--run-name <name>', 'name of the run (default: the model)')
    .option('--register <name>', 'register the model under this name')
    .option('--alias <alias>', 'with --register: point this alias (e.g. champion) at the new version')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  mlpy train data.csv --target churn --model rf --param nEstimators=200 --register churn --alias champion\n',
    )
    .action(async (data: string, flags: TrainFlags) => {
      const isAuto = flags.model.toLowerCase() === 'auto';
      const result = await train(
        {
          data,
          target: flags.target,
          model: flags.model,
          params: parseParams(flags.param),
          ...(flags.task ? { task: flags.task } : {}),
          testSize: flags.testSize,
          cv: flags.cv ?? (isAuto ? 5 : 0),
          seed: flags.seed,
          out: flags.out,
          preprocess: flags.preprocess,
          track: flags.track,
          ...(flags.trackingUri ? { trackingUri: flags.trackingUri } : {}),
          ...(flags.experiment ? { experiment: flags.experiment } : {}),
          ...(flags.runName ? { runName: flags.runName } : {}),
          ...(flags.register ? { register: flags.register } : {}),
          ...(flags.alias ? { alias: flags.alias } : {}),
        },
        io,
      );
      io.stdout.write(flags.json ? json(result) : renderTrainResult(result));
    });
}

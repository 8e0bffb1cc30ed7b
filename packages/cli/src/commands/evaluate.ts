// `mlpy evaluate`: metrics of a saved model on a held-out CSV file.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { json, keyValues } from '../output/table.js';
import { inferTask, type Task } from '../training/dataset.js';
import { predictWith, taskMetrics } from '../training/metrics.js';
import { loadModelArg, readFeatures } from '../training/model-file.js';

interface EvaluateFlags {
  target: string;
  json?: boolean;
}

/** The metrics of `modelPath` on `dataPath`. */
export async function evaluate(
  modelPath: string,
  dataPath: string,
  target: string,
  io: Io,
): Promise<{ task: Task; rows: number; metrics: Record<string, number> }> {
  const model = await loadModelArg(modelPath, io.cwd);
  const { frame, X } = await readFeatures(model, dataPath, io.cwd);
  if (!frame.has(target))
    throw new UsageError(`no column '${target}' in ${dataPath}; columns: ${frame.names.join(', ')}`);
  const col = frame.column(target);
  const task: Task =
    model.tags.task === 'classification' || model.tags.task === 'regression'
      ? model.tags.task
      : inferTask(col);
  const y =
    col instanceof Float64Array
      ? task === 'classification'
        ? Array.from(col)
        : col
      : Array.from({ length: col.length }, (_, i) => col.value(i) ?? '');
  const metrics = taskMetrics(task, y, await predictWith(model, X));
  return { task, rows: frame.nRows, metrics };
}

/** Adds `evaluate` to the program. */
export function evaluateCommand(program: Command, io: Io): void {
  program
    .command('evaluate')
    .description('Score a saved model on a held-out CSV file')
    .argument('<model>', 'saved model file (.mlpy)')
    .argument('<data>', 'CSV file with the features and the target column')
    .requiredOption('-t, --target <column>', 'column with the true values')
    .option('--json', 'print the metrics as JSON')
    .addHelpText('after', '\nExample:\n  mlpy evaluate model.mlpy holdout.csv --target churn --json\n')
    .action(async (model: string, data: string, flags: EvaluateFlags) => {
      const r = await evaluate(model, data, flags.target, io);
      io.stdout.write(
        flags.json ? json(r) : keyValues([['task', r.task], ['rows', r.rows], ...Object.entries(r.metrics)]),
      );
    });
}

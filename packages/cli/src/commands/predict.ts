// `mlpy predict`: a CSV file in, the same rows with a prediction column (and class
// probabilities with --proba) out, to a file or stdout.
import { resolve } from 'node:path';
import { CategoricalColumn, type ColumnInput, Frame } from '@mlpy/core';
import { formatCsv, writeCsv } from '@mlpy/data';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { json } from '../output/table.js';
import { predictWith } from '../training/metrics.js';
import { loadModelArg, readFeatures } from '../training/model-file.js';

interface PredictFlags {
  output?: string;
  proba?: boolean;
  json?: boolean;
}

interface Probabilistic {
  predictProba(X: unknown): { rows: number; cols: number; get(i: number, j: number): number };
  classes?: readonly (string | number)[];
}

/** Predictions (and probabilities) for every row of `dataPath`, as a Frame of inputs + outputs. */
export async function predictFile(
  modelPath: string,
  dataPath: string,
  proba: boolean,
  io: Io,
): Promise<Frame> {
  const model = await loadModelArg(modelPath, io.cwd);
  const { frame, X } = await readFeatures(model, dataPath, io.cwd);
  const pred = await predictWith(model, X);
  const columns = new Map<string, ColumnInput>(frame.names.map((n) => [n, frame.column(n)]));
  columns.set('prediction', pred instanceof Float64Array ? pred : Array.from(pred));
  if (proba) {
    const p = model as unknown as Partial<Probabilistic>;
    if (typeof p.predictProba !== 'function')
      throw new UsageError(`${model.estimatorName} has no class probabilities`);
    const m = p.predictProba(X);
    for (let j = 0; j < m.cols; j++) {
      const name = `proba_${String(p.classes?.[j] ?? j)}`;
      columns.set(
        name,
        Float64Array.from({ length: m.rows }, (_, i) => m.get(i, j)),
      );
    }
  }
  return new Frame(columns);
}

/** Adds `predict` to the program. */
export function predictCommand(program: Command, io: Io): void {
  program
    .command('predict')
    .description('Predict every row of a CSV file with a saved model')
    .argument('<model>', 'saved model file (.mlpy)')
    .argument('<input>', 'CSV file with the model’s feature columns')
    .option('-o, --output <file>', 'CSV file to write (default: stdout)')
    .option('--proba', 'add one probability column per class')
    .option('--json', 'print predictions as JSON instead of CSV')
    .addHelpText('after', '\nExample:\n  mlpy predict model.mlpy new-customers.csv -o scored.csv --proba\n')
    .action(async (model: string, input: string, flags: PredictFlags) => {
      const out = await predictFile(model, input, flags.proba ?? false, io);
      if (flags.json) {
        const pred = out.column('prediction');
        const values =
          pred instanceof CategoricalColumn
            ? Array.from({ length: pred.length }, (_, i) => pred.value(i))
            : pred;
        io.stdout.write(json({ rows: out.nRows, predictions: values }));
      } else if (flags.output) {
        await writeCsv(out, resolve(io.cwd, flags.output));
        io.stderr.write(`wrote ${out.nRows} predictions to ${flags.output}\n`);
      } else {
        io.stdout.write(formatCsv(out));
      }
    });
}

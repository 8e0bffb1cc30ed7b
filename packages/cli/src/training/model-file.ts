// Saved models on the command line: loading a model file with a clear error, and reading a CSV
// with the column types the model was trained on (so "007" stays text when it was text at fit).
import { resolve } from 'node:path';
import { type BaseEstimator, DataError, type Frame, loadModelFile, MlpyError } from '@mlpy/core';
import { readCsv } from '@mlpy/data';
import { UsageError } from '../errors.js';

/** Loads a saved model; a missing or foreign file is the user's mistake. */
export async function loadModelArg(path: string, cwd: string): Promise<BaseEstimator> {
  try {
    return await loadModelFile(resolve(cwd, path));
  } catch (error) {
    if (error instanceof MlpyError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`model file '${path}' does not exist`);
    if (code === 'EISDIR') throw new UsageError(`model file '${path}' is a directory`);
    throw error;
  }
}

/** The features a model takes, by name. */
export function featureNamesOf(model: BaseEstimator): string[] {
  const schema = model.inputSchema;
  if (!schema) throw new UsageError(`the model file holds an unfitted ${model.estimatorName}`);
  if (schema.generatedNames) {
    throw new UsageError(
      'the model was trained on unnamed columns (x0, x1…); train it on a CSV or Frame to use it here',
    );
  }
  return schema.features.map((f) => f.name);
}

/** Reads a CSV with the model's column types and returns it with the model's features selected. */
export async function readFeatures(
  model: BaseEstimator,
  path: string,
  cwd: string,
): Promise<{ frame: Frame; X: Frame }> {
  const names = featureNamesOf(model);
  const dtypes = Object.fromEntries(model.inputSchema!.features.map((f) => [f.name, f.kind] as const));
  let frame: Frame;
  try {
    frame = await readCsv(resolve(cwd, path), { dtypes });
  } catch (error) {
    const column = error instanceof DataError ? error.details?.['column'] : undefined;
    if (
      typeof column === 'string' &&
      error instanceof DataError &&
      error.message.startsWith('dtypes names')
    ) {
      throw new UsageError(`the model needs column '${column}', which ${path} does not have`);
    }
    throw error;
  }
  return { frame, X: frame.select(names) };
}

// A CSV file as a supervised dataset: the feature Frame, the target column as labels or numbers,
// the task it implies, and what preprocessing its columns need.
import { resolve } from 'node:path';
import { CategoricalColumn, type Frame, type Label } from '@mlpy/core';
import { readCsv } from '@mlpy/data';
import { UsageError } from '../errors.js';

/** Supervised tasks the CLI trains for. */
export type Task = 'classification' | 'regression';

/** A loaded training or evaluation file. */
export interface Dataset {
  path: string;
  X: Frame;
  y: Label[] | Float64Array;
  target: string;
  task: Task;
  /** Feature columns holding strings. */
  categorical: string[];
  /** Numeric feature columns with at least one missing value. */
  withMissing: string[];
}

/** Most distinct integer values a numeric target may have to be read as class labels. */
export const MAX_INTEGER_CLASSES = 20;

/** Reads a CSV file; a missing file is the user's mistake, reported as such. */
export async function loadFrame(path: string, cwd: string): Promise<Frame> {
  return readCsv(resolve(cwd, path));
}

/** classification for string targets and numeric ones with few integer levels, else regression. */
export function inferTask(column: Float64Array | CategoricalColumn): Task {
  if (column instanceof CategoricalColumn) return 'classification';
  const levels = new Set<number>();
  for (const v of column) {
    if (!Number.isInteger(v)) return 'regression';
    levels.add(v);
    if (levels.size > MAX_INTEGER_CLASSES) return 'regression';
  }
  return 'classification';
}

function targetValues(frame: Frame, target: string, task: Task): Label[] | Float64Array {
  const col = frame.column(target);
  const missing: number[] = [];
  let values: Label[] | Float64Array;
  if (col instanceof CategoricalColumn) {
    if (task === 'regression')
      throw new UsageError(`target column '${target}' holds text, so it cannot be a regression target`);
    values = Array.from({ length: col.length }, (_, i) => {
      const v = col.value(i);
      if (v === null) missing.push(i);
      return v ?? '';
    });
  } else {
    col.forEach((v, i) => {
      if (Number.isNaN(v)) missing.push(i);
    });
    values = task === 'classification' ? Array.from(col) : col;
  }
  if (missing.length > 0) {
    throw new UsageError(
      `target column '${target}' has ${missing.length} missing value(s) (first in data row ${missing[0]! + 1}); drop those rows first`,
    );
  }
  return values;
}

/** Loads a CSV and separates the target column from the features. */
export async function loadDataset(
  path: string,
  target: string,
  options: { cwd: string; task?: Task },
): Promise<Dataset> {
  const frame = await loadFrame(path, options.cwd);
  if (!frame.has(target)) {
    throw new UsageError(`no column '${target}' in ${path}; columns: ${frame.names.join(', ')}`);
  }
  if (frame.nCols < 2) throw new UsageError(`${path} has no feature columns besides '${target}'`);
  if (frame.nRows < 2) throw new UsageError(`${path} has ${frame.nRows} data row(s); training needs more`);
  const task = options.task ?? inferTask(frame.column(target));
  const X = frame.drop([target]);
  const categorical = X.names.filter((n) => X.isCategorical(n));
  const withMissing = X.names.filter((n) => {
    const c = X.column(n);
    return c instanceof Float64Array && c.some(Number.isNaN);
  });
  return { path, X, y: targetValues(frame, target, task), target, task, categorical, withMissing };
}

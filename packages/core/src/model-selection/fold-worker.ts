// Worker entry point: fits and scores one (candidate, fold) task sent by evaluateTasks.
import { type FoldTask, runFoldTask } from './evaluate.js';

export default function run(task: FoldTask) {
  return runFoldTask(task);
}

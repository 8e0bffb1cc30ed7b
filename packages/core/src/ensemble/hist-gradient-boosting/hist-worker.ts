// Worker-thread entry for parallel histogram building: builds a range of features of one node's
// histogram straight into shared memory.
import { buildHistograms, type HistogramTask } from './histogram.js';

/** Piscina task: fills `task.hist` for features [featureFrom, featureTo). */
export default function histogramWorker(task: HistogramTask): number {
  buildHistograms(task);
  return task.featureTo - task.featureFrom;
}

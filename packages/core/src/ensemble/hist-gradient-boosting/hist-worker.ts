// Worker-team task for parallel histogram building: builds a range of features of one node's
// histogram straight into shared memory. Arrays arrive once, by id (see HistogramBuilder).
import type { TeamTask } from '../../parallel/index.js';
import { buildHistograms } from './histogram.js';

/** Parameter slots: array ids (0 = no rows array) and integers, as HistogramBuilder writes them. */
export const P = {
  Bins: 0,
  NRows: 1,
  Rows: 2,
  Gradients: 3,
  Hessians: 4,
  Start: 5,
  End: 6,
  FeatureFrom: 7,
  FeatureTo: 8,
  Hist: 9,
  Offsets: 10,
} as const;

const histogramTask: TeamTask = (p, shared) => {
  const get = <T>(id: number) => shared.get(id) as T;
  buildHistograms({
    bins: get<Uint8Array>(p[P.Bins]!),
    nRows: p[P.NRows]!,
    rows: p[P.Rows] === 0 ? null : get<Int32Array>(p[P.Rows]!),
    gradients: get<Float64Array>(p[P.Gradients]!),
    hessians: get<Float64Array>(p[P.Hessians]!),
    start: p[P.Start]!,
    end: p[P.End]!,
    featureFrom: p[P.FeatureFrom]!,
    featureTo: p[P.FeatureTo]!,
    hist: get<Float64Array>(p[P.Hist]!),
    offsets: get<Int32Array>(p[P.Offsets]!),
  });
};
export default histogramTask;

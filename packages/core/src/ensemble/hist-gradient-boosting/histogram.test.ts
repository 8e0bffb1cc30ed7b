// Histogram kernels against a plain per-row sum: every feature-group kernel (four, two, one at a
// time), identity and gathered rows, and unit hessians (counted rather than summed).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../utils/random.js';
import { BIN_STRIDE, buildHistograms, gatherGradients, type HistogramTask } from './histogram.js';

function setup(rng: Rng, nRows: number, nFeatures: number) {
  const nBins = 7;
  const bins = Uint8Array.from({ length: nRows * nFeatures }, () => rng.int(nBins + 1));
  const offsets = Int32Array.from({ length: nFeatures + 1 }, (_, f) => f * (nBins + 1));
  const g = Float64Array.from({ length: nRows }, () => rng.normal());
  const h = Float64Array.from({ length: nRows }, () => rng.next());
  // Every third row, in order: what a node's row range holds after partitions.
  const rows = Int32Array.from({ length: Math.ceil(nRows / 3) }, (_, k) => 3 * k);
  return { bins, offsets, g, h, rows };
}

/** The histogram of features [from, to) summed row by row. */
function naive(
  bins: Uint8Array,
  nRows: number,
  rows: Int32Array | null,
  g: Float64Array,
  h: Float64Array,
  offsets: Int32Array,
  from: number,
  to: number,
): Float64Array {
  const out = new Float64Array(offsets[offsets.length - 1]! * BIN_STRIDE);
  const n = rows ? rows.length : nRows;
  for (let f = from; f < to; f++) {
    for (let k = 0; k < n; k++) {
      const r = rows ? rows[k]! : k;
      const o = (offsets[f]! + bins[f * nRows + r]!) * BIN_STRIDE;
      out[o] = out[o]! + g[k]!;
      out[o + 1] = out[o + 1]! + h[k]!;
      out[o + 2] = out[o + 2]! + 1;
    }
  }
  return out;
}

describe('buildHistograms', () => {
  const rng = new Rng(11);

  it('matches a row-by-row sum for every feature count and range', () => {
    const nRows = 301;
    for (let d = 1; d <= 9; d++) {
      const { bins, offsets, g, h, rows } = setup(rng, nRows, d);
      const og = new Float64Array(nRows);
      const oh = new Float64Array(nRows);
      gatherGradients(rows, g, h, og, oh, 0, rows.length, 0);
      for (const [from, to] of [
        [0, d],
        [Math.floor(d / 2), d],
      ] as const) {
        const base = { bins, nRows, featureFrom: from, featureTo: to, offsets, unitHessians: false };
        // Only the range's bins are written; stale values from an earlier node must not leak in.
        const range = (a: Float64Array) =>
          Array.from(a.subarray(offsets[from]! * BIN_STRIDE, offsets[to]! * BIN_STRIDE));
        const hist = new Float64Array(offsets[d]! * BIN_STRIDE).fill(7);
        buildHistograms({
          ...base,
          rows: null,
          gradients: g,
          hessians: h,
          gatheredFrom: 0,
          start: 0,
          end: nRows,
          hist,
        });
        expect(range(hist)).toEqual(range(naive(bins, nRows, null, g, h, offsets, from, to)));
        hist.fill(7);
        buildHistograms({
          ...base,
          rows,
          gradients: og,
          hessians: oh,
          gatheredFrom: 0,
          start: 0,
          end: rows.length,
          hist,
        });
        expect(range(hist)).toEqual(range(naive(bins, nRows, rows, og, oh, offsets, from, to)));
        // A node from position s on, its gradients gathered from the arrays' start.
        const s = Math.floor(rows.length / 3);
        const sg = new Float64Array(rows.length - s);
        const sh = new Float64Array(rows.length - s);
        gatherGradients(rows, g, h, sg, sh, s, rows.length, s);
        hist.fill(7);
        buildHistograms({
          ...base,
          rows,
          gradients: sg,
          hessians: sh,
          gatheredFrom: s,
          start: s,
          end: rows.length,
          hist,
        });
        const tail = rows.subarray(s);
        expect(range(hist)).toEqual(range(naive(bins, nRows, tail, sg, sh, offsets, from, to)));
      }
    }
  });

  it('counts unit hessians: the same doubles as summing ones, without reading hessians', () => {
    const nRows = 500;
    for (const d of [1, 2, 3, 4, 5, 8, 9]) {
      const { bins, offsets, g, rows } = setup(rng, nRows, d);
      const ones = new Float64Array(nRows).fill(1);
      const og = new Float64Array(nRows);
      gatherGradients(rows, g, ones, og, null, 0, rows.length, 0);
      const task = (unitHessians: boolean, hessians: Float64Array): HistogramTask => ({
        bins,
        nRows,
        rows,
        gradients: og,
        hessians,
        gatheredFrom: 0,
        start: 0,
        end: rows.length,
        featureFrom: 0,
        featureTo: d,
        hist: new Float64Array(offsets[d]! * BIN_STRIDE),
        offsets,
        unitHessians,
      });
      const summed = task(false, new Float64Array(nRows).fill(1));
      // NaN hessians would poison every bin if the unit path read them.
      const counted = task(true, new Float64Array(nRows).fill(Number.NaN));
      buildHistograms(summed);
      buildHistograms(counted);
      expect(Array.from(counted.hist)).toEqual(Array.from(summed.hist));
    }
  });
});

describe('gatherGradients', () => {
  it('gathers gradients and hessians in node order, and gradients only when told', () => {
    const rows = Int32Array.of(4, 0, 2);
    const g = Float64Array.of(0, 1, 2, 3, 4);
    const h = Float64Array.of(10, 11, 12, 13, 14);
    const og = new Float64Array(5);
    const oh = new Float64Array(5);
    gatherGradients(rows, g, h, og, oh, 1, 3, 0);
    expect(Array.from(og)).toEqual([0, 0, 2, 0, 0]);
    expect(Array.from(oh)).toEqual([0, 10, 12, 0, 0]);
    const og2 = new Float64Array(5);
    gatherGradients(rows, g, h, og2, null, 0, 3, 0);
    expect(Array.from(og2)).toEqual([4, 0, 2, 0, 0]);
    // Positions 1 and 2 into the first two slots.
    const og3 = new Float64Array(2);
    const oh3 = new Float64Array(2);
    gatherGradients(rows, g, h, og3, oh3, 1, 3, 1);
    expect(Array.from(og3)).toEqual([0, 2]);
    expect(Array.from(oh3)).toEqual([10, 12]);
  });
});

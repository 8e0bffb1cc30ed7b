// Split records: how a worker hands the best split of its features back to the main thread.
import { describe, expect, it } from 'vitest';
import {
  BITS_WORDS,
  readSplit,
  SPLIT_RECORD,
  type SplitContext,
  type SplitInfo,
  writeSplit,
} from './splitter.js';

const ctx: SplitContext = {
  nBins: Int32Array.of(40, 200),
  isCategorical: Uint8Array.of(0, 1),
  offsets: Int32Array.of(0, 41, 242),
  minSamplesLeaf: 1,
  minHessianLeaf: 0,
  l2: 0.5,
  monotonic: new Int8Array(2),
};
const node = { sumG: -3.25, sumH: 40, lower: -0.05, upper: Number.POSITIVE_INFINITY };

describe('split records', () => {
  it('carry numeric and categorical splits, and their absence, unchanged', () => {
    const records = new Float64Array(3 * SPLIT_RECORD).fill(Number.NaN);
    const bits = new Uint32Array(3 * BITS_WORDS);
    const numeric: SplitInfo = {
      gain: 0.125,
      feature: 0,
      binThreshold: 17,
      missingLeft: true,
      leftBins: null,
      gl: -1.5,
      hl: 12,
      cl: 13,
      valueLeft: 1.5 / 12.5,
      valueRight: 1.75 / 28.5,
    };
    const leftBins = new Uint32Array(7);
    leftBins[0] = 0b1011;
    leftBins[6] = 1 << 8; // bin 200, the missing bin
    const categorical: SplitInfo = { ...numeric, feature: 1, binThreshold: -1, missingLeft: true, leftBins };
    writeSplit(numeric, records, bits, 0);
    writeSplit(null, records, bits, 1);
    writeSplit(categorical, records, bits, 2);
    expect(readSplit(ctx, node, records, bits, 0)).toEqual(numeric);
    expect(readSplit(ctx, node, records, bits, 1)).toBeNull();
    const back = readSplit(ctx, node, records, bits, 2)!;
    expect(back).toEqual(categorical);
    expect(back.leftBins).not.toBe(leftBins);
  });
});

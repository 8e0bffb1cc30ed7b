import { describe, expect, it } from 'vitest';
import { Rng } from '../../utils/random.js';
import { BoostingTeam } from './boosting-team.js';
import { type GrowNode, TreeGrower } from './grower.js';

const N = 4_000;
const D = 6;
const BINS = 16;

/** Binned data (column-major) whose gradients depend on several features, so trees grow wide. */
function problem(seed: number) {
  const rng = new Rng(seed);
  const bins = new Uint8Array(N * D);
  for (let k = 0; k < bins.length; k++) bins[k] = rng.int(BINS);
  const g = new Float64Array(N);
  for (let i = 0; i < N; i++)
    g[i] =
      Math.sin(bins[i]! / 3) + (bins[N + i]! > 7 ? 1 : -0.5) * (bins[2 * N + i]! / BINS) + rng.normal() * 0.3;
  const offsets = new Int32Array(D + 1);
  for (let j = 0; j < D; j++) offsets[j + 1] = offsets[j]! + BINS + 1;
  return { bins, g, offsets };
}

function grower(maxLeafNodes: number, offsets: Int32Array, bins: Uint8Array): TreeGrower {
  return new TreeGrower(
    bins,
    N,
    D,
    {
      split: {
        nBins: new Int32Array(D).fill(BINS),
        isCategorical: new Uint8Array(D),
        offsets,
        minSamplesLeaf: 20,
        minHessianLeaf: 1e-3,
        l2: 0,
        monotonic: new Int8Array(D),
      },
      maxLeafNodes,
      maxDepth: Number.POSITIVE_INFINITY,
      learningRate: 0.1,
      featuresPerSplit: D,
      unitHessians: true,
      maxGathered: Math.ceil(N / 2),
    },
    new BoostingTeam(1, D),
  );
}

/** The splits in the order they were made: split k gave its node children 2k+1 and 2k+2. */
function splitOrder(nodes: GrowNode[]): string[] {
  const order: string[] = [];
  for (let k = 0; ; k++) {
    const node = nodes.find((n) => n.left === 2 * k + 1);
    if (!node) return order;
    order.push(`${node.start}:${node.end} f${node.split?.feature ?? '?'}`);
  }
}

describe('TreeGrower', () => {
  it('frees the histograms of nodes no remaining split can reach, and grows the same tree', async () => {
    const { bins, g, offsets } = problem(3);
    const small = grower(31, offsets, bins);
    const nodes = await small.grow(g, null, N, true, new Rng(1));
    // A leaf-wise tree of 1000 leaves makes its first 30 splits in the same order: nothing it
    // keeps open is dropped that early, so it checks the 31-leaf tree's choices.
    const large = grower(1000, offsets, bins);
    const wide = await large.grow(g, null, N, true, new Rng(1));
    const splits = splitOrder(nodes);
    expect(splits).toHaveLength(30);
    expect(splitOrder(wide).slice(0, 30)).toEqual(splits);
    // Every open leaf of a 31-leaf tree would hold a histogram until the end (about 30); with
    // k splits left only the k best open leaves keep theirs.
    expect(small.histogramsMade).toBeLessThanOrEqual(18);
    expect(large.histogramsMade).toBeGreaterThan(30);
    // The pool is reused: a second tree makes none.
    await small.grow(g, null, N, true, new Rng(2));
    expect(small.histogramsMade).toBeLessThanOrEqual(18);
  });
});

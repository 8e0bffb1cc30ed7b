// Leaf-wise (best-first) growth of one regression tree on binned data: histograms for the
// smaller child, the sibling by subtraction, the leaf with the largest gain split next.
import { sharedFloat64 } from '../../parallel/index.js';
import type { Rng } from '../../utils/random.js';
import type { BoostingTeam } from './boosting-team.js';
import type { ScanJob, SplitContext, SplitInfo } from './splitter.js';

/** Growth settings fixed for a whole fit. */
export interface GrowerOptions {
  split: SplitContext;
  maxLeafNodes: number;
  maxDepth: number;
  learningRate: number;
  /** Features considered per split (all when equal to the feature count). */
  featuresPerSplit: number;
  /** Every hessian is 1 (BoostingLoss.hessianIsWeight, unweighted): histograms count instead. */
  unitHessians: boolean;
  /**
   * Most rows whose gradients are gathered at once: half the rows when every tree starts from
   * all rows in order (the root reads them by row, a smaller child holds at most half), else
   * the rows of a tree.
   */
  maxGathered: number;
}

/** A node of a tree being grown; rows are `rows[start..end)` of the grower's row buffer. */
export interface GrowNode {
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  count: number;
  /** Newton value; shrinkage (the learning rate) included once `grow` returns. */
  value: number;
  lower: number;
  upper: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
  left: number;
  right: number;
}

/** Grows trees over one binned training set, reusing its buffers across trees. */
export class TreeGrower {
  /** Row indices; after growth each leaf owns a contiguous range. */
  readonly rows: Int32Array;
  private readonly scratch: Int32Array;
  private readonly orderedG: Float64Array;
  private readonly orderedH: Float64Array;
  private readonly freeHists: Float64Array[] = [];
  private made = 0;
  private readonly histLength: number;
  /** The histogram offsets (a copy in the fit's memory when it has one). */
  private readonly offsets: Int32Array;
  /** A free histogram, or a new one. */
  private readonly takeHist: () => Float64Array;
  /** The WebAssembly kernel reads rows even where they are 0, 1, 2...: the rows are always given. */
  private readonly alwaysRows: boolean;
  private readonly featureOrder: Int32Array;
  /** The features each of a split's two children may split on (maxFeatures). */
  private readonly featureMasks: [Uint8Array, Uint8Array];

  constructor(
    private readonly bins: Uint8Array,
    private readonly nRows: number,
    private readonly nFeatures: number,
    private readonly opts: GrowerOptions,
    private readonly team: BoostingTeam,
  ) {
    const shared = team.shared;
    const memory = team.memory;
    const int32 = (n: number) =>
      memory?.int32(n) ?? (shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n));
    const float64 = (n: number) => memory?.float64(n) ?? (shared ? sharedFloat64(n) : new Float64Array(n));
    this.rows = int32(nRows);
    this.scratch = int32(nRows);
    this.orderedG = float64(opts.maxGathered);
    // Unit hessians are never gathered.
    this.orderedH = float64(opts.unitHessians ? 0 : opts.maxGathered);
    const offsets = opts.split.offsets;
    this.offsets = memory?.int32(offsets.length) ?? offsets;
    if (this.offsets !== offsets) this.offsets.set(offsets);
    this.histLength = offsets[nFeatures]! * 3;
    this.takeHist = () => {
      const free = this.freeHists.pop();
      if (free) return free;
      this.made++;
      return float64(this.histLength);
    };
    this.alwaysRows = memory?.ownsAll(bins, this.rows, this.orderedG) === true;
    this.featureOrder = Int32Array.from({ length: nFeatures }, (_, i) => i);
    this.featureMasks = [new Uint8Array(nFeatures), new Uint8Array(nFeatures)];
  }

  /** @internal Histograms made so far (they are pooled): at most the nodes that may still split at once. */
  get histogramsMade(): number {
    return this.made;
  }

  private releaseHist(node: GrowNode): void {
    if (node.hist) this.freeHists.push(node.hist);
    node.hist = null;
  }

  /**
   * Builds `node`'s histogram. With a `sibling`, the parent's histogram becomes the sibling's
   * (less this one). Then returns the best split of each node in `scan` (the node, its sibling,
   * in that order: each draws its features in turn).
   */
  private async histogram(
    node: GrowNode,
    g: Float64Array,
    h: Float64Array | null,
    identity: boolean,
    parent: GrowNode | null,
    sibling: GrowNode | null,
    scan: GrowNode[],
    rng: Rng,
    signal?: AbortSignal,
  ): Promise<(SplitInfo | null)[]> {
    const hist = this.takeHist();
    node.hist = hist;
    if (parent && sibling) {
      sibling.hist = parent.hist;
      parent.hist = null;
    }
    const scans = scan.map(
      (c, i): ScanJob => ({
        hist: c.hist!,
        sumG: c.sumG,
        sumH: c.sumH,
        count: c.count,
        lower: c.lower,
        upper: c.upper,
        mask: this.mask(rng, i),
      }),
    );
    // A root over all rows in order reads gradients by row. Other nodes' are gathered in node
    // order first, from the start of the ordered arrays, so histogram passes read them in order.
    if (!identity) {
      if (node.end - node.start > this.orderedG.length)
        throw new RangeError(
          `TreeGrower: ${node.end - node.start} rows to gather, room for ${this.orderedG.length}`,
        );
      await this.team.gather(
        this.rows,
        g,
        h,
        this.orderedG,
        this.opts.unitHessians ? null : this.orderedH,
        node.start,
        node.end,
        node.start,
      );
    }
    return this.team.histogram(
      {
        bins: this.bins,
        nRows: this.nRows,
        rows: identity && !this.alwaysRows ? null : this.rows,
        gradients: identity ? g : this.orderedG,
        hessians: identity ? (h ?? this.orderedH) : this.orderedH,
        gatheredFrom: identity ? 0 : node.start,
        start: node.start,
        end: node.end,
        featureFrom: 0,
        featureTo: this.nFeatures,
        hist,
        offsets: this.offsets,
        unitHessians: this.opts.unitHessians,
      },
      { split: this.opts.split, sibling: sibling?.hist ?? null, scans },
      signal,
    );
  }

  /** Draws the features a node may split on into mask `slot`; null when it may use all. */
  private mask(rng: Rng, slot: number): Uint8Array | null {
    const k = this.opts.featuresPerSplit;
    if (k >= this.nFeatures) return null;
    const order = this.featureOrder;
    const mask = this.featureMasks[slot]!;
    mask.fill(0);
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(this.nFeatures - i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
      mask[order[i]!] = 1;
    }
    return mask;
  }

  /**
   * Makes leaves of the open nodes that can no longer be split, freeing their histograms: each
   * split takes the open node of largest gain (the first in `open` on ties), and open nodes'
   * gains never change, so a node with `remaining` or more nodes ahead of it in that order is
   * never reached. Half the histograms of a 31-leaf tree are thus freed before it is grown.
   */
  private dropUnreachable(open: GrowNode[], remaining: number): void {
    if (open.length <= remaining) return;
    const gain = (k: number) => open[k]!.split!.gain;
    const keep = open.map((_, i) => {
      let ahead = 0;
      for (let j = 0; j < open.length; j++) if (gain(j) > gain(i) || (gain(j) === gain(i) && j < i)) ahead++;
      return ahead < remaining;
    });
    let kept = 0;
    open.forEach((node, i) => {
      if (keep[i]) open[kept++] = node;
      else {
        node.split = null;
        this.releaseHist(node);
      }
    });
    open.length = kept;
  }

  private canSplit(node: GrowNode): boolean {
    return node.depth < this.opts.maxDepth && node.count >= 2 * this.opts.split.minSamplesLeaf;
  }

  /**
   * Grows one tree on rows[0..nUsed) (all rows in order when `nUsed` equals the row count and
   * `identity` is set) with per-row gradients g and hessians h (null when all are 1, with
   * unitHessians). Returns the nodes, root first.
   */
  async grow(
    g: Float64Array,
    h: Float64Array | null,
    nUsed: number,
    identity: boolean,
    rng: Rng,
    signal?: AbortSignal,
  ): Promise<GrowNode[]> {
    const { opts } = this;
    const sc = opts.split;
    const [sumG, sumH] = rootSums(this.rows, g, h, nUsed, identity);
    const root: GrowNode = {
      start: 0,
      end: nUsed,
      depth: 0,
      sumG,
      sumH,
      count: nUsed,
      value: -sumG / (sumH + sc.l2),
      lower: Number.NEGATIVE_INFINITY,
      upper: Number.POSITIVE_INFINITY,
      hist: null,
      split: null,
      left: -1,
      right: -1,
    };
    const nodes = [root];
    const open: GrowNode[] = [];
    if (this.canSplit(root) && opts.maxLeafNodes > 1) {
      const [split] = await this.histogram(root, g, h, identity, null, null, [root], rng, signal);
      root.split = split ?? null;
      if (root.split) open.push(root);
      else this.releaseHist(root);
    }
    let leaves = 1;
    while (open.length > 0 && leaves < opts.maxLeafNodes) {
      let bi = 0;
      for (let i = 1; i < open.length; i++) if (open[i]!.split!.gain > open[bi]!.split!.gain) bi = i;
      // Taken out in place: the others keep their order (ties go to the first).
      const node = open[bi]!;
      open.copyWithin(bi, bi + 1);
      open.length--;
      const s = node.split!;
      const mid = await this.team.partition(
        this.rows,
        this.scratch,
        this.bins,
        {
          col: s.feature * this.nRows,
          binThreshold: s.binThreshold,
          missingBin: this.opts.split.nBins[s.feature]!,
          missingLeft: s.missingLeft,
          leftBins: s.leftBins,
        },
        node.start,
        node.end,
      );
      const cst = sc.monotonic[s.feature]!;
      const l = childNode(node, node.start, mid, s.gl, s.hl, true, cst);
      const r = childNode(node, mid, node.end, node.sumG - s.gl, node.sumH - s.hl, false, cst);
      node.left = nodes.length;
      node.right = nodes.length + 1;
      nodes.push(l, r);
      leaves++;
      const room = leaves < opts.maxLeafNodes;
      const splitL = room && this.canSplit(l);
      const splitR = room && this.canSplit(r);
      if (splitL || splitR) {
        const small = l.count <= r.count ? l : r;
        const large = small === l ? r : l;
        // The larger child's histogram is the parent's less the smaller one's, when it may split.
        const scan = splitL && splitR ? [l, r] : splitL ? [l] : [r];
        const splits = await this.histogram(
          small,
          g,
          h,
          false,
          node,
          (small === l ? splitR : splitL) ? large : null,
          scan,
          rng,
          signal,
        );
        for (let i = 0; i < scan.length; i++) {
          const c = scan[i]!;
          c.split = splits[i]!;
          if (c.split) open.push(c);
        }
        if (!l.split) this.releaseHist(l);
        if (!r.split) this.releaseHist(r);
      }
      this.releaseHist(node);
      this.dropUnreachable(open, opts.maxLeafNodes - leaves);
    }
    for (const n of open) {
      n.split = null;
      this.releaseHist(n);
    }
    for (const n of nodes) n.value *= opts.learningRate;
    return nodes;
  }
}

/**
 * The left or right child of `parent`'s split over rows[start..end), with sums gs and hs. Under
 * a monotonic constraint `cst` the children's values are bounded by their mid value: the
 * increasing side from below, the other from above.
 */
function childNode(
  parent: GrowNode,
  start: number,
  end: number,
  gs: number,
  hs: number,
  left: boolean,
  cst: number,
): GrowNode {
  const s = parent.split!;
  const midValue = (s.valueLeft + s.valueRight) / 2;
  return {
    start,
    end,
    depth: parent.depth + 1,
    sumG: gs,
    sumH: hs,
    count: end - start,
    value: left ? s.valueLeft : s.valueRight,
    lower: cst !== 0 && left === cst < 0 ? midValue : parent.lower,
    upper: cst !== 0 && left === cst > 0 ? midValue : parent.upper,
    hist: null,
    split: null,
    left: -1,
    right: -1,
  };
}

/**
 * The root's sums of g and h over rows[0..n), after setting rows[k] = k when `identity`. A plain
 * function like the other kernels: V8 optimizes loops inside async methods poorly (the gradient
 * gather, when it lived in one, was deoptimized about 45 times per fit).
 */
function rootSums(
  rows: Int32Array,
  g: Float64Array,
  h: Float64Array | null,
  n: number,
  identity: boolean,
): [number, number] {
  let sumG = 0;
  let sumH = 0;
  if (identity) {
    // The same sums in the same order as through rows, read in sequence (5x faster).
    for (let k = 0; k < n; k++) {
      rows[k] = k;
      sumG += g[k]!;
    }
    if (h) for (let k = 0; k < n; k++) sumH += h[k]!;
  } else {
    for (let k = 0; k < n; k++) sumG += g[rows[k]!]!;
    if (h) for (let k = 0; k < n; k++) sumH += h[rows[k]!]!;
  }
  // Without hessians every one is 1: their sum is the row count (exact below 2^53).
  return [sumG, h ? sumH : n];
}

// Histogram kernels: per feature and bin, the sums of gradients, hessians and sample counts of a
// node's rows, and the sibling's histogram by subtraction. Shared by the main thread and workers.

/** Values per histogram bin: sum of gradients, sum of hessians, count. */
export const BIN_STRIDE = 3;

/** The inputs of one histogram build; every array may live on shared memory. */
export interface HistogramTask {
  /** Binned X, column-major: bins[f * nRows + i]. */
  bins: Uint8Array;
  nRows: number;
  /** Row indices of the node in positions [start, end); null means rows start..end-1 themselves. */
  rows: Int32Array | null;
  /**
   * Gradients and hessians of positions [start, end), gathered in node order from position
   * `gatheredFrom` on (position k's at index k - gatheredFrom), or by row when `rows` is null.
   */
  gradients: Float64Array;
  hessians: Float64Array;
  gatheredFrom: number;
  /**
   * Every hessian is 1 (squared error and the like, unweighted): hessians are not read, and each
   * bin's hessian sum is set to its count, which is exactly what summing the ones would give.
   */
  unitHessians: boolean;
  start: number;
  end: number;
  /** Features [featureFrom, featureTo) are built. */
  featureFrom: number;
  featureTo: number;
  /** Output: BIN_STRIDE values per bin, feature f's bins from offsets[f]. */
  hist: Float64Array;
  offsets: Int32Array;
}

/** Builds the histograms of features [featureFrom, featureTo) for one node, up to four features per pass over the rows. */
export function buildHistograms(task: HistogramTask): void {
  const { featureFrom, featureTo, hist, offsets } = task;
  hist.fill(0, offsets[featureFrom]! * BIN_STRIDE, offsets[featureTo]! * BIN_STRIDE);
  let f = featureFrom;
  const four = task.unitHessians ? buildFourUnit : buildFour;
  for (; f + 4 <= featureTo; f += 4) four(task, f);
  if (f + 2 <= featureTo) {
    buildTwo(task, f);
    f += 2;
  }
  if (f < featureTo) buildOne(task, f);
  if (task.unitHessians)
    for (let o = offsets[featureFrom]! * BIN_STRIDE; o < offsets[featureTo]! * BIN_STRIDE; o += BIN_STRIDE)
      hist[o + 1] = hist[o + 2]!;
}

function buildOne(task: HistogramTask, f: number): void {
  const { bins, nRows, rows, gradients: g, hessians: h, gatheredFrom: gf, start, end, hist } = task;
  const unit = task.unitHessians;
  const base = task.offsets[f]! * BIN_STRIDE;
  const col = f * nRows;
  for (let k = start; k < end; k++) {
    const o = base + bins[col + (rows === null ? k : rows[k]!)]! * BIN_STRIDE;
    hist[o] = hist[o]! + g[k - gf]!;
    if (!unit) hist[o + 1] = hist[o + 1]! + h[k - gf]!;
    hist[o + 2] = hist[o + 2]! + 1;
  }
}

/** Two features at once (what is left after groups of four). */
function buildTwo(task: HistogramTask, f: number): void {
  const {
    bins,
    nRows,
    rows,
    gradients: g,
    hessians: h,
    gatheredFrom: gf,
    start,
    end,
    hist,
    offsets,
    unitHessians: unit,
  } = task;
  const b0 = offsets[f]! * BIN_STRIDE;
  const b1 = offsets[f + 1]! * BIN_STRIDE;
  const c0 = f * nRows;
  const c1 = c0 + nRows;
  for (let k = start; k < end; k++) {
    const r = rows === null ? k : rows[k]!;
    const gk = g[k - gf]!;
    const hk = unit ? 0 : h[k - gf]!;
    let o = b0 + bins[c0 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    if (!unit) hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b1 + bins[c1 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    if (!unit) hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
  }
}

/** Four features at once: each row's gradient, hessian and index are read once for four bins. */
function buildFour(task: HistogramTask, f: number): void {
  const { bins, nRows, rows, gradients: g, hessians: h, gatheredFrom: gf, start, end, hist, offsets } = task;
  const b0 = offsets[f]! * BIN_STRIDE;
  const b1 = offsets[f + 1]! * BIN_STRIDE;
  const b2 = offsets[f + 2]! * BIN_STRIDE;
  const b3 = offsets[f + 3]! * BIN_STRIDE;
  const c0 = f * nRows;
  const c1 = c0 + nRows;
  const c2 = c1 + nRows;
  const c3 = c2 + nRows;
  for (let k = start; k < end; k++) {
    const r = rows === null ? k : rows[k]!;
    const gk = g[k - gf]!;
    const hk = h[k - gf]!;
    let o = b0 + bins[c0 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b1 + bins[c1 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b2 + bins[c2 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b3 + bins[c3 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 1] = hist[o + 1]! + hk;
    hist[o + 2] = hist[o + 2]! + 1;
  }
}

/** buildFour for unit hessians: no hessian is read or summed (a test per update cost 5 %). */
function buildFourUnit(task: HistogramTask, f: number): void {
  const { bins, nRows, rows, gradients: g, gatheredFrom: gf, start, end, hist, offsets } = task;
  const b0 = offsets[f]! * BIN_STRIDE;
  const b1 = offsets[f + 1]! * BIN_STRIDE;
  const b2 = offsets[f + 2]! * BIN_STRIDE;
  const b3 = offsets[f + 3]! * BIN_STRIDE;
  const c0 = f * nRows;
  const c1 = c0 + nRows;
  const c2 = c1 + nRows;
  const c3 = c2 + nRows;
  for (let k = start; k < end; k++) {
    const r = rows === null ? k : rows[k]!;
    const gk = g[k - gf]!;
    let o = b0 + bins[c0 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b1 + bins[c1 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b2 + bins[c2 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 2] = hist[o + 2]! + 1;
    o = b3 + bins[c3 + r]! * BIN_STRIDE;
    hist[o] = hist[o]! + gk;
    hist[o + 2] = hist[o + 2]! + 1;
  }
}

/**
 * og[k - from], oh[k - from] = g[rows[k]], h[rows[k]] for k in [start, end): a node's gradients
 * in node order, so the histogram passes read them sequentially. Hessians are skipped when `oh`
 * or `h` is null (unit hessians are neither stored nor read).
 */
export function gatherGradients(
  rows: Int32Array,
  g: Float64Array,
  h: Float64Array | null,
  og: Float64Array,
  oh: Float64Array | null,
  start: number,
  end: number,
  from: number,
): void {
  if (oh === null || h === null) {
    for (let k = start; k < end; k++) og[k - from] = g[rows[k]!]!;
    return;
  }
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    og[k - from] = g[r]!;
    oh[k - from] = h[r]!;
  }
}

/** In place: `parent` becomes parent − child (the sibling's histogram), over values [from, to). */
export function subtractHistograms(
  parent: Float64Array,
  child: Float64Array,
  from = 0,
  to: number = parent.length,
): void {
  for (let i = from; i < to; i++) parent[i] = parent[i]! - child[i]!;
}

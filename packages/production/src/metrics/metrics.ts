// Prometheus metrics of a serving app (prom-client, on a registry of its own so two apps in one
// process never collide). Label children are cached so the hot path does no label hashing.
// Drift and A/B gauges are computed at scrape time from the live monitors.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DriftReport } from '../drift/index.js';

const ROW_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface MetricsOptions {
  /** Metric name prefix (default "mlpy_"). */
  prefix?: string;
  /** Also export Node process metrics (heap, event-loop lag…); default true. */
  processMetrics?: boolean;
}

/** Sources of the gauges computed at scrape time. */
export interface ScrapeSources {
  drift: () => DriftReport[];
  models: () => { name: string; version: string; ref: string }[];
}

/** The metrics one serving app exports. */
export class ServingMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly latency: Histogram<'route'>;
  private readonly predictions: Counter<'model' | 'version'>;
  private readonly batchRows: Histogram<'model'>;
  private readonly batchRequests: Histogram<'model'>;
  private readonly swaps: Counter<'model' | 'ref'>;
  private readonly abRequests: Counter<'experiment' | 'variant' | 'role'>;
  private readonly abLatency: Histogram<'experiment' | 'variant'>;
  private readonly abFeedback: Counter<'experiment' | 'variant'>;
  private readonly rejected: Counter<'reason'>;
  private readonly cache = new Map<string, { inc(n?: number): void } & { observe?(v: number): void }>();

  constructor(options: MetricsOptions = {}, sources?: ScrapeSources) {
    const p = options.prefix ?? 'mlpy_';
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: p });
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name: `${p}${name}`, help, labelNames, registers });
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name: `${p}${name}`, help, labelNames, buckets, registers });
    this.requests = counter('http_requests_total', 'HTTP requests by route, method and status.', [
      'route',
      'method',
      'status',
    ]);
    this.latency = histogram(
      'http_request_duration_seconds',
      'HTTP request latency by route.',
      ['route'],
      LATENCY_BUCKETS,
    );
    this.predictions = counter('predictions_total', 'Rows scored per model version.', ['model', 'version']);
    this.batchRows = histogram(
      'batch_rows',
      'Rows per predict call (micro-batching).',
      ['model'],
      ROW_BUCKETS,
    );
    this.batchRequests = histogram(
      'batch_requests',
      'Requests coalesced per predict call.',
      ['model'],
      ROW_BUCKETS.slice(0, 7),
    );
    this.swaps = counter('model_swaps_total', 'Hot swaps of a model reference to another version.', [
      'model',
      'ref',
    ]);
    this.abRequests = counter('ab_requests_total', 'A/B requests per variant (role: served or shadow).', [
      'experiment',
      'variant',
      'role',
    ]);
    this.abLatency = histogram(
      'ab_latency_seconds',
      'Scoring latency per A/B variant.',
      ['experiment', 'variant'],
      LATENCY_BUCKETS,
    );
    this.abFeedback = counter('ab_feedback_total', 'Outcomes received per A/B variant.', [
      'experiment',
      'variant',
    ]);
    this.rejected = counter(
      'rejected_requests_total',
      'Requests refused before scoring (auth, rate limit, draining).',
      ['reason'],
    );
    if (sources) this.scrapeGauges(p, sources);
  }

  private scrapeGauges(p: string, sources: ScrapeSources): void {
    const registers = [this.registry];
    const perFeature = (
      name: string,
      help: string,
      pick: (f: DriftReport['features'][number]) => number | undefined,
    ) =>
      new Gauge({
        name: `${p}${name}`,
        help,
        labelNames: ['model', 'version', 'feature'],
        registers,
        collect() {
          this.reset();
          for (const r of sources.drift())
            for (const f of r.features) {
              const v = pick(f);
              if (v !== undefined && Number.isFinite(v))
                this.set({ model: r.model, version: r.version, feature: f.feature }, v);
            }
        },
      });
    perFeature(
      'drift_psi',
      'Population stability index of a feature, live window vs training profile.',
      (f) => f.psi,
    );
    perFeature(
      'drift_ks_statistic',
      'Two-sample Kolmogorov–Smirnov statistic of a numeric feature.',
      (f) => f.ks?.statistic,
    );
    perFeature('drift_ks_pvalue', 'Kolmogorov–Smirnov p-value of a numeric feature.', (f) => f.ks?.pValue);
    perFeature(
      'drift_chi2_pvalue',
      'Chi-square p-value of a categorical feature.',
      (f) => f.chiSquare?.pValue,
    );
    perFeature('drift_feature_drifted', '1 when the feature is flagged as drifted.', (f) =>
      f.drifted ? 1 : 0,
    );
    const perModel = (name: string, help: string, pick: (r: DriftReport) => number) =>
      new Gauge({
        name: `${p}${name}`,
        help,
        labelNames: ['model', 'version'],
        registers,
        collect() {
          this.reset();
          for (const r of sources.drift()) this.set({ model: r.model, version: r.version }, pick(r));
        },
      });
    perModel('drift_share', 'Share of features flagged as drifted.', (r) => r.driftedShare);
    perModel('drift_dataset', '1 when dataset-level drift is detected.', (r) => (r.datasetDrift ? 1 : 0));
    perModel('drift_window_samples', 'Live rows in the drift window.', (r) => r.samples);
    new Gauge({
      name: `${p}model_info`,
      help: 'Served model references and the version each routes to (value 1).',
      labelNames: ['model', 'ref', 'version'],
      registers,
      collect() {
        this.reset();
        for (const m of sources.models()) this.set({ model: m.name, ref: m.ref, version: m.version }, 1);
      },
    });
  }

  private child<T>(key: string, make: () => T): T {
    let c = this.cache.get(key) as T | undefined;
    if (c === undefined) {
      c = make();
      if (this.cache.size < 10_000) this.cache.set(key, c as never);
    }
    return c;
  }

  /** One finished HTTP request. */
  request(route: string, method: string, status: number, seconds: number): void {
    this.child(`r|${route}|${method}|${status}`, () =>
      this.requests.labels(route, method, String(status)),
    ).inc();
    this.child(`l|${route}`, () => this.latency.labels(route)).observe(seconds);
  }

  scored(model: string, version: string, rows: number): void {
    this.child(`p|${model}|${version}`, () => this.predictions.labels(model, version)).inc(rows);
  }

  batch(model: string, requests: number, rows: number): void {
    this.child(`br|${model}`, () => this.batchRows.labels(model)).observe(rows);
    this.child(`bq|${model}`, () => this.batchRequests.labels(model)).observe(requests);
  }

  swap(model: string, ref: string): void {
    this.swaps.labels(model, ref).inc();
  }

  abRequest(experiment: string, variant: string, role: 'served' | 'shadow', seconds: number): void {
    this.child(`a|${experiment}|${variant}|${role}`, () =>
      this.abRequests.labels(experiment, variant, role),
    ).inc();
    this.child(`al|${experiment}|${variant}`, () => this.abLatency.labels(experiment, variant)).observe(
      seconds,
    );
  }

  abOutcome(experiment: string, variant: string): void {
    this.abFeedback.labels(experiment, variant).inc();
  }

  reject(reason: 'unauthorized' | 'forbidden' | 'rate_limited' | 'draining' | 'too_large'): void {
    this.rejected.labels(reason).inc();
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

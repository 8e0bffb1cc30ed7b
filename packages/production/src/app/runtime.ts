// The state behind a serving app: models, metrics, experiments, drift alerts, auth, audit and the
// in-flight counter graceful shutdown waits on.
import { InvalidParameterError } from '@mlpy/core';
import { Experiment, PredictionLedger } from '../ab/index.js';
import { ApiKeyStore, AuditLog, RateLimiter } from '../auth/index.js';
import { DriftAlerter, type DriftReport } from '../drift/index.js';
import { ServingMetrics } from '../metrics/index.js';
import {
  ModelManager,
  type ModelSource,
  registrySource,
  type ServedModelConfig,
  StaticSource,
} from '../models/index.js';
import { jsonLogger, type ModelSpec, redact, type ServingLogger, type ServingOptions } from './options.js';

function modelConfigs(options: ServingOptions): { configs: ServedModelConfig[]; polled: boolean } {
  let registry: ModelSource | undefined;
  let polled = false;
  const configs = options.models.map((spec): ServedModelConfig => {
    if ('model' in spec) {
      const version = spec.version ?? '1';
      return {
        name: spec.name,
        source: new StaticSource().add(spec.name, version, spec.model),
        ref: version,
      };
    }
    if ('source' in spec) {
      polled = true;
      return spec.ref === undefined
        ? { name: spec.name, source: spec.source }
        : { name: spec.name, source: spec.source, ref: spec.ref };
    }
    if (!options.registry)
      throw new InvalidParameterError(
        `Model '${(spec as ModelSpec).name}' names a registry reference but no registry was given.`,
      );
    registry ??= registrySource(options.registry);
    polled = true;
    return spec.ref === undefined
      ? { name: spec.name, source: registry }
      : { name: spec.name, source: registry, ref: spec.ref };
  });
  return { configs, polled };
}

/** Everything a serving app holds besides its routes. */
export class ServingRuntime {
  readonly manager: ModelManager;
  readonly metrics: ServingMetrics;
  readonly experiments = new Map<string, Experiment>();
  readonly ledger = new PredictionLedger();
  readonly keys: ApiKeyStore | undefined;
  readonly limiter: RateLimiter | undefined;
  readonly audit: AuditLog;
  readonly logger: ServingLogger;
  private readonly alerter: DriftAlerter | undefined;
  private driftTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  /** True once shutdown began: /ready fails and new requests get 503. */
  draining = false;
  private seq = 0;
  private readonly boot = Date.now().toString(36);

  constructor(readonly options: ServingOptions) {
    this.logger = options.logger ?? jsonLogger(options.accessLog);
    const { configs, polled } = modelConfigs(options);
    this.metrics = new ServingMetrics(options.metrics, {
      drift: () => this.driftReports(),
      models: () =>
        this.manager
          .describe()
          .flatMap((m) => Object.entries(m.refs).map(([ref, version]) => ({ name: m.name, ref, version }))),
    });
    this.manager = new ModelManager(configs, {
      ...(options.batching ? { batching: options.batching } : {}),
      ...(options.drift !== undefined ? { drift: options.drift } : {}),
      onBatch: (model, requests, rows) => this.metrics.batch(model, requests, rows),
      onSwap: (s) => {
        this.metrics.swap(s.model, s.ref);
        this.logger.info('model reference moved', { ...s });
      },
    });
    for (const config of options.experiments ?? []) {
      if (!this.manager.names.includes(config.model))
        throw new InvalidParameterError(
          `Experiment '${config.name}' targets unknown model '${config.model}'.`,
        );
      if ([...this.experiments.values()].some((e) => e.config.model === config.model)) {
        throw new InvalidParameterError(`Model '${config.model}' already has an experiment.`);
      }
      this.experiments.set(config.name, new Experiment(config));
    }
    this.keys = options.auth ? new ApiKeyStore(options.auth.keys) : undefined;
    const rl = options.auth?.rateLimit ?? options.rateLimit;
    this.limiter = rl ? new RateLimiter(rl) : undefined;
    this.audit = new AuditLog(options.auditSink);
    if (options.driftAlert) {
      this.alerter = new DriftAlerter(options.driftAlert, (m) => this.logger.warn(m));
      this.driftTimer = setInterval(
        () => void this.checkDrift(),
        options.driftAlert.checkIntervalMs ?? 60_000,
      );
      this.driftTimer.unref();
    }
    const poll = options.pollIntervalMs ?? (polled ? 10_000 : 0);
    if (poll > 0)
      this.manager.startPolling(poll, (err) =>
        this.logger.warn('registry poll failed', { error: redact(err) }),
      );
    this.loadModels(options.startRetryMs ?? 5000);
  }

  /** Loads the models, retrying every `retryMs` until they load (/ready stays 503 meanwhile). */
  private loadModels(retryMs: number): void {
    this.manager.start().catch((err: unknown) => {
      this.logger.error('model load failed; retrying', { error: redact(err), retryInMs: retryMs });
      if (this.closed) return;
      this.retryTimer = setTimeout(() => this.loadModels(retryMs), retryMs);
      this.retryTimer.unref();
    });
  }

  /** Resolves once every model's default reference is loaded. */
  ready(): Promise<void> {
    return this.manager.start();
  }

  /** A request id: the caller's when well-formed, else a fresh one. */
  requestId(incoming: string | undefined): string {
    return incoming && /^[\w.:-]{1,64}$/.test(incoming)
      ? incoming
      : `${this.boot}-${(++this.seq).toString(36)}`;
  }

  /** The experiment routing `model`'s default traffic, if any. */
  experimentFor(model: string): Experiment | undefined {
    for (const e of this.experiments.values()) if (e.config.model === model) return e;
    return undefined;
  }

  /** Drift reports of every loaded version that has a training profile. */
  driftReports(model?: string): DriftReport[] {
    return this.manager
      .handles()
      .filter((h) => h.drift && (model === undefined || h.name === model))
      .map((h) => h.drift!.report());
  }

  /** Runs the drift alert check now (it also runs on a timer); returns the alerts sent. */
  async checkDrift() {
    return this.alerter ? this.alerter.check(this.driftReports()) : [];
  }

  enter(): void {
    this.inFlight++;
  }

  leave(): void {
    if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  get activeRequests(): number {
    return this.inFlight;
  }

  /** Resolves when no request is in flight, or after `timeoutMs` (returns false then). */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Stops timers (polling, drift checks). */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.manager.stopPolling();
    if (this.driftTimer) clearInterval(this.driftTimer);
  }
}

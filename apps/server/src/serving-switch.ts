// Keeps a @mlpy/production serving app in step with the registry. Within an app, the production
// model manager follows alias moves (hot swap, no failed requests). When the set of served models
// or a model's default alias changes (a model registered or promoted for the first time), a new
// app is built, fully loaded, then switched to; the old one drains and closes.
import { createServingApp, type ServingApp, type ServingLogger } from '@mlpy/production';
import type { Tracker } from '@mlpy/tracking';
import type { ServerConfig } from './config.js';
import { readRegistry, servedSpecs } from './registry-view.js';

/** The serving app of the moment, rebuilt when the registry's served set changes. */
export class ServingSwitch {
  private app: ServingApp | undefined;
  private key = '';
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<boolean> | undefined;
  /** The last sync error, shown on /ready and the dashboard. */
  lastError: string | undefined;

  constructor(
    private readonly tracker: Tracker,
    private readonly config: ServerConfig,
    private readonly logger: ServingLogger,
  ) {}

  /** The current serving app, if any model is served. */
  get current(): ServingApp | undefined {
    return this.app;
  }

  /** Reads the registry and rebuilds the serving app when what to serve changed; true when it did. */
  sync(): Promise<boolean> {
    this.syncing ??= this.doSync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async doSync(): Promise<boolean> {
    let specs: { name: string; ref?: string }[];
    try {
      specs = servedSpecs(await readRegistry(this.tracker), this.config.defaultAlias);
    } catch (error) {
      this.lastError = `registry unavailable: ${(error as Error).message}`;
      this.logger.warn('registry read failed', { error: (error as Error).message });
      return false;
    }
    const key = JSON.stringify(specs);
    if (key === this.key) return false;
    if (specs.length === 0) {
      this.retire(this.app);
      this.app = undefined;
      this.key = key;
      this.lastError = undefined;
      return true;
    }
    const next = createServingApp({
      models: specs,
      registry: this.tracker.registry,
      pollIntervalMs: this.config.pollIntervalMs,
      logger: this.logger,
      title: this.config.title,
      ...(this.config.apiKeys ? { auth: { keys: this.config.apiKeys } } : {}),
    });
    try {
      await next.runtime.ready();
    } catch (error) {
      next.runtime.close();
      this.lastError = `models failed to load: ${(error as Error).message}`;
      this.logger.error('serving app not switched: a model failed to load', {
        error: (error as Error).message,
      });
      return false;
    }
    const old = this.app;
    this.app = next;
    this.key = key;
    this.lastError = undefined;
    this.logger.info('serving', { models: specs.map((s) => `${s.name}${s.ref}`) });
    this.retire(old);
    return true;
  }

  /** Closes an app once its in-flight requests are done. */
  private retire(app: ServingApp | undefined): void {
    if (!app) return;
    app.runtime.draining = true;
    void app.runtime.drained(this.config.drainTimeoutMs).then(() => app.runtime.close());
  }

  /** Syncs every `config.pollIntervalMs`. */
  start(): void {
    this.timer = setInterval(() => void this.sync(), this.config.pollIntervalMs);
    this.timer.unref();
  }

  /** Stops syncing, waits for in-flight requests (up to the drain timeout), closes the app. */
  async close(): Promise<boolean> {
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    const app = this.app;
    if (!app) return true;
    app.runtime.draining = true;
    const drained = await app.runtime.drained(this.config.drainTimeoutMs);
    app.runtime.close();
    return drained;
  }
}

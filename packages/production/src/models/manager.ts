// Loads, routes and hot-swaps model versions. Every served name has a default reference (an
// alias such as "@champion", a version, or "latest"); refresh() re-resolves every reference in use
// and, when one moved, loads the new version completely before switching to it, so in-flight and
// new requests never see a half-loaded model (zero failed requests during a swap). Rollback moves
// a reference back to the version it served before.
import { InvalidParameterError, NotFoundError } from '@mlpy/core';
import { type HandleOptions, ModelHandle, type ModelInfo } from './handle.js';
import type { ModelSource } from './source.js';

/** One served model name. */
export interface ServedModelConfig {
  name: string;
  source: ModelSource;
  /** Reference served by default: "@champion", "3" or "latest" (default "@champion" for registries, else "latest"). */
  ref?: string;
}

/** A reference that moved to another version. */
export interface Swap {
  model: string;
  ref: string;
  from: string | undefined;
  to: string;
}

export interface ManagerOptions extends HandleOptions {
  /** Versions kept loaded beyond those a tracked reference points at (default 4). */
  extraVersions?: number;
  onSwap?: (swap: Swap) => void;
  onLoad?: (handle: ModelHandle) => void;
}

interface Entry {
  config: ServedModelConfig;
  ref: string;
  /** Tracked reference → version it resolves to now. */
  refs: Map<string, string>;
  /** Reference → versions it served, oldest first (for rollback). */
  history: Map<string, string[]>;
  loaded: Map<string, ModelHandle>;
  loading: Map<string, Promise<ModelHandle>>;
}

const MAX_TRACKED_REFS = 32;

/** Normalises a user-facing reference: "3", "@champion", "latest". */
export function normaliseRef(ref: string): string {
  const r = ref.trim();
  if (!/^(@?[A-Za-z][\w.-]{0,63}|\d{1,12})$/.test(r))
    throw new InvalidParameterError(`Invalid model version or alias '${ref}'.`);
  return r;
}

/** Holds every served model's loaded versions and the references routed to them. */
export class ModelManager {
  private readonly entries = new Map<string, Entry>();
  private chain: Promise<unknown> = Promise.resolve();
  private started: Promise<void> | undefined;
  private isReady = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    configs: readonly ServedModelConfig[],
    private readonly options: ManagerOptions = {},
  ) {
    if (configs.length === 0) throw new InvalidParameterError('Serving needs at least one model.');
    for (const config of configs) {
      if (this.entries.has(config.name))
        throw new InvalidParameterError(`Model name '${config.name}' is served twice.`);
      const ref = normaliseRef(config.ref ?? (config.source.kind === 'registry' ? '@champion' : 'latest'));
      this.entries.set(config.name, {
        config,
        ref,
        refs: new Map(),
        history: new Map(),
        loaded: new Map(),
        loading: new Map(),
      });
    }
  }

  /** Served model names, the first being the default for /predict. */
  get names(): string[] {
    return [...this.entries.keys()];
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** Loads every model's default reference; resolves when all are servable. A failed start can be retried. */
  start(): Promise<void> {
    this.started ??= Promise.all(this.names.map((name) => this.get(name))).then(
      () => {
        this.isReady = true;
      },
      (err: unknown) => {
        this.started = undefined;
        throw err;
      },
    );
    return this.started;
  }

  private entry(name: string): Entry {
    const e = this.entries.get(name);
    if (!e)
      throw new NotFoundError(`No model named '${name}' is served here. Served: ${this.names.join(', ')}.`);
    return e;
  }

  /** The handle a reference routes to, if already loaded (the allocation-free fast path). */
  current(name: string, ref?: string): ModelHandle | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    const version = e.refs.get(ref ?? e.ref) ?? (ref !== undefined && /^\d+$/.test(ref) ? ref : undefined);
    return version === undefined ? undefined : e.loaded.get(version);
  }

  /** The handle for `name` at `ref` (its default when omitted), loading it when needed. */
  async get(name: string, ref?: string): Promise<ModelHandle> {
    const e = this.entry(name);
    const r = ref === undefined ? e.ref : normaliseRef(ref);
    const fast = this.current(name, r);
    if (fast) return fast;
    const version = e.refs.get(r) ?? (await e.config.source.resolve(name, r));
    const handle = await this.load(e, version);
    if ((r === e.ref || !/^\d+$/.test(r)) && !e.refs.has(r) && e.refs.size < MAX_TRACKED_REFS) {
      e.refs.set(r, version);
      e.history.set(r, [version]);
    }
    return handle;
  }

  private load(e: Entry, version: string): Promise<ModelHandle> {
    const have = e.loaded.get(version);
    if (have) return Promise.resolve(have);
    let pending = e.loading.get(version);
    if (!pending) {
      const name = e.config.name;
      pending = e.config.source
        .load(name, version)
        .then((loaded) => {
          const handle = new ModelHandle(name, version, loaded, this.options);
          e.loaded.set(version, handle);
          this.evict(e);
          this.options.onLoad?.(handle);
          return handle;
        })
        .finally(() => e.loading.delete(version));
      e.loading.set(version, pending);
    }
    return pending;
  }

  private evict(e: Entry): void {
    const pinned = new Set(e.refs.values());
    const extra = [...e.loaded.keys()].filter((v) => !pinned.has(v));
    const keep = this.options.extraVersions ?? 4;
    for (const v of extra.slice(0, Math.max(0, extra.length - keep))) e.loaded.delete(v);
  }

  /** Serialises swaps so two refreshes never race on one reference. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Re-resolves every tracked reference (of one model, or all) and swaps those that moved. */
  refresh(name?: string): Promise<Swap[]> {
    return this.exclusive(async () => {
      const swaps: Swap[] = [];
      for (const e of name === undefined ? this.entries.values() : [this.entry(name)]) {
        for (const [ref, from] of e.refs) {
          const to = await e.config.source.resolve(e.config.name, ref);
          if (to !== from) swaps.push(await this.swap(e, ref, to));
        }
      }
      return swaps;
    });
  }

  private async swap(e: Entry, ref: string, to: string): Promise<Swap> {
    await this.load(e, to); // fully loaded before any request is routed to it
    const from = e.refs.get(ref);
    e.refs.set(ref, to);
    const history = e.history.get(ref) ?? [];
    history.push(to);
    if (history.length > 20) history.shift();
    e.history.set(ref, history);
    this.evict(e);
    const swap: Swap = { model: e.config.name, ref, from, to };
    this.options.onSwap?.(swap);
    return swap;
  }

  /** Points an alias at a version in the source, then routes to it. */
  setAlias(name: string, alias: string, version: string): Promise<Swap> {
    const e = this.entry(name);
    const setter = e.config.source.setAlias?.bind(e.config.source);
    if (!setter)
      throw new InvalidParameterError(`The ${e.config.source.kind} source of '${name}' cannot move aliases.`);
    const a = normaliseRef(alias).replace(/^@/, '');
    const v = normaliseRef(version);
    return this.exclusive(async () => {
      await setter(name, a, v);
      const to = await e.config.source.resolve(name, `@${a}`);
      if (!e.refs.has(`@${a}`)) e.history.set(`@${a}`, []);
      return this.swap(e, `@${a}`, to);
    });
  }

  /** Moves an alias (the default reference when omitted) back to the version it served before. */
  async rollback(name: string, alias?: string): Promise<Swap> {
    const e = this.entry(name);
    const ref = alias === undefined ? e.ref : `@${normaliseRef(alias).replace(/^@/, '')}`;
    const history = e.history.get(ref) ?? [];
    const current = e.refs.get(ref);
    const previous = [...history].reverse().find((v) => v !== current);
    if (previous === undefined)
      throw new NotFoundError(`'${name}' ${ref} has no earlier version to roll back to.`);
    if (!ref.startsWith('@'))
      throw new InvalidParameterError(`'${name}' is pinned to ${ref}; only aliases can be rolled back.`);
    const swap = await this.setAlias(name, ref.slice(1), previous);
    history.splice(history.length - 2, 1); // the rolled-back version leaves the history
    return swap;
  }

  /** Polls the sources every `intervalMs` and swaps moved references; errors go to `onError`. */
  startPolling(intervalMs: number, onError: (err: unknown) => void): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.refresh().catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every loaded version, routed or not. */
  handles(): ModelHandle[] {
    return [...this.entries.values()].flatMap((e) => [...e.loaded.values()]);
  }

  /** Each model with its default reference, routed references and loaded versions. */
  describe(): {
    name: string;
    source: string;
    ref: string;
    refs: Record<string, string>;
    versions: ModelInfo[];
  }[] {
    return [...this.entries.values()].map((e) => ({
      name: e.config.name,
      source: e.config.source.kind,
      ref: e.ref,
      refs: Object.fromEntries(e.refs),
      versions: [...e.loaded.values()].map((h) => h.info()),
    }));
  }
}

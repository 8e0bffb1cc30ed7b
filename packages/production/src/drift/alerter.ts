// Optional webhook alert: when a model's dataset-level drift flag turns on, POST a JSON summary to
// a URL (at most once per `minIntervalMs` per model). Failures are logged, never thrown.
import type { DriftReport } from './monitor.js';

export interface DriftAlertOptions {
  /** Where the alert is POSTed as JSON. */
  url: string;
  /** Extra headers (e.g. an authorization token for the receiver). */
  headers?: Record<string, string>;
  /** Least time between two alerts for one model (default 15 minutes). */
  minIntervalMs?: number;
  /** Request timeout (default 5 s). */
  timeoutMs?: number;
}

/** The JSON an alert carries. */
export interface DriftAlert {
  event: 'mlpy.drift';
  model: string;
  version: string;
  driftedShare: number;
  driftedFeatures: string[];
  samples: number;
  at: string;
}

/** Sends drift alerts to a webhook on rising edges of dataset drift. */
export class DriftAlerter {
  private readonly lastSent = new Map<string, number>();
  private readonly drifting = new Set<string>();

  constructor(
    private readonly options: DriftAlertOptions,
    private readonly onFailure: (message: string) => void = () => {},
  ) {}

  /** Looks at fresh reports and alerts for models that just started drifting; returns the alerts sent. */
  async check(reports: readonly DriftReport[]): Promise<DriftAlert[]> {
    const sent: DriftAlert[] = [];
    const now = Date.now();
    for (const r of reports) {
      const key = `${r.model}@${r.version}`;
      if (!r.datasetDrift) {
        this.drifting.delete(key);
        continue;
      }
      if (this.drifting.has(key)) continue;
      const last = this.lastSent.get(key);
      if (last !== undefined && now - last < (this.options.minIntervalMs ?? 15 * 60_000)) continue;
      this.drifting.add(key);
      this.lastSent.set(key, now);
      const alert: DriftAlert = {
        event: 'mlpy.drift',
        model: r.model,
        version: r.version,
        driftedShare: r.driftedShare,
        driftedFeatures: r.driftedFeatures,
        samples: r.samples,
        at: new Date(now).toISOString(),
      };
      if (await this.post(alert)) sent.push(alert);
    }
    return sent;
  }

  private async post(alert: DriftAlert): Promise<boolean> {
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      if (!res.ok) this.onFailure(`drift webhook answered HTTP ${res.status}`);
      return res.ok;
    } catch (err) {
      this.onFailure(`drift webhook failed: ${(err as Error).name}`);
      return false;
    }
  }
}

// A/B tests between versions of one served model. Split mode routes each request to one variant by
// weight, sticky per request key (the same key always lands on the same variant); shadow mode
// answers with the first variant and scores the others on the side, never returning their answer.
// Per-variant counters and latency feed /metrics; outcomes posted to /feedback feed a summary with
// a significance test of every variant against the first (the control).
import { createHash } from 'node:crypto';
import { InvalidParameterError, NotFoundError } from '@mlpy/core';
import { type TestResult, twoProportionZTest, welchTTest } from '../stats/index.js';

export interface VariantConfig {
  /** Variant name shown in responses and metrics ("control", "challenger"…). */
  name: string;
  /** Model reference it serves: "@champion", "@challenger", "3". */
  ref: string;
  /** Share of traffic in split mode (weights are normalised; default 1). */
  weight?: number;
}

export interface ExperimentConfig {
  name: string;
  /** The served model name the experiment applies to. */
  model: string;
  mode?: 'split' | 'shadow';
  /** The first variant is the control; at least two variants. */
  variants: VariantConfig[];
  /** Significance level of the summary's tests (default 0.05). */
  alpha?: number;
}

interface VariantStats {
  requests: number;
  errors: number;
  latencies: Float64Array;
  latencyCount: number;
  outcomes: number;
  sum: number;
  sumSq: number;
  binary: boolean;
  /** Shadow mode: rows compared with the control's answer, and how many agreed. */
  compared: number;
  agreed: number;
}

export interface VariantSummary {
  name: string;
  ref: string;
  weight: number;
  requests: number;
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number } | null;
  outcomes: number;
  meanOutcome: number | null;
  agreement?: number | null;
  vsControl?: (TestResult & { significant: boolean; lift: number | null }) | null;
}

export interface ExperimentSummary {
  name: string;
  model: string;
  mode: 'split' | 'shadow';
  alpha: number;
  variants: VariantSummary[];
}

const LATENCY_RESERVOIR = 2048;

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** One running A/B test. */
export class Experiment {
  readonly mode: 'split' | 'shadow';
  readonly variants: readonly Required<VariantConfig>[];
  private readonly cumulative: number[];
  private readonly stats = new Map<string, VariantStats>();

  constructor(readonly config: ExperimentConfig) {
    if (config.variants.length < 2)
      throw new InvalidParameterError(`Experiment '${config.name}' needs at least two variants.`);
    const names = new Set(config.variants.map((v) => v.name));
    if (names.size !== config.variants.length)
      throw new InvalidParameterError(`Experiment '${config.name}' repeats a variant name.`);
    this.mode = config.mode ?? 'split';
    this.variants = config.variants.map((v) => ({ ...v, weight: v.weight ?? 1 }));
    const total = this.variants.reduce((s, v) => s + v.weight, 0);
    if (!(total > 0) || this.variants.some((v) => !(v.weight >= 0))) {
      throw new InvalidParameterError(
        `Experiment '${config.name}': weights must be non-negative with a positive sum.`,
      );
    }
    let acc = 0;
    this.cumulative = this.variants.map((v) => (acc += v.weight / total));
    for (const v of this.variants) {
      this.stats.set(v.name, {
        requests: 0,
        errors: 0,
        latencies: new Float64Array(LATENCY_RESERVOIR),
        latencyCount: 0,
        outcomes: 0,
        sum: 0,
        sumSq: 0,
        binary: true,
        compared: 0,
        agreed: 0,
      });
    }
  }

  get name(): string {
    return this.config.name;
  }

  /** The control: answers in shadow mode, the baseline of every test. */
  get control(): Required<VariantConfig> {
    return this.variants[0]!;
  }

  /** The variant serving a request: sticky by `key` (hashed), random without one. */
  assign(key?: string): Required<VariantConfig> {
    if (this.mode === 'shadow') return this.control;
    let u: number;
    if (key) {
      const h = createHash('sha256').update(this.config.name).update('\0').update(key).digest();
      u = h.readUInt32BE(0) / 2 ** 32;
    } else u = Math.random();
    const k = this.cumulative.findIndex((c) => u < c);
    return this.variants[k === -1 ? this.variants.length - 1 : k]!;
  }

  /** Variants scored on the side of `served` (shadow mode only). */
  shadows(): readonly Required<VariantConfig>[] {
    return this.mode === 'shadow' ? this.variants.slice(1) : [];
  }

  private s(variant: string): VariantStats {
    const s = this.stats.get(variant);
    if (!s) throw new NotFoundError(`Experiment '${this.config.name}' has no variant '${variant}'.`);
    return s;
  }

  /** Counts a scored request and its latency. */
  recordRequest(variant: string, seconds: number, ok: boolean): void {
    const s = this.s(variant);
    s.requests++;
    if (!ok) s.errors++;
    else s.latencies[s.latencyCount++ % LATENCY_RESERVOIR] = seconds * 1000;
  }

  /** Shadow mode: how many of a shadow's predictions matched the control's. */
  recordAgreement(variant: string, compared: number, agreed: number): void {
    const s = this.s(variant);
    s.compared += compared;
    s.agreed += agreed;
  }

  /** An outcome for a variant's prediction: 1/0 for success/failure, or any number (revenue…). */
  recordOutcome(variant: string, value: number): void {
    if (!Number.isFinite(value))
      throw new InvalidParameterError('An outcome must be a finite number or a boolean.');
    const s = this.s(variant);
    s.outcomes++;
    s.sum += value;
    s.sumSq += value * value;
    if (value !== 0 && value !== 1) s.binary = false;
  }

  private test(a: VariantStats, b: VariantStats): TestResult | null {
    if (a.outcomes < 2 || b.outcomes < 2) return null;
    if (a.binary && b.binary) return twoProportionZTest(a.sum, a.outcomes, b.sum, b.outcomes);
    const moments = (s: VariantStats) => {
      const mean = s.sum / s.outcomes;
      return {
        n: s.outcomes,
        mean,
        variance: Math.max(0, (s.sumSq - s.outcomes * mean * mean) / (s.outcomes - 1)),
      };
    };
    return welchTTest(moments(a), moments(b));
  }

  /** Counters, latency quantiles, outcomes and each variant's test against the control. */
  summary(): ExperimentSummary {
    const alpha = this.config.alpha ?? 0.05;
    const control = this.s(this.control.name);
    const variants = this.variants.map((v, i): VariantSummary => {
      const s = this.s(v.name);
      const n = Math.min(s.latencyCount, LATENCY_RESERVOIR);
      const sorted = s.latencies.slice(0, n).sort();
      const out: VariantSummary = {
        name: v.name,
        ref: v.ref,
        weight: v.weight,
        requests: s.requests,
        errors: s.errors,
        latencyMs: n
          ? { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) }
          : null,
        outcomes: s.outcomes,
        meanOutcome: s.outcomes ? s.sum / s.outcomes : null,
      };
      if (this.mode === 'shadow' && i > 0) out.agreement = s.compared ? s.agreed / s.compared : null;
      if (i > 0) {
        const t = this.test(s, control);
        const base = control.outcomes ? control.sum / control.outcomes : 0;
        out.vsControl = t && {
          ...t,
          significant: t.pValue < alpha,
          lift: base !== 0 && out.meanOutcome !== null ? out.meanOutcome / base - 1 : null,
        };
      }
      return out;
    });
    return { name: this.config.name, model: this.config.model, mode: this.mode, alpha, variants };
  }
}

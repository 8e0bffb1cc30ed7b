// A/B tests: weighted sticky split, shadow mode, per-variant counters and latency, /feedback and
// the significance summary — unit-level on Experiment and end to end through app.request.
import { describe, expect, it } from 'vitest';
import { FEATURES, fittedClassifier, postJson } from '../../test/fixtures.js';
import { createServingApp } from '../app/create-app.js';
import { StaticSource } from '../models/index.js';
import { Experiment } from './experiment.js';
import { PredictionLedger } from './ledger.js';

const variants = [
  { name: 'control', ref: '@champion', weight: 3 },
  { name: 'treatment', ref: '@challenger', weight: 1 },
];

describe('Experiment', () => {
  it('splits traffic by weight and keeps each key on one variant', () => {
    const e = new Experiment({ name: 'exp', model: 'm', variants });
    const counts: Record<string, number> = { control: 0, treatment: 0 };
    for (let i = 0; i < 4000; i++) counts[e.assign(`user-${i}`).name]!++;
    expect(counts['control']! / 4000).toBeGreaterThan(0.7);
    expect(counts['control']! / 4000).toBeLessThan(0.8);
    for (let i = 0; i < 50; i++) expect(e.assign('user-7').name).toBe(e.assign('user-7').name);
    expect(['control', 'treatment']).toContain(e.assign().name);
  });

  it('validates its configuration', () => {
    expect(() => new Experiment({ name: 'x', model: 'm', variants: [variants[0]!] })).toThrow(/two variants/);
    expect(() => new Experiment({ name: 'x', model: 'm', variants: [variants[0]!, variants[0]!] })).toThrow(
      /repeats/,
    );
    expect(
      () => new Experiment({ name: 'x', model: 'm', variants: variants.map((v) => ({ ...v, weight: 0 })) }),
    ).toThrow(/weights/);
    const e = new Experiment({ name: 'x', model: 'm', variants });
    expect(() => e.recordOutcome('control', Number.NaN)).toThrow(/finite/);
    expect(() => e.recordRequest('ghost', 1, true)).toThrow(/no variant/);
  });

  it('summarises outcomes with a two-proportion z-test, or Welch t for continuous outcomes', () => {
    const e = new Experiment({ name: 'x', model: 'm', variants });
    for (let i = 0; i < 1000; i++) {
      e.recordOutcome('control', i < 90 ? 1 : 0);
      e.recordOutcome('treatment', i < 120 ? 1 : 0);
    }
    e.recordRequest('control', 0.002, true);
    e.recordRequest('control', 0, false);
    const s = e.summary();
    const t = s.variants[1]!;
    // numpy/scipy: z = 2.1882658846227234, p = 0.028650240398448473 for 120/1000 vs 90/1000.
    expect(t.vsControl?.test).toBe('two-proportion-z');
    expect(t.vsControl?.statistic).toBeCloseTo(2.1882658846227234, 10);
    expect(t.vsControl?.pValue).toBeCloseTo(0.028650240398448473, 10);
    expect(t.vsControl?.significant).toBe(true);
    expect(t.vsControl?.lift).toBeCloseTo(120 / 90 - 1, 12);
    expect(s.variants[0]).toMatchObject({ requests: 2, errors: 1, latencyMs: { p50: 2 } });
    const w = new Experiment({ name: 'y', model: 'm', variants });
    for (const v of [3.1, 2.7, 3.9, 4.2, 3.3, 2.8, 3.6]) w.recordOutcome('treatment', v);
    for (const v of [2.1, 2.9, 2.4, 3.0, 2.2, 2.6, 2.5, 2.8, 1.9]) w.recordOutcome('control', v);
    const wt = w.summary().variants[1]!.vsControl!;
    // scipy.stats.ttest_ind(a, b, equal_var=False): t = 3.593834517993266, p = 0.004875780799873099
    expect(wt.test).toBe('welch-t');
    expect(wt.statistic).toBeCloseTo(3.593834517993266, 8);
    expect(wt.pValue).toBeCloseTo(0.004875780799873099, 8);
    expect(new Experiment({ name: 'z', model: 'm', variants }).summary().variants[1]!.vsControl).toBeNull();
  });

  it('the ledger is bounded and hands each prediction out once', () => {
    const ledger = new PredictionLedger(2);
    const ids = [1, 2, 3].map(() => ledger.add({ experiment: 'e', served: 'a', predictions: new Map() }));
    expect(ledger.size).toBe(2);
    expect(ledger.get(ids[0]!)).toBeUndefined();
    expect(ledger.take(ids[2]!)).toBeDefined();
    expect(ledger.take(ids[2]!)).toBeUndefined();
  });
});

async function abApp(mode: 'split' | 'shadow') {
  const src = new StaticSource({
    churn: {
      versions: { '1': await fittedClassifier(0), '2': await fittedClassifier(3, 0.001) },
      aliases: { champion: '1', challenger: '2' },
    },
  });
  const app = createServingApp({
    models: [{ name: 'churn', source: src, ref: '@champion' }],
    pollIntervalMs: 0,
    experiments: [{ name: 'churn-ab', model: 'churn', mode, variants }],
    metrics: { processMetrics: false },
  });
  await app.runtime.ready();
  return app;
}

const row = (i: number) => Object.fromEntries(FEATURES.map((f, j) => [f, Math.sin(i * 7 + j)]));

describe('A/B through the app', () => {
  it('split mode: sticky variants, version in the response, feedback and summary', async () => {
    const app = await abApp('split');
    const seen = new Map<string, string>();
    const ids: { id: string; variant: string; prediction: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const key = `u${i % 30}`;
      const res = await app.request(
        '/models/churn/predict',
        postJson({ rows: [row(i)] }, { 'x-mlpy-key': key }),
      );
      const body = (await res.json()) as {
        variant: string;
        version: string;
        predictionId: string;
        predictions: string[];
      };
      expect(body.version).toBe(body.variant === 'control' ? '1' : '2');
      if (seen.has(key)) expect(seen.get(key)).toBe(body.variant);
      seen.set(key, body.variant);
      ids.push({ id: body.predictionId, variant: body.variant, prediction: body.predictions[0]! });
    }
    expect(new Set(seen.values()).size).toBe(2);
    // Body key works like the header.
    const viaBody = (await (
      await app.request('/predict', postJson({ rows: [row(0)], key: 'u3' }))
    ).json()) as { variant: string };
    expect(viaBody.variant).toBe(seen.get('u3'));
    for (const [k, p] of ids.entries()) {
      const fb = await app.request(
        '/feedback',
        postJson(
          k % 2 ? { predictionId: p.id, outcome: k % 3 === 0 } : { predictionId: p.id, actual: p.prediction },
        ),
      );
      expect(fb.status).toBe(200);
    }
    expect(
      (await app.request('/feedback', postJson({ predictionId: ids[0]!.id, outcome: true }))).status,
    ).toBe(404);
    expect((await app.request('/feedback', postJson({ predictionId: 'x' }))).status).toBe(400);
    expect((await app.request('/feedback', postJson({ outcome: 1 }))).status).toBe(400);
    expect((await app.request('/feedback', postJson([1]))).status).toBe(400);
    const summary = (await (await app.request('/experiments/churn-ab')).json()) as {
      variants: {
        name: string;
        requests: number;
        outcomes: number;
        latencyMs: unknown;
        vsControl?: unknown;
      }[];
    };
    expect(summary.variants.map((v) => v.name)).toEqual(['control', 'treatment']);
    expect(summary.variants.reduce((s, v) => s + v.requests, 0)).toBe(121);
    expect(summary.variants.reduce((s, v) => s + v.outcomes, 0)).toBe(120);
    expect(summary.variants[0]!.latencyMs).not.toBeNull();
    expect(summary.variants[1]!.vsControl).toMatchObject({ test: 'two-proportion-z' });
    expect((await app.request('/experiments/nope')).status).toBe(404);
    expect(
      ((await (await app.request('/experiments')).json()) as { experiments: unknown[] }).experiments,
    ).toHaveLength(1);
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(
      /mlpy_ab_requests_total\{experiment="churn-ab",variant="treatment",role="served"\} \d+/,
    );
    expect(metrics).toMatch(/mlpy_ab_feedback_total\{experiment="churn-ab",variant="control"\} \d+/);
    // An explicit version bypasses the experiment.
    const pinned = (await (
      await app.request('/models/churn/predict?version=2', postJson({ rows: [row(1)] }))
    ).json()) as { variant?: string };
    expect(pinned.variant).toBeUndefined();
  });

  it('shadow mode: the control answers, the challenger is scored on the side', async () => {
    const app = await abApp('shadow');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = (await (
        await app.request('/predict', postJson({ rows: [row(i), row(i + 100)] }))
      ).json()) as { variant: string; version: string; predictionId: string; predictions: string[] };
      expect(body).toMatchObject({ variant: 'control', version: '1' });
      ids.push(body.predictionId);
    }
    const proba = (await (await app.request('/predict_proba', postJson({ rows: [row(1)] }))).json()) as {
      variant: string;
      probabilities: number[][];
    };
    expect(proba.variant).toBe('control');
    const shadowed = () => app.runtime.experiments.get('churn-ab')!.summary().variants[1]!.requests;
    for (let i = 0; i < 150 && shadowed() < 21; i++) await new Promise((r) => setTimeout(r, 20));
    const s = (await (await app.request('/experiments/churn-ab')).json()) as {
      variants: { name: string; requests: number; agreement?: number; outcomes: number }[];
    };
    expect(s.variants[0]!.requests).toBe(21);
    expect(s.variants[1]!.requests).toBe(21);
    expect(s.variants[1]!.agreement).toBeGreaterThan(0);
    expect(s.variants[1]!.agreement).toBeLessThanOrEqual(1);
    // `actual` credits both the control and the shadow.
    const fb = (await (
      await app.request('/feedback', postJson({ predictionId: ids[0], actual: ['yes', 'no'] }))
    ).json()) as { credited: Record<string, number> };
    expect(Object.keys(fb.credited).sort()).toEqual(['control', 'treatment']);
    expect((await app.request('/feedback', postJson({ predictionId: ids[1], actual: ['yes'] }))).status).toBe(
      400,
    );
  });

  it('refuses experiments on unknown or doubly tested models', async () => {
    const model = await fittedClassifier(0);
    expect(() =>
      createServingApp({
        models: [{ name: 'm', model }],
        experiments: [{ name: 'e', model: 'zz', variants }],
      }),
    ).toThrow(/unknown model/);
    expect(() =>
      createServingApp({
        models: [{ name: 'm', model }],
        experiments: [
          { name: 'e1', model: 'm', variants },
          { name: 'e2', model: 'm', variants },
        ],
      }),
    ).toThrow(/already has an experiment/);
  });
});

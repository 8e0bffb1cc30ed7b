// Drift detection: a monitor fed with training-like traffic stays quiet, shifted traffic is flagged
// per feature (PSI/KS for numeric, chi-square for categorical) and at dataset level; the webhook
// fires once on the rising edge; reports reach /monitoring/drift and /metrics.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Float64Matrix } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import {
  ColorSizeModel,
  classificationData,
  FEATURES,
  fittedClassifier,
  normalQuantile,
  postJson,
} from '../../test/fixtures.js';
import { createServingApp } from '../app/create-app.js';
import { DriftAlerter } from './alerter.js';
import { DriftMonitor, type DriftReport } from './monitor.js';

const rule = new ColorSizeModel();

/** n rows: colors cycling with the given weights, sizes standard normal (shifted by `shift`). */
function traffic(n: number, shift: number, colors: number[] = [1, 1, 1]): Float64Matrix {
  const data = new Float64Array(n * 2);
  const total = colors.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    const u = ((i * 0.618034) % 1) * total;
    data[i * 2] = u < colors[0]! ? 0 : u < colors[0]! + colors[1]! ? 1 : 2;
    data[i * 2 + 1] = normalQuantile(((i * 0.754877) % 1) * 0.998 + 0.001) + shift;
  }
  return new Float64Matrix(data, n, 2);
}

function monitor(options = {}) {
  return new DriftMonitor(
    'rule',
    '1',
    rule.inputSchema,
    rule.trainingProfile,
    { windowSize: 500, minSamples: 100, ...options },
    true,
  );
}

describe('DriftMonitor', () => {
  it('needs minSamples rows before testing', () => {
    const m = monitor();
    m.record(traffic(50, 0), new Array(50).fill('small'));
    expect(m.report()).toMatchObject({
      status: 'insufficient_data',
      samples: 50,
      features: [],
      datasetDrift: false,
    });
  });

  it('stays quiet on training-like traffic', () => {
    const m = monitor();
    const x = traffic(500, 0);
    m.record(x, rule.predict(x));
    const r = m.report();
    expect(r.status).toBe('ok');
    expect(r.driftedFeatures).toEqual([]);
    const size = r.features.find((f) => f.feature === 'size')!;
    expect(size.psi).toBeLessThan(0.1);
    expect(size.ks!.pValue).toBeGreaterThan(0.05);
    expect(r.features.find((f) => f.feature === 'color')!.chiSquare!.pValue).toBeGreaterThan(0.05);
    expect(r.predictions.shares).toBeDefined();
    expect(m.report()).toBe(r); // cached until new rows arrive
  });

  it('flags a shifted numeric feature and a skewed categorical one, and the dataset', () => {
    const m = monitor();
    const x = traffic(500, 1.5, [8, 1, 1]);
    m.record(x, rule.predict(x));
    const r = m.report();
    expect(r.driftedFeatures.sort()).toEqual(['color', 'size']);
    expect(r).toMatchObject({ status: 'drift', datasetDrift: true, driftedShare: 1 });
    const size = r.features.find((f) => f.feature === 'size')!;
    expect(size.psi).toBeGreaterThan(0.2);
    expect(size.ks!.statistic).toBeGreaterThan(0.4);
    expect(r.features.find((f) => f.feature === 'color')!.chiSquare!.pValue).toBeLessThan(1e-6);
  });

  it('the window slides: old traffic leaves it', () => {
    const m = monitor();
    const shifted = traffic(500, 2);
    m.record(shifted, rule.predict(shifted));
    expect(m.report()).toMatchObject({ driftedFeatures: ['size'], driftedShare: 0.5, datasetDrift: true });
    const ok = traffic(500, 0);
    m.record(ok, rule.predict(ok));
    expect(m.report().driftedFeatures).toEqual([]);
    expect(m.report().totalRows).toBe(1000);
  });

  it('summarises regression predictions by mean and std', () => {
    const m = new DriftMonitor('r', '1', rule.inputSchema, rule.trainingProfile, { minSamples: 1 });
    m.record(traffic(4, 0), [1, 2, 3, Number.NaN]);
    const p = m.report().predictions;
    expect(p.mean).toBeCloseTo(2, 12);
    expect(p.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });
});

async function webhook() {
  const received: unknown[] = [];
  let status = 200;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    setStatus: (s: number) => (status = s),
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('DriftAlerter', () => {
  it('posts once per rising edge, respects the interval, and survives failures', async () => {
    const hook = await webhook();
    const failures: string[] = [];
    const alerter = new DriftAlerter({ url: hook.url, minIntervalMs: 0 }, (m) => failures.push(m));
    const drifting = {
      model: 'm',
      version: '1',
      datasetDrift: true,
      driftedShare: 1,
      driftedFeatures: ['a'],
      samples: 500,
    } as DriftReport;
    const calm = { ...drifting, datasetDrift: false };
    expect(await alerter.check([drifting])).toHaveLength(1);
    expect(await alerter.check([drifting])).toHaveLength(0);
    await alerter.check([calm]);
    hook.setStatus(500);
    expect(await alerter.check([drifting])).toHaveLength(0);
    expect(failures).toEqual(['drift webhook answered HTTP 500']);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]).toMatchObject({ event: 'mlpy.drift', model: 'm', driftedFeatures: ['a'] });
    const throttled = new DriftAlerter({ url: hook.url, minIntervalMs: 60_000 });
    hook.setStatus(200);
    await throttled.check([drifting]);
    await throttled.check([calm]);
    expect(await throttled.check([drifting])).toHaveLength(0);
    await hook.close();
    const dead = new DriftAlerter({ url: hook.url, minIntervalMs: 0, timeoutMs: 500 }, (m) =>
      failures.push(m),
    );
    expect(await dead.check([drifting])).toHaveLength(0);
    expect(failures[1]).toMatch(/^drift webhook failed/);
  });
});

describe('drift in the app', () => {
  it('live requests fill the window; /monitoring/drift, /metrics and the webhook see the drift', async () => {
    const hook = await webhook();
    const model = await fittedClassifier(0);
    const app = createServingApp({
      models: [{ name: 'churn', model }],
      drift: { windowSize: 300, minSamples: 100 },
      driftAlert: { url: hook.url, minIntervalMs: 0, checkIntervalMs: 3_600_000 },
      batching: { enabled: false },
      metrics: { processMetrics: false },
    });
    await app.runtime.ready();
    // The training distribution itself (same generator and seed as the fit), then shifted.
    const { frame } = classificationData(0);
    const cols = FEATURES.map((f) => frame.column(f) as Float64Array);
    let next = 0;
    const send = (shift: number) =>
      app.request(
        '/predict',
        postJson({
          rows: Array.from({ length: 150 }, () => {
            const i = next++ % 400;
            return FEATURES.map((_, j) => cols[j]![i]! + (j < 3 ? shift : 0));
          }),
        }),
      );
    await send(0);
    await send(0);
    let report = ((await (await app.request('/monitoring/drift')).json()) as { reports: DriftReport[] })
      .reports[0]!;
    expect(report.status).toBe('ok');
    expect(await app.runtime.checkDrift()).toEqual([]);
    await send(4);
    await send(4);
    report = (
      (await (await app.request('/monitoring/drift?model=churn')).json()) as { reports: DriftReport[] }
    ).reports[0]!;
    expect(report).toMatchObject({ status: 'drift', datasetDrift: true });
    expect(report.driftedFeatures.sort()).toEqual(['a', 'b', 'c']);
    expect(report.predictions.shares).toBeDefined();
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('mlpy_drift_dataset{model="churn",version="1"} 1');
    expect(metrics).toMatch(/mlpy_drift_psi\{model="churn",version="1",feature="a"\} \d/);
    expect(metrics).toMatch(/mlpy_drift_ks_pvalue\{model="churn",version="1",feature="a"\}/);
    expect(await app.runtime.checkDrift()).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    app.runtime.close();
    await hook.close();
  });

  it('drift: false turns monitoring off', async () => {
    const app = createServingApp({
      models: [{ name: 'm', model: await fittedClassifier(0) }],
      drift: false,
      metrics: { processMetrics: false },
    });
    await app.runtime.ready();
    expect(
      ((await (await app.request('/monitoring/drift')).json()) as { reports: unknown[] }).reports,
    ).toEqual([]);
  });
});

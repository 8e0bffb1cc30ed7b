// Route tests through app.request: predict/predict_proba in both row forms, validation problems,
// status mapping (400/404/413), health/ready/metrics/openapi/docs and the absence of stack traces.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AsyncPredictor,
  ColorSizeModel,
  classificationData,
  FEATURES,
  fittedClassifier,
  fittedRegressor,
  postJson,
} from '../../test/fixtures.js';
import { createServingApp, type ServingApp } from './create-app.js';

let app: ServingApp;
let rowObjects: Record<string, number>[];
let expected: string[];

beforeAll(async () => {
  const clf = await fittedClassifier();
  const { frame } = classificationData(1, 5);
  rowObjects = Array.from({ length: 5 }, (_, i) =>
    Object.fromEntries(FEATURES.map((f) => [f, (frame.column(f) as Float64Array)[i]!])),
  );
  expected = clf.predict(frame).map(String);
  app = createServingApp({
    models: [
      { name: 'churn', model: clf },
      { name: 'async', model: new AsyncPredictor(clf) },
      { name: 'color', model: new ColorSizeModel() },
      { name: 'price', model: await fittedRegressor() },
    ],
    maxBodyBytes: 4096,
    maxRows: 10,
    metrics: { processMetrics: false },
  });
  await app.runtime.ready();
});

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('scoring routes', () => {
  it('POST /predict scores object rows with the default (first) model', async () => {
    const res = await app.request('/predict', postJson({ rows: rowObjects }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ model: 'churn', version: '1', predictions: expected });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('accepts rows as arrays in feature order, a bare array and a single row', async () => {
    const arrays = rowObjects.map((r) => FEATURES.map((f) => r[f]!));
    expect((await json(await app.request('/predict', postJson({ rows: arrays }))))['predictions']).toEqual(
      expected,
    );
    expect((await json(await app.request('/predict', postJson(arrays))))['predictions']).toEqual(expected);
    expect(
      (await json(await app.request('/predict', postJson({ row: rowObjects[0] }))))['predictions'],
    ).toEqual([expected[0]]);
  });

  it('POST /predict_proba returns classes and one probability row per input', async () => {
    const body = await json(await app.request('/predict_proba', postJson({ rows: rowObjects })));
    expect(body['classes']).toEqual(['no', 'yes']);
    const probs = body['probabilities'] as number[][];
    expect(probs).toHaveLength(5);
    for (const p of probs) expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
  });

  it('serves async predictors the same way', async () => {
    const res = await app.request('/models/async/predict', postJson({ rows: rowObjects }));
    expect((await json(res))['predictions']).toEqual(expected);
    const proba = await app.request('/models/async/predict_proba', postJson({ rows: rowObjects }));
    expect(proba.status).toBe(200);
  });

  it('serves categorical features by name and numeric regressors', async () => {
    const res = await app.request(
      '/models/color/predict',
      postJson({
        rows: [
          { color: 'red', size: 0 },
          { color: 'blue', size: 0.5 },
        ],
      }),
    );
    expect((await json(res))['predictions']).toEqual(['big', 'small']);
    const reg = await json(await app.request('/models/price/predict', postJson({ rows: [[0, 0, 0]] })));
    expect(typeof (reg['predictions'] as number[])[0]).toBe('number');
  });

  it('chooses a version by query and 404s an unknown one', async () => {
    expect(
      (await app.request('/models/churn/predict?version=1', postJson({ rows: rowObjects }))).status,
    ).toBe(200);
    const res = await app.request('/models/churn/predict?version=7', postJson({ rows: rowObjects }));
    expect(res.status).toBe(404);
    expect(
      (await app.request('/models/churn/predict?alias=nope', postJson({ rows: rowObjects }))).status,
    ).toBe(404);
    expect(
      (await app.request('/models/churn/predict?version=../x', postJson({ rows: rowObjects }))).status,
    ).toBe(400);
  });

  it('a model without predictProba gets a 400 on /predict_proba', async () => {
    const res = await app.request(
      '/models/color/predict_proba',
      postJson({ rows: [{ color: 'red', size: 0 }] }),
    );
    expect(res.status).toBe(400);
  });
});

describe('validation', () => {
  it('lists every missing, extra and mistyped field in one 400', async () => {
    const res = await app.request(
      '/predict',
      postJson({ rows: [{ a: 1, b: 'x', c: 2, zz: 3 }, { a: 1, b: 2, c: 3, d: 'NaN' }, 5, [1, 2]] }),
    );
    expect(res.status).toBe(400);
    const body = await json(res);
    const error = body['error'] as {
      code: string;
      details: { problems: { row: number; field: string; problem: string }[] };
    };
    expect(error.code).toBe('DATA_ERROR');
    const problems = error.details.problems.map((p) => `${p.row}:${p.field}:${p.problem}`).sort();
    expect(problems).toEqual([
      '0:b:type',
      '0:d:missing',
      '0:zz:unexpected',
      '1:d:type',
      '2:*:row',
      '3:*:length',
    ]);
  });

  it('unknown and mistyped categories are problems; null is a missing value', async () => {
    const res = await app.request(
      '/models/color/predict',
      postJson({
        rows: [
          { color: 'purple', size: 1 },
          { color: 3, size: 1 },
        ],
      }),
    );
    const problems = ((await json(res))['error'] as { details: { problems: { problem: string }[] } }).details
      .problems;
    expect(problems.map((p) => p.problem)).toEqual(['unknown_category', 'type']);
    // The rule model refuses missing values: a typed DataError from the model becomes a 400 too.
    expect(
      (await app.request('/models/color/predict', postJson({ rows: [{ color: null, size: 1 }] }))).status,
    ).toBe(400);
  });

  it('malformed JSON, wrong content type, empty rows and bad shapes are 400s', async () => {
    const bad = await app.request('/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"rows": [',
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await app.request('/predict', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(400);
    expect((await app.request('/predict', postJson({ rows: [] }))).status).toBe(400);
    expect((await app.request('/predict', postJson({ nothing: true }))).status).toBe(400);
    expect((await app.request('/predict', postJson('rows'))).status).toBe(400);
  });

  it('an oversized body or too many rows is a 413', async () => {
    const huge = await app.request('/predict', postJson({ rows: [rowObjects[0]], pad: 'x'.repeat(10_000) }));
    expect(huge.status).toBe(413);
    expect(((await json(huge))['error'] as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    const many = await app.request(
      '/predict',
      postJson({ rows: Array.from({ length: 11 }, () => [0, 0, 0, 0]) }),
    );
    expect(many.status).toBe(413);
  });

  it('an unknown model or route is a 404, and no response carries a stack trace', async () => {
    const res = await app.request('/models/nope/predict', postJson({ rows: rowObjects }));
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toMatch(/\s+at\s|\.ts:\d+|node_modules/);
    expect((await app.request('/nowhere')).status).toBe(404);
    expect((await app.request('/models/nope')).status).toBe(404);
  });
});

describe('service routes', () => {
  it('/health and /ready', async () => {
    expect(await json(await app.request('/health'))).toEqual({ status: 'ok' });
    const ready = await app.request('/ready');
    expect(ready.status).toBe(200);
    expect((await json(ready))['models']).toEqual(['churn', 'async', 'color', 'price']);
  });

  it('/models lists each model, its reference and loaded versions with schemas', async () => {
    const body = await json(await app.request('/models'));
    expect(body['default']).toBe('churn');
    const models = body['models'] as {
      name: string;
      refs: Record<string, string>;
      versions: { features: unknown[] }[];
    }[];
    expect(models.map((m) => m.name)).toEqual(['churn', 'async', 'color', 'price']);
    expect(models[0]!.versions[0]!.features).toHaveLength(4);
    expect(await json(await app.request('/models/color'))).toMatchObject({ name: 'color', ref: '1' });
  });

  it('/metrics exposes Prometheus text with request, prediction and drift series', async () => {
    const res = await app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('mlpy_http_requests_total{route="/predict",method="POST",status="200"}');
    expect(text).toMatch(/mlpy_predictions_total\{model="churn",version="1"\} \d+/);
    expect(text).toContain('mlpy_drift_window_samples{model="churn",version="1"}');
    expect(text).toContain('mlpy_model_info{model="churn",ref="1",version="1"} 1');
    expect(text).toMatch(/mlpy_batch_rows_bucket/);
  });

  it('/openapi.json is generated from the input schemas; /docs renders it', async () => {
    const doc = await json(await app.request('/openapi.json'));
    expect(doc['openapi']).toBe('3.1.0');
    const paths = doc['paths'] as Record<string, unknown>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/predict', '/predict_proba', '/models/color/predict', '/metrics']),
    );
    expect(paths['/models/color/predict_proba']).toBeUndefined();
    const schemas = (
      doc['components'] as {
        schemas: Record<string, { oneOf: { properties?: Record<string, { enum?: unknown[] }> }[] }>;
      }
    ).schemas;
    expect(schemas['color_Row']!.oneOf[0]!.properties!['color']!.enum).toEqual([
      'blue',
      'green',
      'red',
      null,
    ]);
    const docs = await app.request('/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    const html = await docs.text();
    expect(html).toContain('/models/color/predict');
    expect(html).not.toContain('<script');
  });

  it('/monitoring/drift reports per model and 404s an unknown model', async () => {
    const body = await json(await app.request('/monitoring/drift?model=churn'));
    const reports = body['reports'] as { model: string; status: string }[];
    expect(reports.map((r) => r.model)).toEqual(['churn']);
    expect((await app.request('/monitoring/drift?model=zzz')).status).toBe(404);
  });

  it('admin routes are refused when no keys are configured', async () => {
    const res = await app.request('/admin/models/churn/refresh', { method: 'POST' });
    expect(res.status).toBe(403);
  });
});

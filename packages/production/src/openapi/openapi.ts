// The OpenAPI 3.1 document of a serving app, generated from each served model's input schema
// (a row is an object with one property per feature, or an array in feature order), and a
// self-contained HTML page that renders it (no external scripts, so it works offline).
import type { FeatureSpec } from '@mlpy/core';
import type { ModelInfo } from '../models/index.js';

type Json = Record<string, unknown>;

function featureSchema(f: FeatureSpec): Json {
  return f.kind === 'categorical'
    ? {
        type: ['string', 'null'],
        enum: [...f.categories, null],
        description: `categorical feature '${f.name}'`,
      }
    : { type: ['number', 'null'], description: `numeric feature '${f.name}' (null = missing)` };
}

function rowSchemas(m: ModelInfo): Json {
  const props = Object.fromEntries(m.features.map((f) => [f.name, featureSchema(f)]));
  return {
    oneOf: [
      {
        type: 'object',
        properties: props,
        required: m.features.map((f) => f.name),
        additionalProperties: false,
      },
      {
        type: 'array',
        prefixItems: m.features.map(featureSchema),
        minItems: m.features.length,
        maxItems: m.features.length,
      },
    ],
  };
}

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const ERRORS: Json = {
  '400': errorResponse('Invalid body: every problem is listed in error.details.problems'),
  '401': errorResponse('Missing or invalid API key'),
  '403': errorResponse('The key lacks the needed scope'),
  '404': errorResponse('Unknown model, version or alias'),
  '413': errorResponse('Body or row count over the limit'),
  '429': errorResponse('Rate limit exceeded; see Retry-After'),
};

function predictOp(m: ModelInfo, proba: boolean, path: string): Json {
  const name = `${m.name.replace(/[^\w]/g, '_')}_Row`;
  return {
    summary: `${proba ? 'Class probabilities' : 'Predictions'} of ${m.name} (${m.estimator})`,
    operationId: `${proba ? 'predictProba' : 'predict'}_${path.replace(/[^\w]/g, '_')}`,
    parameters: path.startsWith('/models/')
      ? [
          {
            name: 'version',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'Version number or @alias',
          },
        ]
      : [],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              rows: { type: 'array', items: { $ref: `#/components/schemas/${name}` }, minItems: 1 },
              key: { type: 'string', description: 'Sticky A/B assignment key (or the X-Mlpy-Key header)' },
            },
            required: ['rows'],
          },
        },
      },
    },
    responses: {
      '200': {
        description: 'Scored',
        content: {
          'application/json': {
            schema: proba
              ? {
                  type: 'object',
                  properties: {
                    model: { type: 'string' },
                    version: { type: 'string' },
                    classes: { type: 'array' },
                    probabilities: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
                  },
                }
              : {
                  type: 'object',
                  properties: {
                    model: { type: 'string' },
                    version: { type: 'string' },
                    predictions: { type: 'array', items: { type: ['number', 'string', 'null'] } },
                    variant: { type: 'string' },
                    predictionId: { type: 'string' },
                  },
                },
          },
        },
      },
      ...ERRORS,
    },
    security: [{ apiKey: [] }, { bearer: [] }],
  };
}

/** Builds the OpenAPI document for the given models (the first one serves /predict). */
export function buildOpenApi(
  models: readonly ModelInfo[],
  info: { title?: string; version?: string } = {},
): Json {
  const paths: Json = {};
  const schemas: Json = {
    Error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
          required: ['code', 'message'],
        },
        requestId: { type: 'string' },
      },
    },
  };
  models.forEach((m, i) => {
    schemas[`${m.name.replace(/[^\w]/g, '_')}_Row`] = rowSchemas(m);
    if (i === 0) {
      paths['/predict'] = { post: predictOp(m, false, '/predict') };
      if (m.predictProba) paths['/predict_proba'] = { post: predictOp(m, true, '/predict_proba') };
    }
  });
  const byName = new Map(models.map((m) => [m.name, m]));
  for (const m of byName.values()) {
    paths[`/models/${m.name}/predict`] = { post: predictOp(m, false, `/models/${m.name}/predict`) };
    if (m.predictProba)
      paths[`/models/${m.name}/predict_proba`] = {
        post: predictOp(m, true, `/models/${m.name}/predict_proba`),
      };
  }
  const simple = (summary: string, extra: Json = {}): Json => ({
    get: { summary, responses: { '200': { description: 'OK' } }, ...extra },
  });
  Object.assign(paths, {
    '/models': simple('Served models, their references and loaded versions'),
    '/health': simple('Liveness: the process is up'),
    '/ready': {
      get: {
        summary: 'Readiness: every model is loaded and the server is not draining',
        responses: { '200': { description: 'Ready' }, '503': { description: 'Loading or draining' } },
      },
    },
    '/metrics': simple('Prometheus metrics (text exposition format)'),
    '/monitoring/drift': simple('Drift reports of the served model versions'),
    '/experiments': simple('A/B experiment summaries with significance tests'),
    '/feedback': {
      post: {
        summary:
          'Outcome of an A/B prediction: {predictionId, outcome: boolean|number} or {predictionId, actual}',
        responses: { '200': { description: 'Recorded' }, ...ERRORS },
      },
    },
  });
  return {
    openapi: '3.1.0',
    info: { title: info.title ?? 'MLPY model server', version: info.version ?? '0.1.0' },
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A static API documentation page for the given models. */
export function renderDocsPage(models: readonly ModelInfo[], doc: Json): string {
  const ops = Object.entries(doc['paths'] as Record<string, Record<string, { summary?: string }>>)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? '')}</td></tr>`,
      ),
    )
    .join('\n');
  const modelSections = models
    .map((m) => {
      const rows = m.features
        .map(
          (f) =>
            `<tr><td><code>${escapeHtml(f.name)}</code></td><td>${f.kind}</td><td>${f.kind === 'categorical' ? escapeHtml(f.categories.join(', ')) : 'number or null'}</td></tr>`,
        )
        .join('\n');
      const example = JSON.stringify({
        rows: [
          Object.fromEntries(
            m.features.map((f) => [f.name, f.kind === 'categorical' ? (f.categories[0] ?? null) : 0]),
          ),
        ],
      });
      return `<h2>${escapeHtml(m.name)} <small>v${escapeHtml(m.version)} · ${escapeHtml(m.estimator)}</small></h2>
<table><tr><th>feature</th><th>kind</th><th>values</th></tr>${rows}</table>
<pre>curl -X POST -H 'content-type: application/json' -H 'X-API-Key: …' \\
  -d '${escapeHtml(example)}' /models/${escapeHtml(m.name)}/predict</pre>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>MLPY model server API</title>
<style>body{font:15px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}pre{background:#f4f4f4;padding:.8rem;overflow:auto}</style>
</head><body><h1>MLPY model server</h1><p>Machine-readable spec: <a href="/openapi.json">/openapi.json</a></p>
<table><tr><th>method</th><th>path</th><th>what</th></tr>${ops}</table>${modelSections}</body></html>`;
}

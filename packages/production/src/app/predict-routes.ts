// Scoring routes: /predict, /predict_proba, /models/:name/predict[_proba], /feedback and the
// A/B summaries. A request to a model under an experiment (without an explicit version) is routed
// to a variant; shadow variants are scored after the response is sent.

import { DataError, NotFoundError } from '@mlpy/core';
import type { Hono } from 'hono';
import type { Experiment } from '../ab/index.js';
import { argmaxLabels, type ModelHandle, type OutputValue } from '../models/index.js';
import { bodyRows } from '../validation/index.js';
import { guard, limitBody, readJson, type ServingContext, type ServingEnv } from './context.js';
import type { ServingRuntime } from './runtime.js';

type Kind = 'predict' | 'proba';

function requestedRef(c: ServingContext): string | undefined {
  const version = c.req.query('version');
  if (version !== undefined) return version;
  const alias = c.req.query('alias');
  return alias === undefined ? undefined : `@${alias.replace(/^@/, '')}`;
}

async function run(handle: ModelHandle, kind: Kind, rows: unknown[], rt: ServingRuntime) {
  const x = handle.parser.parse(rows, {
    maxRows: rt.options.maxRows ?? 1000,
    unknownCategories: rt.options.unknownCategories ?? 'error',
  });
  const out = kind === 'predict' ? await handle.predict(x) : await handle.predictProba(x);
  rt.metrics.scored(handle.name, handle.version, x.rows);
  return out;
}

function labelsOf(kind: Kind, out: OutputValue[] | number[][], handle: ModelHandle): OutputValue[] {
  if (kind === 'predict') return out as OutputValue[];
  return argmaxLabels(out as number[][], handle.classes);
}

function shadowScore(
  rt: ServingRuntime,
  exp: Experiment,
  kind: Kind,
  rows: unknown[],
  served: OutputValue[],
  predictions: Map<string, readonly OutputValue[]>,
) {
  for (const v of exp.shadows()) {
    const started = performance.now();
    rt.manager
      .get(exp.config.model, v.ref)
      .then(async (h) => {
        const labels = labelsOf(kind, await run(h, kind, rows, rt), h);
        const seconds = (performance.now() - started) / 1000;
        exp.recordRequest(v.name, seconds, true);
        rt.metrics.abRequest(exp.name, v.name, 'shadow', seconds);
        let agreed = 0;
        labels.forEach((p, i) => {
          if (p === served[i]) agreed++;
        });
        exp.recordAgreement(v.name, labels.length, agreed);
        predictions.set(v.name, labels);
      })
      .catch(() => exp.recordRequest(v.name, 0, false));
  }
}

async function score(c: ServingContext, rt: ServingRuntime, kind: Kind, name: string | undefined) {
  const model = name ?? rt.manager.names[0]!;
  const ref = requestedRef(c);
  const body = await readJson(c);
  const rows = bodyRows(body);
  const experiment = ref === undefined ? rt.experimentFor(model) : undefined;
  if (!experiment) {
    const handle = rt.manager.current(model, ref) ?? (await rt.manager.get(model, ref));
    const out = await run(handle, kind, rows, rt);
    return kind === 'predict'
      ? c.json({ model, version: handle.version, predictions: out })
      : c.json({ model, version: handle.version, classes: handle.classes ?? null, probabilities: out });
  }
  const bodyKey = (body as { key?: unknown }).key;
  const key = c.req.header('x-mlpy-key') ?? (typeof bodyKey === 'string' ? bodyKey : undefined);
  const variant = experiment.assign(key);
  const started = performance.now();
  let handle: ModelHandle;
  let out: OutputValue[] | number[][];
  try {
    handle = await rt.manager.get(model, variant.ref);
    out = await run(handle, kind, rows, rt);
  } catch (err) {
    experiment.recordRequest(variant.name, 0, false);
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  experiment.recordRequest(variant.name, seconds, true);
  rt.metrics.abRequest(experiment.name, variant.name, 'served', seconds);
  const labels = labelsOf(kind, out, handle);
  const predictions = new Map<string, readonly OutputValue[]>([[variant.name, labels]]);
  const predictionId = rt.ledger.add({ experiment: experiment.name, served: variant.name, predictions });
  if (experiment.mode === 'shadow')
    setImmediate(() => shadowScore(rt, experiment, kind, rows, labels, predictions));
  const common = {
    model,
    version: handle.version,
    experiment: experiment.name,
    variant: variant.name,
    predictionId,
  };
  return kind === 'predict'
    ? c.json({ ...common, predictions: out })
    : c.json({ ...common, classes: handle.classes ?? null, probabilities: out });
}

function outcomeValue(entry: readonly OutputValue[], body: Record<string, unknown>): number {
  const actual = body['actual'];
  const list = Array.isArray(actual) ? actual : [actual];
  if (list.length !== entry.length)
    throw new DataError(`"actual" needs ${entry.length} value(s), one per predicted row.`);
  let hits = 0;
  list.forEach((a, i) => {
    if (a === entry[i]) hits++;
  });
  return hits / list.length;
}

async function feedback(c: ServingContext, rt: ServingRuntime) {
  const body = await readJson(c);
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new DataError('Send {"predictionId", "outcome"} or {"predictionId", "actual"}.');
  const b = body as Record<string, unknown>;
  if (typeof b['predictionId'] !== 'string')
    throw new DataError('"predictionId" (a string from a predict response) is required.');
  const hasOutcome =
    typeof b['outcome'] === 'boolean' || (typeof b['outcome'] === 'number' && Number.isFinite(b['outcome']));
  if (!hasOutcome && b['actual'] === undefined)
    throw new DataError(
      'Give "outcome" (a boolean or a finite number) or "actual" (the true label or labels).',
    );
  const entry = rt.ledger.take(b['predictionId']);
  if (!entry)
    throw new NotFoundError(
      'Unknown or already-scored predictionId (ids are kept for the most recent 100 000 predictions).',
    );
  const exp = rt.experiments.get(entry.experiment)!;
  const credited: Record<string, number> = {};
  if (hasOutcome) {
    const v = typeof b['outcome'] === 'boolean' ? Number(b['outcome']) : (b['outcome'] as number);
    credited[entry.served] = v;
  } else {
    for (const [variant, preds] of entry.predictions) credited[variant] = outcomeValue(preds, b);
  }
  for (const [variant, v] of Object.entries(credited)) {
    exp.recordOutcome(variant, v);
    rt.metrics.abOutcome(exp.name, variant);
  }
  return c.json({ experiment: exp.name, credited });
}

/** Mounts the scoring, feedback and experiment routes. */
export function mountPredictRoutes(app: Hono<ServingEnv>, rt: ServingRuntime): void {
  const limit = limitBody(rt, rt.options.maxBodyBytes ?? 1024 * 1024);
  const auth = guard(rt, 'predict');
  app.post('/predict', auth, limit, (c) => score(c, rt, 'predict', undefined));
  app.post('/predict_proba', auth, limit, (c) => score(c, rt, 'proba', undefined));
  app.post('/models/:name/predict', auth, limit, (c) => score(c, rt, 'predict', c.req.param('name')));
  app.post('/models/:name/predict_proba', auth, limit, (c) => score(c, rt, 'proba', c.req.param('name')));
  app.post('/feedback', auth, limit, (c) => feedback(c, rt));
  app.get('/experiments', auth, (c) =>
    c.json({ experiments: [...rt.experiments.values()].map((e) => e.summary()) }),
  );
  app.get('/experiments/:name', auth, (c) => {
    const e = rt.experiments.get(c.req.param('name'));
    if (!e) throw new NotFoundError(`No experiment named '${c.req.param('name')}'.`);
    return c.json(e.summary());
  });
}

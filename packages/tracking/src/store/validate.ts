// MLflow's input rules, enforced by every store before anything is written, so all backends
// accept and refuse the same keys, values and paths.
import { InvalidParameterError } from '@mlpy/core';
import type { LogBatch, Metric } from './types.js';

/** MLflow's limits per LogBatch call. */
export const BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, entities: 1000 } as const;
/** MLflow's length limits. */
export const LENGTH_LIMITS = { key: 250, paramValue: 6000, tagValue: 8000 } as const;

// Python's `\w` (MLflow's regex) matches Unicode letters and digits, not only ASCII.
const NAME_CHARS = /^[/\p{L}\p{N}_.\- :]*$/u;

function normalizePosix(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!(part === '..' && absolute)) out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Throws unless `key` is a valid param, metric or tag name (MLflow's `_validate_*_name`). */
export function validateKey(kind: 'param' | 'metric' | 'tag', key: unknown): string {
  if (typeof key !== 'string') {
    throw new InvalidParameterError(`The ${kind} name must be a string, got ${typeof key}.`);
  }
  if (!NAME_CHARS.test(key)) {
    throw new InvalidParameterError(
      `Invalid ${kind} name '${key}': names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).`,
    );
  }
  const norm = normalizePosix(key);
  if (norm !== key || norm === '.' || norm.startsWith('..') || norm.startsWith('/')) {
    throw new InvalidParameterError(
      `Invalid ${kind} name '${key}': names may be treated as file paths and must not resolve to another name (this one resolves to '${norm}'). Remove empty, '.' and '..' segments and leading or trailing slashes.`,
    );
  }
  if (key.length > LENGTH_LIMITS.key) {
    throw new InvalidParameterError(
      `The ${kind} name '${key.slice(0, 40)}…' has ${key.length} characters; the limit is ${LENGTH_LIMITS.key}.`,
    );
  }
  return key;
}

function validateValue(kind: 'param' | 'tag', key: string, value: unknown, limit: number): void {
  if (typeof value !== 'string') {
    throw new InvalidParameterError(`The value of ${kind} '${key}' must be a string, got ${typeof value}.`);
  }
  if (value.length > limit) {
    throw new InvalidParameterError(
      `The value of ${kind} '${key}' has ${value.length} characters; the limit is ${limit}. Log long text as an artifact instead.`,
    );
  }
}

/** Throws unless `metric` has a valid key, a numeric value and integer step and timestamp. */
export function validateMetric(metric: Metric): void {
  validateKey('metric', metric.key);
  if (typeof metric.value !== 'number') {
    throw new InvalidParameterError(
      `The value of metric '${metric.key}' must be a number (NaN and ±Infinity are allowed), got ${typeof metric.value}.`,
    );
  }
  for (const field of ['step', 'timestamp'] as const) {
    if (!Number.isSafeInteger(metric[field])) {
      throw new InvalidParameterError(
        `The ${field} of metric '${metric.key}' must be an integer, got ${String(metric[field])}.`,
      );
    }
  }
}

/** Validates every entry of a batch. */
export function validateBatch(batch: LogBatch): void {
  for (const m of batch.metrics ?? []) validateMetric(m);
  for (const [k, v] of Object.entries(batch.params ?? {})) {
    validateKey('param', k);
    validateValue('param', k, v, LENGTH_LIMITS.paramValue);
  }
  for (const [k, v] of Object.entries(batch.tags ?? {})) validateTag(k, v);
}

/** Validates one tag key and value. */
export function validateTag(key: string, value: unknown): void {
  validateKey('tag', key);
  validateValue('tag', key, value, LENGTH_LIMITS.tagValue);
}

/** Splits a batch into batches within MLflow's per-call limits, params first, then tags, then metrics. */
export function splitBatch(batch: LogBatch): LogBatch[] {
  const params = Object.entries(batch.params ?? {});
  const tags = Object.entries(batch.tags ?? {});
  const metrics = batch.metrics ?? [];
  const out: LogBatch[] = [];
  let p = 0;
  let t = 0;
  let m = 0;
  while (p < params.length || t < tags.length || m < metrics.length || out.length === 0) {
    const np = Math.min(BATCH_LIMITS.params, params.length - p);
    const nt = Math.min(BATCH_LIMITS.tags, tags.length - t);
    const nm = Math.min(BATCH_LIMITS.metrics, BATCH_LIMITS.entities - np - nt, metrics.length - m);
    const chunk: LogBatch = {};
    if (np > 0) chunk.params = Object.fromEntries(params.slice(p, p + np));
    if (nt > 0) chunk.tags = Object.fromEntries(tags.slice(t, t + nt));
    if (nm > 0) chunk.metrics = metrics.slice(m, m + nm);
    out.push(chunk);
    p += np;
    t += nt;
    m += nm;
  }
  return out;
}

/**
 * Checks an artifact path: relative, `/`-separated, no `..`, `.` or empty segments, no backslashes
 * or NUL bytes. Returns it without a trailing slash. Refusing these keeps writes inside the run.
 */
export function validateArtifactPath(path: string, allowEmpty = false): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '' && allowEmpty) return '';
  const bad =
    trimmed === '' ||
    trimmed.startsWith('/') ||
    /^[a-zA-Z]:/.test(trimmed) ||
    trimmed.includes('\\') ||
    trimmed.includes('\0') ||
    trimmed.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new InvalidParameterError(
      `Invalid artifact path '${path}': use a relative path with '/' separators and no '.', '..' or empty segments, so the artifact stays inside the run's artifact directory.`,
    );
  }
  return trimmed;
}

/** Throws unless `name` is a usable experiment or registered model name. */
export function validateName(kind: string, name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidParameterError(`The ${kind} name must be a non-empty string.`);
  }
  if (name.length > 500) {
    throw new InvalidParameterError(`The ${kind} name has ${name.length} characters; the limit is 500.`);
  }
  return name;
}

const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;

/** MLflow's stage names, accepted in any case ('production' → 'Production'). */
export function canonicalStage(stage: string): (typeof STAGES)[number] {
  const found = STAGES.find((s) => s.toLowerCase() === String(stage).toLowerCase());
  if (!found) {
    throw new InvalidParameterError(
      `Invalid model version stage '${stage}': use one of ${STAGES.join(', ')}.`,
    );
  }
  return found;
}

/** Throws unless `alias` is a valid registry alias (MLflow: word characters and dashes, not `latest` or `v<n>`). */
export function validateAlias(alias: string): string {
  if (typeof alias !== 'string' || !/^[\w-]{1,255}$/.test(alias)) {
    throw new InvalidParameterError(
      `Invalid alias '${alias}': use 1 to 255 letters, digits, underscores or dashes (for example 'champion').`,
    );
  }
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) {
    throw new InvalidParameterError(
      `Invalid alias '${alias}': 'latest' and 'v<number>' are reserved by MLflow.`,
    );
  }
  return alias;
}

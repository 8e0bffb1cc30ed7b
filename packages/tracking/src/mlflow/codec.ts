// Conversions between MLflow's REST JSON (snake_case, int64 as strings, NaN as "NaN") and the
// store entities.
import type {
  Experiment,
  Metric,
  ModelStage,
  ModelVersion,
  RegisteredModel,
  Run,
  RunInfo,
  RunStatus,
} from '../store/types.js';

/** A `{ key, value }` pair as MLflow sends tags and params. */
export interface KV {
  key: string;
  value: string;
}

export interface ExperimentJson {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: string | number;
  last_update_time?: string | number;
  tags?: KV[];
}

export interface MetricJson {
  key: string;
  value: number | string;
  timestamp?: string | number;
  step?: string | number;
}

export interface RunInfoJson {
  run_id: string;
  run_name?: string;
  experiment_id: string;
  user_id?: string;
  status?: string;
  start_time?: string | number;
  end_time?: string | number;
  artifact_uri?: string;
  lifecycle_stage?: string;
}

export interface RunJson {
  info: RunInfoJson;
  data?: { metrics?: MetricJson[]; params?: KV[]; tags?: KV[] };
}

export interface RegisteredModelJson {
  name: string;
  creation_timestamp?: string | number;
  last_updated_timestamp?: string | number;
  description?: string;
  tags?: KV[];
  aliases?: { alias: string; version: string }[];
}

export interface ModelVersionJson {
  name: string;
  version: string;
  creation_timestamp?: string | number;
  last_updated_timestamp?: string | number;
  description?: string;
  source?: string;
  run_id?: string;
  current_stage?: string;
  status?: string;
  tags?: KV[];
  aliases?: string[];
}

/** Encodes a double for MLflow's proto JSON: non-finite values travel as strings. */
export function encodeDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/**
 * Decodes a double from MLflow. Its SQL store clamps ±Infinity to ±Number.MAX_VALUE, so those
 * values come back as ±Infinity.
 */
export function decodeDouble(value: number | string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (n === Number.MAX_VALUE) return Number.POSITIVE_INFINITY;
  if (n === -Number.MAX_VALUE) return Number.NEGATIVE_INFINITY;
  return n;
}

const num = (v: string | number | undefined): number => (v === undefined ? 0 : Number(v));

/** `[{key, value}]` → record. */
export function fromKV(list: KV[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, kv.value ?? '']));
}

/** Record → `[{key, value}]`. */
export function toKV(record: Record<string, string> | undefined): KV[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));
}

export function toExperiment(e: ExperimentJson): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name,
    artifactLocation: e.artifact_location ?? '',
    lifecycleStage: e.lifecycle_stage ?? 'active',
    creationTime: num(e.creation_time),
    lastUpdateTime: num(e.last_update_time),
    tags: fromKV(e.tags),
  };
}

export function toMetric(m: MetricJson): Metric {
  return { key: m.key, value: decodeDouble(m.value), timestamp: num(m.timestamp), step: num(m.step) };
}

export function toRunInfo(i: RunInfoJson): RunInfo {
  return {
    runId: i.run_id,
    runName: i.run_name ?? '',
    experimentId: i.experiment_id,
    userId: i.user_id ?? '',
    status: (i.status ?? 'RUNNING') as RunStatus,
    startTime: num(i.start_time),
    endTime: i.end_time === undefined ? undefined : num(i.end_time),
    artifactUri: i.artifact_uri ?? '',
    lifecycleStage: i.lifecycle_stage ?? 'active',
  };
}

export function toRun(r: RunJson): Run {
  return {
    info: toRunInfo(r.info),
    data: {
      params: fromKV(r.data?.params),
      tags: fromKV(r.data?.tags),
      metrics: Object.fromEntries((r.data?.metrics ?? []).map((m) => [m.key, toMetric(m)])),
    },
  };
}

export function toRegisteredModel(m: RegisteredModelJson): RegisteredModel {
  return {
    name: m.name,
    creationTime: num(m.creation_timestamp),
    lastUpdatedTime: num(m.last_updated_timestamp),
    description: m.description ?? '',
    tags: fromKV(m.tags),
    aliases: Object.fromEntries((m.aliases ?? []).map((a) => [a.alias, String(a.version)])),
  };
}

export function toModelVersion(v: ModelVersionJson): ModelVersion {
  return {
    name: v.name,
    version: String(v.version),
    creationTime: num(v.creation_timestamp),
    lastUpdatedTime: num(v.last_updated_timestamp),
    description: v.description ?? '',
    source: v.source ?? '',
    runId: v.run_id ?? '',
    currentStage: (v.current_stage ?? 'None') as ModelStage,
    status: v.status ?? 'READY',
    tags: fromKV(v.tags),
    aliases: v.aliases ?? [],
  };
}

/** Quotes a string literal for MLflow's search filter grammar. */
export function quoteFilter(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

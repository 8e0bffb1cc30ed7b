// Row shapes of the tracking tables as both dialects return them, and their mapping to entities.
// PostgreSQL returns BIGINT as strings, so every integer goes through Number().
import type {
  Experiment,
  Metric,
  ModelStage,
  ModelVersion,
  RegisteredModel,
  RunInfo,
  RunStatus,
} from '../store/types.js';

export interface ExperimentRow {
  experiment_id: number | string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  creation_time: number | string;
  last_update_time: number | string;
}

export interface RunRow {
  run_uuid: string;
  name: string;
  experiment_id: number | string;
  user_id: string;
  status: string;
  start_time: number | string;
  end_time: number | string | null;
  lifecycle_stage: string;
  artifact_uri: string;
}

export interface MetricRow {
  run_uuid: string;
  key: string;
  value: number | string;
  timestamp: number | string;
  step: number | string;
  is_nan: number | boolean;
}

export interface KeyValueRow {
  owner: string;
  key: string;
  value: string;
}

export interface ModelVersionRow {
  name: string;
  version: number | string;
  creation_time: number | string;
  last_updated_time: number | string;
  description: string;
  current_stage: string;
  source: string;
  run_id: string;
  status: string;
}

export interface RegisteredModelRow {
  name: string;
  creation_time: number | string;
  last_updated_time: number | string;
  description: string;
}

export function toExperiment(row: ExperimentRow, tags: Record<string, string>): Experiment {
  return {
    experimentId: String(row.experiment_id),
    name: row.name,
    artifactLocation: row.artifact_location,
    lifecycleStage: row.lifecycle_stage,
    creationTime: Number(row.creation_time),
    lastUpdateTime: Number(row.last_update_time),
    tags,
  };
}

export function toRunInfo(row: RunRow): RunInfo {
  return {
    runId: row.run_uuid,
    runName: row.name,
    experimentId: String(row.experiment_id),
    userId: row.user_id,
    status: row.status as RunStatus,
    startTime: Number(row.start_time),
    endTime: row.end_time === null ? undefined : Number(row.end_time),
    artifactUri: row.artifact_uri,
    lifecycleStage: row.lifecycle_stage,
  };
}

export function toMetric(row: MetricRow): Metric {
  const isNan = row.is_nan === true || Number(row.is_nan) === 1;
  return {
    key: row.key,
    value: isNan ? Number.NaN : Number(row.value),
    timestamp: Number(row.timestamp),
    step: Number(row.step),
  };
}

export function toRegisteredModel(
  row: RegisteredModelRow,
  tags: Record<string, string>,
  aliases: Record<string, string>,
): RegisteredModel {
  return {
    name: row.name,
    creationTime: Number(row.creation_time),
    lastUpdatedTime: Number(row.last_updated_time),
    description: row.description,
    tags,
    aliases,
  };
}

export function toModelVersion(
  row: ModelVersionRow,
  tags: Record<string, string>,
  aliases: string[],
): ModelVersion {
  return {
    name: row.name,
    version: String(row.version),
    creationTime: Number(row.creation_time),
    lastUpdatedTime: Number(row.last_updated_time),
    description: row.description,
    source: row.source,
    runId: row.run_id,
    currentStage: row.current_stage as ModelStage,
    status: row.status,
    tags,
    aliases,
  };
}

/** Groups key/value rows by owner: owner → { key: value }. */
export function groupKeyValues(rows: KeyValueRow[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) {
    let bucket = out.get(String(row.owner));
    if (!bucket) {
      bucket = {};
      out.set(String(row.owner), bucket);
    }
    bucket[row.key] = row.value;
  }
  return out;
}

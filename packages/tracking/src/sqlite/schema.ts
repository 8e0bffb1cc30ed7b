// Drizzle schema of the SQLite tracking store; migrations/sqlite creates exactly these tables
// (a test compares the two), and the shared SQL store queries them.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const experiments = sqliteTable('experiments', {
  experimentId: integer('experiment_id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  artifactLocation: text('artifact_location').notNull(),
  lifecycleStage: text('lifecycle_stage').notNull().default('active'),
  creationTime: integer('creation_time').notNull(),
  lastUpdateTime: integer('last_update_time').notNull(),
});

export const experimentTags = sqliteTable(
  'experiment_tags',
  {
    experimentId: integer('experiment_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.key] })],
);

export const runs = sqliteTable(
  'runs',
  {
    runUuid: text('run_uuid').primaryKey(),
    name: text('name').notNull(),
    experimentId: integer('experiment_id').notNull(),
    userId: text('user_id').notNull(),
    status: text('status').notNull(),
    startTime: integer('start_time').notNull(),
    endTime: integer('end_time'),
    lifecycleStage: text('lifecycle_stage').notNull().default('active'),
    artifactUri: text('artifact_uri').notNull(),
  },
  (t) => [index('runs_experiment_idx').on(t.experimentId, t.startTime)],
);

export const params = sqliteTable(
  'params',
  { runUuid: text('run_uuid').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] })],
);

export const tags = sqliteTable(
  'tags',
  { runUuid: text('run_uuid').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] })],
);

const metricColumns = {
  runUuid: text('run_uuid').notNull(),
  key: text('key').notNull(),
  value: real('value').notNull(),
  timestamp: integer('timestamp').notNull(),
  step: integer('step').notNull(),
  isNan: integer('is_nan').notNull().default(0),
};

export const metrics = sqliteTable('metrics', metricColumns, (t) => [
  primaryKey({ columns: [t.runUuid, t.key, t.step, t.timestamp, t.value, t.isNan] }),
]);

export const latestMetrics = sqliteTable('latest_metrics', metricColumns, (t) => [
  primaryKey({ columns: [t.runUuid, t.key] }),
]);

export const registeredModels = sqliteTable('registered_models', {
  name: text('name').primaryKey(),
  creationTime: integer('creation_time').notNull(),
  lastUpdatedTime: integer('last_updated_time').notNull(),
  description: text('description').notNull().default(''),
});

export const registeredModelTags = sqliteTable(
  'registered_model_tags',
  { name: text('name').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.name, t.key] })],
);

export const modelVersions = sqliteTable(
  'model_versions',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    creationTime: integer('creation_time').notNull(),
    lastUpdatedTime: integer('last_updated_time').notNull(),
    description: text('description').notNull().default(''),
    currentStage: text('current_stage').notNull().default('None'),
    source: text('source').notNull(),
    runId: text('run_id').notNull().default(''),
    status: text('status').notNull().default('READY'),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] }), index('model_versions_run_idx').on(t.runId)],
);

export const modelVersionTags = sqliteTable(
  'model_version_tags',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version, t.key] })],
);

export const registeredModelAliases = sqliteTable(
  'registered_model_aliases',
  { name: text('name').notNull(), alias: text('alias').notNull(), version: integer('version').notNull() },
  (t) => [primaryKey({ columns: [t.name, t.alias] })],
);

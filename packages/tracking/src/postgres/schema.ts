// Drizzle schema of the PostgreSQL tracking store; migrations/postgres creates exactly these tables
// (a test compares the two), and the shared SQL store queries them.
import {
  bigint,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
} from 'drizzle-orm/pg-core';

export const experiments = pgTable('experiments', {
  experimentId: serial('experiment_id').primaryKey(),
  name: text('name').notNull().unique(),
  artifactLocation: text('artifact_location').notNull(),
  lifecycleStage: text('lifecycle_stage').notNull().default('active'),
  creationTime: bigint('creation_time', { mode: 'number' }).notNull(),
  lastUpdateTime: bigint('last_update_time', { mode: 'number' }).notNull(),
});

export const experimentTags = pgTable(
  'experiment_tags',
  {
    experimentId: integer('experiment_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.key] })],
);

export const runs = pgTable(
  'runs',
  {
    runUuid: text('run_uuid').primaryKey(),
    name: text('name').notNull(),
    experimentId: integer('experiment_id').notNull(),
    userId: text('user_id').notNull(),
    status: text('status').notNull(),
    startTime: bigint('start_time', { mode: 'number' }).notNull(),
    endTime: bigint('end_time', { mode: 'number' }),
    lifecycleStage: text('lifecycle_stage').notNull().default('active'),
    artifactUri: text('artifact_uri').notNull(),
  },
  (t) => [index('runs_experiment_idx').on(t.experimentId, t.startTime)],
);

export const params = pgTable(
  'params',
  { runUuid: text('run_uuid').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] })],
);

export const tags = pgTable(
  'tags',
  { runUuid: text('run_uuid').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] })],
);

const metricColumns = {
  runUuid: text('run_uuid').notNull(),
  key: text('key').notNull(),
  value: doublePrecision('value').notNull(),
  timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
  step: bigint('step', { mode: 'number' }).notNull(),
  isNan: integer('is_nan').notNull().default(0),
};

export const metrics = pgTable('metrics', metricColumns, (t) => [
  primaryKey({ columns: [t.runUuid, t.key, t.step, t.timestamp, t.value, t.isNan] }),
]);

export const latestMetrics = pgTable('latest_metrics', metricColumns, (t) => [
  primaryKey({ columns: [t.runUuid, t.key] }),
]);

export const registeredModels = pgTable('registered_models', {
  name: text('name').primaryKey(),
  creationTime: bigint('creation_time', { mode: 'number' }).notNull(),
  lastUpdatedTime: bigint('last_updated_time', { mode: 'number' }).notNull(),
  description: text('description').notNull().default(''),
});

export const registeredModelTags = pgTable(
  'registered_model_tags',
  { name: text('name').notNull(), key: text('key').notNull(), value: text('value').notNull() },
  (t) => [primaryKey({ columns: [t.name, t.key] })],
);

export const modelVersions = pgTable(
  'model_versions',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    creationTime: bigint('creation_time', { mode: 'number' }).notNull(),
    lastUpdatedTime: bigint('last_updated_time', { mode: 'number' }).notNull(),
    description: text('description').notNull().default(''),
    currentStage: text('current_stage').notNull().default('None'),
    source: text('source').notNull(),
    runId: text('run_id').notNull().default(''),
    status: text('status').notNull().default('READY'),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] }), index('model_versions_run_idx').on(t.runId)],
);

export const modelVersionTags = pgTable(
  'model_version_tags',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version, t.key] })],
);

export const registeredModelAliases = pgTable(
  'registered_model_aliases',
  { name: text('name').notNull(), alias: text('alias').notNull(), version: integer('version').notNull() },
  (t) => [primaryKey({ columns: [t.name, t.alias] })],
);

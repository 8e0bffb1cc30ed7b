-- Initial postgres schema of the tracking store: experiments, runs, params, tags, metrics and the model registry.
CREATE TABLE IF NOT EXISTS experiments (
  experiment_id SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  artifact_location TEXT NOT NULL,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active',
  creation_time BIGINT NOT NULL,
  last_update_time BIGINT NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (experiment_id, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS runs (
  run_uuid TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
  user_id TEXT NOT NULL,
  status TEXT NOT NULL,
  start_time BIGINT NOT NULL,
  end_time BIGINT,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active',
  artifact_uri TEXT NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS params (
  run_uuid TEXT NOT NULL REFERENCES runs(run_uuid),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS tags (
  run_uuid TEXT NOT NULL REFERENCES runs(run_uuid),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS metrics (
  run_uuid TEXT NOT NULL REFERENCES runs(run_uuid),
  key TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS latest_metrics (
  run_uuid TEXT NOT NULL REFERENCES runs(run_uuid),
  key TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_uuid, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS registered_models (
  name TEXT PRIMARY KEY,
  creation_time BIGINT NOT NULL,
  last_updated_time BIGINT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS registered_model_tags (
  name TEXT NOT NULL REFERENCES registered_models(name),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (name, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS model_versions (
  name TEXT NOT NULL REFERENCES registered_models(name),
  version INTEGER NOT NULL,
  creation_time BIGINT NOT NULL,
  last_updated_time BIGINT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  current_stage TEXT NOT NULL DEFAULT 'None',
  source TEXT NOT NULL,
  run_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'READY',
  PRIMARY KEY (name, version)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS model_version_tags (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (name, version, key)
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS registered_model_aliases (
  name TEXT NOT NULL REFERENCES registered_models(name),
  alias TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (name, alias)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS runs_experiment_idx ON runs (experiment_id, start_time);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS model_versions_run_idx ON model_versions (run_id);

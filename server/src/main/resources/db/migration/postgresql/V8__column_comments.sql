-- One word, one meaning: the API's model_id is the public name@YYYY.MM.DD-rN, stored in
-- model_versions.version_id; every column named id is a row id, and every other *_id column that
-- references a table holds that table's row id (in Java: …RowId). The columns keep their names so that
-- existing databases need no rewrite; these comments say it where an operator reads the schema.
COMMENT ON COLUMN model_versions.version_id IS 'the public model_id (name@YYYY.MM.DD-rN) of this version';
COMMENT ON COLUMN model_versions.model_id IS 'row id of the model (models.id), not a public model_id';
COMMENT ON COLUMN version_parents.version_id IS 'row id of the consuming version (model_versions.id)';
COMMENT ON COLUMN version_parents.parent_id IS 'row id of the consumed version (model_versions.id)';
COMMENT ON COLUMN artifacts.version_id IS 'row id of the version (model_versions.id)';
COMMENT ON COLUMN evaluation_reports.version_id IS 'row id of the evaluated version (model_versions.id)';
COMMENT ON COLUMN deployments.model_id IS 'row id of the model (models.id)';
COMMENT ON COLUMN deployments.production_version_id IS 'row id of the production version (model_versions.id)';
COMMENT ON COLUMN deployments.canary_version_id IS 'row id of the canary version (model_versions.id)';
COMMENT ON COLUMN deployment_history.model_id IS 'row id of the model (models.id)';
COMMENT ON COLUMN signals.version_id IS 'row id of the version that emitted the signal (model_versions.id)';
COMMENT ON COLUMN model_day_counters.model_id IS 'row id of the model (models.id)';
COMMENT ON COLUMN model_health.model_id IS 'row id of the model (models.id)';

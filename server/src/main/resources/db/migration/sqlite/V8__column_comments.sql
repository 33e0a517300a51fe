-- The PostgreSQL migration of this version documents the id columns with COMMENT ON COLUMN, which SQLite
-- does not have. The convention it records holds here too: the API's model_id is model_versions.version_id;
-- every column named id is a row id, and every other *_id column that references a table holds that table's
-- row id. Kept as a migration so that both folders carry the same versions.
SELECT 1;

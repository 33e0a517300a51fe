-- A model's versions in registration order (GET /models/{name}/versions, the console's model page): with only
-- UNIQUE (model_id, lineage_hash) to go by, PostgreSQL answered "WHERE model_id = ? ORDER BY id LIMIT n" by walking
-- the primary key through every version of every model (~0.6 s at 1,000,000 versions). This index hands it the
-- model's versions already in id order.
CREATE INDEX model_versions_by_model ON model_versions (model_id, id);

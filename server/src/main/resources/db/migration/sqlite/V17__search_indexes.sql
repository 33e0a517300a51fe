-- Search: GET /models and the version lists filter by name, owner, label, health, status, commit, hashes, registrant,
-- registration time and verdict, keyset-paged. Each filter gets an index here that keeps it a range read at
-- 100,000 models and 1,000,000 versions (bench/run-search.sh measures them next to a primary-key read).
-- SQLite compares model names byte by byte already (BINARY), so the unique index answers a name prefix as a range;
-- the PostgreSQL migration puts models.name in the "C" collation to match.

-- A version's labels, one row per key, written at registration beside the JSON the API returns: a label filter is an
-- index lookup on (key, value) instead of a LIKE over every version's stored JSON.
CREATE TABLE version_labels (
    version_id  integer NOT NULL REFERENCES model_versions (id),
    key         text    NOT NULL,
    value       text    NOT NULL,
    PRIMARY KEY (version_id, key)
);
CREATE INDEX version_labels_key_value ON version_labels (key, value, version_id);

INSERT INTO version_labels (version_id, key, value)
SELECT v.id, l.key, l.value FROM model_versions v, json_each(v.labels) l;

-- The labels some version of each model carries, once per model: what GET /models?label= asks, answered by one
-- primary-key probe per model (or from (key, value) for a rare label) instead of a walk through its versions' labels.
-- Versions are never deleted nor relabelled, so a row, once written at a registration, stays true.
CREATE TABLE model_labels (
    model_id  integer NOT NULL REFERENCES models (id),
    key       text    NOT NULL,
    value     text    NOT NULL,
    PRIMARY KEY (model_id, key, value)
);
CREATE INDEX model_labels_key_value ON model_labels (key, value, model_id);

INSERT INTO model_labels (model_id, key, value)
SELECT DISTINCT v.model_id, l.key, l.value FROM model_versions v, json_each(v.labels) l;

-- The version filters. Each equality filter is followed by id, so that "WHERE x = ? AND id > ? ORDER BY id LIMIT n"
-- reads the next page straight off the index; the commit (matched as a prefix) and the time are ranges.
CREATE INDEX model_versions_status ON model_versions (status, id);
CREATE INDEX model_versions_code_commit ON model_versions (code_commit);
CREATE INDEX model_versions_feature_graph ON model_versions (feature_graph_hash, id);
CREATE INDEX model_versions_registrant ON model_versions (registered_by, registered_at);
CREATE INDEX model_versions_registered_at ON model_versions (registered_at);

-- Strong owners (see the PostgreSQL migration for the why). SQLite keeps times as text; owner_activity_ms is
-- computed from it with strftime.
ALTER TABLE teams ADD COLUMN emptied_at text;
ALTER TABLE models ADD COLUMN warn_after_ms integer;
ALTER TABLE models ADD COLUMN expire_after_ms integer;
ALTER TABLE models ADD COLUMN orphan_after_ms integer;
ALTER TABLE models ADD COLUMN owner_activity_ms integer NOT NULL DEFAULT 0;
UPDATE models SET owner_activity_ms = CAST(strftime('%s', created_at) AS integer) * 1000;
UPDATE models SET owner_activity_ms = MAX(owner_activity_ms,
    (SELECT CAST(strftime('%s', MAX(v.registered_at)) AS integer) * 1000 FROM model_versions v WHERE v.model_id = models.id))
WHERE EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = models.id);

CREATE TABLE model_health (
    model_id  integer PRIMARY KEY REFERENCES models (id),
    state     text    NOT NULL CHECK (state IN ('ok', 'warning', 'expired', 'orphan')),
    since     text    NOT NULL
);

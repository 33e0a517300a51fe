-- Strong owners: when a team lost its last member, each model's deprecation policy (NULL = the global default),
-- the time of the owner team's latest activity (a version registered by a member, or a reassignment) in epoch
-- milliseconds so that both databases can compare it with plain arithmetic, and the last health state the sweeper
-- audited for each model.
ALTER TABLE teams ADD COLUMN emptied_at timestamptz;
ALTER TABLE models ADD COLUMN warn_after_ms bigint;
ALTER TABLE models ADD COLUMN expire_after_ms bigint;
ALTER TABLE models ADD COLUMN orphan_after_ms bigint;
ALTER TABLE models ADD COLUMN owner_activity_ms bigint;
UPDATE models SET owner_activity_ms = (EXTRACT(EPOCH FROM created_at) * 1000)::bigint;
UPDATE models SET owner_activity_ms = GREATEST(owner_activity_ms,
    (SELECT (EXTRACT(EPOCH FROM MAX(v.registered_at)) * 1000)::bigint FROM model_versions v WHERE v.model_id = models.id))
WHERE EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = models.id);
ALTER TABLE models ALTER COLUMN owner_activity_ms SET NOT NULL;

CREATE TABLE model_health (
    model_id  bigint      PRIMARY KEY REFERENCES models (id),
    state     text        NOT NULL CHECK (state IN ('ok', 'warning', 'expired', 'orphan')),
    since     timestamptz NOT NULL
);

-- Lineage events: signals (emitted by a model version) and fills (executions caused by a signal).
-- The bulk rows live in tables partitioned by time (yearly), so old years can be detached or dropped.
-- PostgreSQL cannot enforce a unique id across partitions without the partition key, and the ingest rules
-- need exactly that (an id seen again is a duplicate or a conflict), so each kind also has a thin,
-- unpartitioned key table: id → event time and the SHA-256 of the event's canonical JSON.

CREATE TABLE signal_keys (
    signal_id       text        PRIMARY KEY,
    emitted_at      timestamptz NOT NULL,
    content_sha256  text        NOT NULL
);

CREATE TABLE signals (
    signal_id    text        NOT NULL,
    version_id   bigint      NOT NULL REFERENCES model_versions (id),
    emitted_at   timestamptz NOT NULL,
    body         text        NOT NULL,
    received_at  timestamptz NOT NULL
) PARTITION BY RANGE (emitted_at);
CREATE INDEX signals_signal_id ON signals (signal_id);
CREATE INDEX signals_version ON signals (version_id, emitted_at);

CREATE TABLE fill_keys (
    fill_id         text        PRIMARY KEY,
    executed_at     timestamptz NOT NULL,
    content_sha256  text        NOT NULL
);

-- A fill may arrive before its signal, so signal_id is not a foreign key; the lineage query joins it.
CREATE TABLE fills (
    fill_id      text        NOT NULL,
    signal_id    text        NOT NULL,
    executed_at  timestamptz NOT NULL,
    body         text        NOT NULL,
    received_at  timestamptz NOT NULL
) PARTITION BY RANGE (executed_at);
CREATE INDEX fills_fill_id ON fills (fill_id);
CREATE INDEX fills_signal_id ON fills (signal_id);

CREATE TABLE signals_default PARTITION OF signals DEFAULT;
CREATE TABLE fills_default PARTITION OF fills DEFAULT;

DO $$
DECLARE
    year integer;
BEGIN
    FOR year IN 2015..2035 LOOP
        EXECUTE format('CREATE TABLE signals_%s PARTITION OF signals FOR VALUES FROM (%L) TO (%L)',
                       year, make_date(year, 1, 1), make_date(year + 1, 1, 1));
        EXECUTE format('CREATE TABLE fills_%s PARTITION OF fills FOR VALUES FROM (%L) TO (%L)',
                       year, make_date(year, 1, 1), make_date(year + 1, 1, 1));
    END LOOP;
END
$$;

-- Deployment state at a moment: the latest history row of a model at or before that time.
CREATE INDEX deployment_history_model_time ON deployment_history (model_id, changed_at);

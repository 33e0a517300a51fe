-- Lineage events: signals (emitted by a model version) and fills (executions caused by a signal).
-- The same key tables as on PostgreSQL (where the bulk tables are partitioned by time); here nothing is
-- partitioned, but sharing the shape keeps the SQL of both databases the same.

CREATE TABLE signal_keys (
    signal_id       text    PRIMARY KEY,
    emitted_at      text    NOT NULL,
    content_sha256  text    NOT NULL
);

CREATE TABLE signals (
    signal_id    text    NOT NULL,
    version_id   integer NOT NULL REFERENCES model_versions (id),
    emitted_at   text    NOT NULL,
    body         text    NOT NULL,
    received_at  text    NOT NULL
);
CREATE INDEX signals_signal_id ON signals (signal_id);
CREATE INDEX signals_version ON signals (version_id, emitted_at);

CREATE TABLE fill_keys (
    fill_id         text    PRIMARY KEY,
    executed_at     text    NOT NULL,
    content_sha256  text    NOT NULL
);

CREATE TABLE fills (
    fill_id      text    NOT NULL,
    signal_id    text    NOT NULL,
    executed_at  text    NOT NULL,
    body         text    NOT NULL,
    received_at  text    NOT NULL
);
CREATE INDEX fills_fill_id ON fills (fill_id);
CREATE INDEX fills_signal_id ON fills (signal_id);

CREATE INDEX deployment_history_model_time ON deployment_history (model_id, changed_at);

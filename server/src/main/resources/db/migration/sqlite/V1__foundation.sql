-- Foundation: principals, tokens, teams, the approver ACL, evaluators, models, versions, idempotency, audit.

CREATE TABLE principals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        text        NOT NULL UNIQUE,
    kind        text        NOT NULL CHECK (kind IN ('user', 'service')),
    is_admin    integer     NOT NULL DEFAULT 0,
    created_at  text        NOT NULL
);

-- Only the SHA-256 of a token is stored; the token itself is shown once.
CREATE TABLE api_tokens (
    id            text        PRIMARY KEY,
    principal_id  integer      NOT NULL REFERENCES principals (id),
    token_sha256  text        NOT NULL UNIQUE,
    created_at    text        NOT NULL,
    revoked_at    text       
);
CREATE INDEX api_tokens_principal ON api_tokens (principal_id);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        text        NOT NULL UNIQUE,
    created_at  text        NOT NULL
);

CREATE TABLE team_members (
    team_id       integer      NOT NULL REFERENCES teams (id),
    principal_id  integer      NOT NULL REFERENCES principals (id),
    added_at      text        NOT NULL,
    PRIMARY KEY (team_id, principal_id)
);

CREATE TABLE approvers (
    principal_id  integer      PRIMARY KEY REFERENCES principals (id),
    added_at      text        NOT NULL
);

CREATE TABLE evaluators (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        text        NOT NULL UNIQUE,
    created_at  text        NOT NULL
);

CREATE TABLE evaluator_keys (
    evaluator_id    integer      NOT NULL REFERENCES evaluators (id),
    keyid           text        NOT NULL,
    public_key_pem  text        NOT NULL,
    created_at      text        NOT NULL,
    revoked_at      text       ,
    PRIMARY KEY (evaluator_id, keyid)
);

CREATE TABLE models (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           text        NOT NULL UNIQUE,
    owner_team_id  integer      NOT NULL REFERENCES teams (id),
    description    text,
    created_by     integer      NOT NULL REFERENCES principals (id),
    created_at     text        NOT NULL
);
CREATE INDEX models_owner ON models (owner_team_id);

-- The r{N} of model_id: one row per model per UTC day, incremented by an upsert whose row lock
-- makes concurrent registrations of one model take distinct numbers on any number of instances.
CREATE TABLE model_day_counters (
    model_id       integer  NOT NULL REFERENCES models (id),
    day            text    NOT NULL,
    last_revision  integer NOT NULL,
    PRIMARY KEY (model_id, day)
);

CREATE TABLE model_versions (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id               integer      NOT NULL REFERENCES models (id),
    version_id             text        NOT NULL UNIQUE,
    lineage_hash           text        NOT NULL,
    code_commit            text        NOT NULL,
    feature_graph_hash     text        NOT NULL,
    data_window_start      text        NOT NULL,
    data_window_end        text        NOT NULL,
    hyperparams            text        NOT NULL,
    training_distribution  text,
    labels                 text        NOT NULL,
    evaluation_report_id   text,
    evaluation_objective   text,
    status                 text        NOT NULL CHECK (status IN
                               ('candidate', 'canary', 'production', 'retired', 'rolled_back', 'rejected')),
    ready_at               text       ,
    registered_by          integer      NOT NULL REFERENCES principals (id),
    registered_at          text        NOT NULL,
    -- Registering the same lineage twice under one model returns the first version.
    UNIQUE (model_id, lineage_hash)
);
CREATE INDEX model_versions_lineage ON model_versions (lineage_hash);

-- Ensemble edges: the version consumes each parent (its children in the ensemble sense).
CREATE TABLE version_parents (
    version_id  integer NOT NULL REFERENCES model_versions (id),
    parent_id   integer NOT NULL REFERENCES model_versions (id),
    PRIMARY KEY (version_id, parent_id)
);
CREATE INDEX version_parents_parent ON version_parents (parent_id);

CREATE TABLE idempotency_keys (
    principal_id     integer      NOT NULL REFERENCES principals (id),
    idempotency_key  text        NOT NULL,
    request_sha256   text        NOT NULL,
    response_status  integer,
    response_type    text,
    response_body    text,
    created_at       text        NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
);

-- The audit log: one hash chain per subject family ("chain"), so that writes to unrelated models
-- never wait for each other, while each chain is tamper-evident on its own.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    chain        text        NOT NULL,
    chain_seq    integer      NOT NULL,
    occurred_at  text        NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    subject      text        NOT NULL,
    detail       text        NOT NULL,
    request_id   text,
    prev_hash    text        NOT NULL,
    entry_hash   text        NOT NULL,
    UNIQUE (chain, chain_seq)
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_chain ON audit_log (chain, seq);

-- The head of each chain: its length and last hash. Locking this row orders the entries of one chain;
-- it also lets verification notice entries deleted from the end of a chain.
CREATE TABLE audit_chain_heads (
    chain      text   PRIMARY KEY,
    entries    integer NOT NULL,
    head_hash  text   NOT NULL
);

-- SQLite has no TRUNCATE; UPDATE and DELETE are refused as on PostgreSQL.
CREATE TRIGGER audit_log_no_update
    BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete
    BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;

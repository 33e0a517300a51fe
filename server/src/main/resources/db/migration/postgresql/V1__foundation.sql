-- Foundation: principals, tokens, teams, the approver ACL, evaluators, models, versions, idempotency, audit.

CREATE TABLE principals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    kind        text        NOT NULL CHECK (kind IN ('user', 'service')),
    is_admin    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);

-- Only the SHA-256 of a token is stored; the token itself is shown once.
CREATE TABLE api_tokens (
    id            text        PRIMARY KEY,
    principal_id  bigint      NOT NULL REFERENCES principals (id),
    token_sha256  text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_principal ON api_tokens (principal_id);

CREATE TABLE teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

CREATE TABLE team_members (
    team_id       bigint      NOT NULL REFERENCES teams (id),
    principal_id  bigint      NOT NULL REFERENCES principals (id),
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (team_id, principal_id)
);

CREATE TABLE approvers (
    principal_id  bigint      PRIMARY KEY REFERENCES principals (id),
    added_at      timestamptz NOT NULL
);

CREATE TABLE evaluators (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);

CREATE TABLE evaluator_keys (
    evaluator_id    bigint      NOT NULL REFERENCES evaluators (id),
    keyid           text        NOT NULL,
    public_key_pem  text        NOT NULL,
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    PRIMARY KEY (evaluator_id, keyid)
);

CREATE TABLE models (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE,
    owner_team_id  bigint      NOT NULL REFERENCES teams (id),
    description    text,
    created_by     bigint      NOT NULL REFERENCES principals (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX models_owner ON models (owner_team_id);

-- The r{N} of model_id: one row per model per UTC day, incremented by an upsert whose row lock
-- makes concurrent registrations of one model take distinct numbers on any number of instances.
CREATE TABLE model_day_counters (
    model_id       bigint  NOT NULL REFERENCES models (id),
    day            text    NOT NULL,
    last_revision  integer NOT NULL,
    PRIMARY KEY (model_id, day)
);

CREATE TABLE model_versions (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id               bigint      NOT NULL REFERENCES models (id),
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
    ready_at               timestamptz,
    registered_by          bigint      NOT NULL REFERENCES principals (id),
    registered_at          timestamptz NOT NULL,
    -- Registering the same lineage twice under one model returns the first version.
    UNIQUE (model_id, lineage_hash)
);
CREATE INDEX model_versions_lineage ON model_versions (lineage_hash);

-- Ensemble edges: the version consumes each parent (its children in the ensemble sense).
CREATE TABLE version_parents (
    version_id  bigint NOT NULL REFERENCES model_versions (id),
    parent_id   bigint NOT NULL REFERENCES model_versions (id),
    PRIMARY KEY (version_id, parent_id)
);
CREATE INDEX version_parents_parent ON version_parents (parent_id);

CREATE TABLE idempotency_keys (
    principal_id     bigint      NOT NULL REFERENCES principals (id),
    idempotency_key  text        NOT NULL,
    request_sha256   text        NOT NULL,
    response_status  integer,
    response_type    text,
    response_body    text,
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (principal_id, idempotency_key)
);

-- The audit log: one hash chain per subject family ("chain"), so that writes to unrelated models
-- never wait for each other, while each chain is tamper-evident on its own.
CREATE TABLE audit_log (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain        text        NOT NULL,
    chain_seq    bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
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
    entries    bigint NOT NULL,
    head_hash  text   NOT NULL
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

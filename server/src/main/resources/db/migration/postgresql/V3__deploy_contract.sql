-- The deploy contract: verified evaluation reports, the registry's signing keys, each model's deployment
-- (production and canary split) with its full history, and the per-model lifecycle invariants.

CREATE TABLE evaluation_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id      text        NOT NULL UNIQUE,
    version_id     bigint      NOT NULL REFERENCES model_versions (id),
    lineage_hash   text        NOT NULL,
    evaluator_id   bigint      NOT NULL REFERENCES evaluators (id),
    keyid          text        NOT NULL,
    objective      text        NOT NULL,
    verdict        text        NOT NULL CHECK (verdict IN ('pass', 'fail')),
    metrics        text        NOT NULL,
    created_at     text        NOT NULL,
    envelope       text        NOT NULL,
    submitted_by   bigint      NOT NULL REFERENCES principals (id),
    received_at    timestamptz NOT NULL
);
CREATE INDEX evaluation_reports_version ON evaluation_reports (version_id);

-- The registry's own Ed25519 keys; manifests are signed with an active one, retired ones stay listed so that
-- manifests signed before a rotation still verify.
CREATE TABLE registry_keys (
    keyid           text        PRIMARY KEY,
    public_key_pem  text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('active', 'retired')),
    created_at      timestamptz NOT NULL,
    retired_at      timestamptz
);

-- One row per model that has ever been deployed: the current split and its revision.
CREATE TABLE deployments (
    model_id               bigint      PRIMARY KEY REFERENCES models (id),
    revision               bigint      NOT NULL CHECK (revision >= 1),
    production_version_id  bigint      REFERENCES model_versions (id),
    canary_version_id      bigint      REFERENCES model_versions (id),
    canary_pct             integer     CHECK (canary_pct BETWEEN 1 AND 99),
    updated_at             timestamptz NOT NULL,
    CHECK ((canary_version_id IS NULL) = (canary_pct IS NULL)),
    CHECK (canary_version_id IS NULL OR production_version_id IS NOT NULL),
    CHECK (canary_version_id IS NULL OR canary_version_id <> production_version_id)
);

-- Every split a model ever had, with who changed it, when and why: "what was deployed when".
CREATE TABLE deployment_history (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id               bigint      NOT NULL REFERENCES models (id),
    revision               bigint      NOT NULL,
    production_version_id  bigint      REFERENCES model_versions (id),
    canary_version_id      bigint      REFERENCES model_versions (id),
    canary_pct             integer,
    action                 text        NOT NULL CHECK (action IN ('promote', 'rollback')),
    actor                  text        NOT NULL,
    reason                 text,
    changed_at             timestamptz NOT NULL,
    UNIQUE (model_id, revision)
);

-- At most one production and one canary version per model, whatever any number of instances do.
CREATE UNIQUE INDEX model_versions_one_production ON model_versions (model_id) WHERE status = 'production';
CREATE UNIQUE INDEX model_versions_one_canary ON model_versions (model_id) WHERE status = 'canary';

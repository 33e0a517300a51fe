-- Artifacts: each row names one file of a version by path; the bytes are a blob in the content-addressed
-- store, keyed by sha256, so identical content under many paths or versions is stored once.
CREATE TABLE artifacts (
    version_id   bigint      NOT NULL REFERENCES model_versions (id),
    path         text        NOT NULL,
    sha256       text        NOT NULL,
    size         bigint      NOT NULL CHECK (size >= 0),
    media_type   text        NOT NULL,
    uploaded_by  bigint      NOT NULL REFERENCES principals (id),
    uploaded_at  timestamptz NOT NULL,
    PRIMARY KEY (version_id, path)
);
CREATE INDEX artifacts_sha256 ON artifacts (sha256);

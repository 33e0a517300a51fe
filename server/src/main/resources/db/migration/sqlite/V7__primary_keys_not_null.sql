-- SQLite lets a PRIMARY KEY column that is not an INTEGER PRIMARY KEY hold NULL (a legacy quirk, kept for
-- compatibility) unless it is declared NOT NULL, which PostgreSQL implies. These five text keys were not, so here
-- they could be NULL where PostgreSQL refuses it. SQLite cannot add NOT NULL to a column; each table is rebuilt
-- (https://sqlite.org/lang_altertable.html#otheralter). No other table references them, so the foreign keys
-- can stay on; a NULL key already stored makes this migration fail rather than lose the row.

CREATE TABLE api_tokens_rebuilt (
    id            text        NOT NULL PRIMARY KEY,
    principal_id  integer     NOT NULL REFERENCES principals (id),
    token_sha256  text        NOT NULL UNIQUE,
    created_at    text        NOT NULL,
    revoked_at    text
);
INSERT INTO api_tokens_rebuilt (id, principal_id, token_sha256, created_at, revoked_at)
    SELECT id, principal_id, token_sha256, created_at, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_rebuilt RENAME TO api_tokens;
CREATE INDEX api_tokens_principal ON api_tokens (principal_id);

CREATE TABLE audit_chain_heads_rebuilt (
    chain      text    NOT NULL PRIMARY KEY,
    entries    integer NOT NULL,
    head_hash  text    NOT NULL
);
INSERT INTO audit_chain_heads_rebuilt (chain, entries, head_hash)
    SELECT chain, entries, head_hash FROM audit_chain_heads;
DROP TABLE audit_chain_heads;
ALTER TABLE audit_chain_heads_rebuilt RENAME TO audit_chain_heads;

CREATE TABLE registry_keys_rebuilt (
    keyid           text  NOT NULL PRIMARY KEY,
    public_key_pem  text  NOT NULL,
    status          text  NOT NULL CHECK (status IN ('active', 'retired')),
    created_at      text  NOT NULL,
    retired_at      text
);
INSERT INTO registry_keys_rebuilt (keyid, public_key_pem, status, created_at, retired_at)
    SELECT keyid, public_key_pem, status, created_at, retired_at FROM registry_keys;
DROP TABLE registry_keys;
ALTER TABLE registry_keys_rebuilt RENAME TO registry_keys;

CREATE TABLE signal_keys_rebuilt (
    signal_id       text  NOT NULL PRIMARY KEY,
    emitted_at      text  NOT NULL,
    content_sha256  text  NOT NULL
);
INSERT INTO signal_keys_rebuilt (signal_id, emitted_at, content_sha256)
    SELECT signal_id, emitted_at, content_sha256 FROM signal_keys;
DROP TABLE signal_keys;
ALTER TABLE signal_keys_rebuilt RENAME TO signal_keys;

CREATE TABLE fill_keys_rebuilt (
    fill_id         text  NOT NULL PRIMARY KEY,
    executed_at     text  NOT NULL,
    content_sha256  text  NOT NULL
);
INSERT INTO fill_keys_rebuilt (fill_id, executed_at, content_sha256)
    SELECT fill_id, executed_at, content_sha256 FROM fill_keys;
DROP TABLE fill_keys;
ALTER TABLE fill_keys_rebuilt RENAME TO fill_keys;

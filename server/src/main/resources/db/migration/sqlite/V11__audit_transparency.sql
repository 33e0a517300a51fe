-- Signed entries and one Merkle tree over the whole log. Each entry is signed by the writing instance's log key
-- (never stored here; only its public half is, in audit_log_keys). Entries written before V11 stay unsigned.
ALTER TABLE audit_log ADD COLUMN key_id text;
ALTER TABLE audit_log ADD COLUMN signature text;

CREATE TABLE audit_log_keys (
    key_id      text        NOT NULL PRIMARY KEY,
    public_key  text        NOT NULL,
    added_at    text        NOT NULL
);

-- The leaf index of each entry, assigned by the integrator after the entry committed, in batches.
CREATE TABLE audit_leaves (
    leaf_index     INTEGER     PRIMARY KEY,
    seq            integer     NOT NULL UNIQUE,
    integrated_at  text        NOT NULL
);

-- Every signed tree head, with the tree's right edge (compact range) so the next batch extends it.
CREATE TABLE audit_checkpoints (
    tree_size     INTEGER     PRIMARY KEY,
    note          text        NOT NULL,
    compact_range text        NOT NULL,
    published_at  text        NOT NULL
);

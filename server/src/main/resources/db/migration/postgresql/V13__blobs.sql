-- The registry's record of each blob in the artifact store, so that a collector can remove bytes no artifact row
-- names without ever removing bytes one does: an upload marks its blob live in the transaction that writes the
-- artifact row, and the collector marks a blob deleting (and re-checks that no row names it) before it deletes
-- the bytes. The row lock on a blob's record orders the two. touched_at is when its state last changed.
CREATE TABLE blobs (
    sha256      text        PRIMARY KEY,
    state       text        NOT NULL CHECK (state IN ('live', 'deleting')),
    touched_at  timestamptz NOT NULL
);

INSERT INTO blobs (sha256, state, touched_at)
SELECT sha256, 'live', MAX(uploaded_at) FROM artifacts GROUP BY sha256;

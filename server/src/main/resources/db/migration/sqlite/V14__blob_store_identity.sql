-- Which artifact store this database was written with. An instance records its store's identity at first start and
-- every later start compares: an instance on a store that is not the one the artifact rows point into (a file store
-- that is not shared, another bucket) refuses to start instead of answering 503 for every artifact it cannot find.
CREATE TABLE blob_store_identity (
    singleton    integer     NOT NULL PRIMARY KEY DEFAULT 1 CHECK (singleton = 1),
    store_id     text        NOT NULL,
    described_as text        NOT NULL,
    recorded_at  text        NOT NULL
);

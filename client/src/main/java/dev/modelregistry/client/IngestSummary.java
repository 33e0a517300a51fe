package dev.modelregistry.client;

/** What happened to the lines of one NDJSON ingest: how many were accepted, duplicates, conflicts and rejected. */
public record IngestSummary(long accepted, long duplicate, long conflict, long rejected) {
    public long total() {
        return accepted + duplicate + conflict + rejected;
    }

    /** True when every line was stored now or before: nothing was rejected and nothing conflicted. */
    public boolean clean() {
        return conflict == 0 && rejected == 0;
    }
}

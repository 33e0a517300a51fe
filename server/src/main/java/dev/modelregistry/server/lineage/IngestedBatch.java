package dev.modelregistry.server.lineage;

/**
 * The audit detail of one committed ingest batch: what became of its lines (counts), the lines and the ids of the
 * first and the last event it stored (null when it stored none: a batch of conflicts is audited too), the SHA-256 of
 * their ids (in line order, one per line) and the SHA-256 of the accepted lines as received (each without its
 * terminator and followed by a newline), so the audit log pins exactly which events and which bytes were accepted
 * without holding thousands of ids.
 */
public record IngestedBatch(EventKind kind, Counts counts, Long firstLine, Long lastLine, String firstId, String lastId,
                            String acceptedIdsSha256, String acceptedLinesSha256) {
    /** How many of the batch's lines were stored, already stored identically, stored with other content, refused. */
    public record Counts(long accepted, long duplicate, long conflict, long rejected) {
    }
}

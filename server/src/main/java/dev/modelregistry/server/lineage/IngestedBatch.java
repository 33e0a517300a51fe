package dev.modelregistry.server.lineage;

/**
 * The audit detail of one committed ingest batch: how many events it stored, the lines and the ids of the first and
 * the last of them, the SHA-256 of their ids (in line order, one per line) and the SHA-256 of the accepted lines
 * as received (each without its terminator and followed by a newline), so the audit log pins exactly which events
 * and which bytes were accepted without holding thousands of ids.
 */
public record IngestedBatch(EventKind kind, int accepted, long firstLine, long lastLine, String firstId, String lastId,
                            String acceptedIdsSha256, String acceptedLinesSha256) {
}

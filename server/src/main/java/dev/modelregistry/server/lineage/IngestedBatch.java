package dev.modelregistry.server.lineage;

/**
 * The audit detail of one committed ingest batch: how many events it stored, the lines they came from, and the
 * SHA-256 of their ids (in line order, one per line), so the audit log pins exactly which events were accepted
 * without holding thousands of ids.
 */
public record IngestedBatch(EventKind kind, int accepted, long firstLine, long lastLine, String acceptedIdsSha256) {
}

package dev.modelregistry.server.lineage;

import java.time.Instant;

/**
 * One valid NDJSON line: its id, its time, the id it refers to (a signal's model_id, a fill's signal_id), the
 * line re-serialised, the SHA-256 of its canonical JSON, which decides duplicate (same) versus conflict, and the
 * line as received (without its terminator), which the batch's audit entry hashes.
 */
public record LineageEvent(long line, String id, Instant time, String reference, String body, String contentSha256,
                           String received) {
}

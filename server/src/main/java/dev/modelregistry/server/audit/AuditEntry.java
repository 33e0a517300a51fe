package dev.modelregistry.server.audit;

import java.time.Instant;

/**
 * One stored audit entry, with its place in its chain and the hashes that link it to the previous one.
 * The detail is kept as the stored text because that text is what the hash covers.
 */
public record AuditEntry(long seq, String chain, long chainSeq, Instant occurredAt, String actor, String action,
                         String subject, String detailJson, String requestId, String prevHash, String entryHash) {
}

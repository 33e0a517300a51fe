package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.AuditLeaf;
import dev.modelregistry.server.db.Times;

import java.time.Instant;

/**
 * One stored audit entry, with its place in its chain, the hashes that link it to the previous one and the log key's
 * signature of its hash ({@code keyId} and {@code signature} are null for entries written before entries were signed).
 * The detail is kept as the stored text because that text is what the hash covers.
 */
public record AuditEntry(long seq, String chain, long chainSeq, Instant occurredAt, String actor, String action,
                         String subject, String detailJson, String requestId, String prevHash, String entryHash,
                         String keyId, String signature) {

    /** The same entry at the place {@code assignedSeq} the database gave it. */
    public AuditEntry withSeq(long assignedSeq) {
        return new AuditEntry(assignedSeq, chain, chainSeq, occurredAt, actor, action, subject, detailJson, requestId,
                prevHash, entryHash, keyId, signature);
    }

    /** The stored strings that the entry hash, the signature and the Merkle leaf cover. */
    public AuditLeaf leaf() {
        return new AuditLeaf(seq, chain, chainSeq, Times.format(occurredAt), actor, action, subject, detailJson,
                requestId, prevHash, entryHash, keyId, signature);
    }
}

package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.AuditLeaf;
import dev.modelregistry.server.db.Times;

import java.time.Instant;

/**
 * The hash that links an audit entry to its predecessor: sha256 of the canonical JSON of every stored field
 * except the global {@code seq} (assigned by the database, so chains can be written in parallel). The encoding is
 * {@link AuditLeaf}'s, shared with the client so that an auditor recomputes exactly this.
 */
final class AuditHashing {
    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String entryHash(String chain, long chainSeq, Instant occurredAt, String actor, String action,
                            String subject, String detailJson, String requestId, String prevHash) {
        return AuditLeaf.entryHash(chain, chainSeq, Times.format(occurredAt), actor, action, subject, detailJson,
                requestId, prevHash);
    }
}

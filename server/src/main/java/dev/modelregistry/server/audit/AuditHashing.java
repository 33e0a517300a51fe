package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.CanonicalJson;
import dev.modelregistry.server.db.Times;

import java.time.Instant;

/**
 * The hash that links an audit entry to its predecessor: sha256 of the canonical JSON of every stored field
 * except the global {@code seq} (assigned by the database, so chains can be written in parallel).
 */
final class AuditHashing {
    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String entryHash(String chain, long chainSeq, Instant occurredAt, String actor, String action,
                            String subject, String detailJson, String requestId, String prevHash) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("chain", chain);
        fields.put("chain_seq", chainSeq);
        fields.put("occurred_at", Times.format(occurredAt));
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("subject", subject);
        fields.put("detail", detailJson);
        fields.put("request_id", requestId);
        fields.put("prev_hash", prevHash);
        return CanonicalJson.sha256Of(fields);
    }
}

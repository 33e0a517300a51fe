package dev.modelregistry.core.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.CanonicalJson;

import java.nio.charset.StandardCharsets;

/**
 * One audit entry as the stored strings that its hashes cover, shared by the server and every verifier. The entry
 * hash covers every field but {@code seq}, {@code key_id} and {@code signature}; the Merkle leaf covers all of them,
 * so once an entry is in the tree even its place in the global order is fixed.
 */
public record AuditLeaf(long seq, String chain, long chainSeq, String occurredAt, String actor, String action,
                        String subject, String detail, String requestId, String prevHash, String entryHash,
                        String keyId, String signature) {

    /** sha256 (hex) of the canonical JSON of the chained fields: the link to the previous entry. */
    public static String entryHash(String chain, long chainSeq, String occurredAt, String actor, String action,
                                   String subject, String detail, String requestId, String prevHash) {
        return CanonicalJson.sha256Of(chainedFields(chain, chainSeq, occurredAt, actor, action, subject, detail,
                requestId, prevHash));
    }

    /** The fields the entry hash covers; canonical JSON orders keys, so the order they are put in does not matter. */
    private static ObjectNode chainedFields(String chain, long chainSeq, String occurredAt, String actor, String action,
                                            String subject, String detail, String requestId, String prevHash) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("chain", chain);
        fields.put("chain_seq", chainSeq);
        fields.put("occurred_at", occurredAt);
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("subject", subject);
        fields.put("detail", detail);
        fields.put("request_id", requestId);
        fields.put("prev_hash", prevHash);
        return fields;
    }

    /** This entry's hash recomputed from its fields. */
    public String recomputedEntryHash() {
        return entryHash(chain, chainSeq, occurredAt, actor, action, subject, detail, requestId, prevHash);
    }

    /** The leaf hash: SHA-256(0x00 ‖ {@link #leafBytes()}). */
    public byte[] leafHash() {
        return Merkle.leafHash(leafBytes());
    }

    /** What the leaf hashes: the canonical JSON (UTF-8) of every stored field. */
    public byte[] leafBytes() {
        ObjectNode fields = chainedFields(chain, chainSeq, occurredAt, actor, action, subject, detail, requestId, prevHash);
        fields.put("seq", seq);
        fields.put("entry_hash", entryHash);
        fields.put("key_id", keyId);
        fields.put("signature", signature);
        return CanonicalJson.of(fields).getBytes(StandardCharsets.UTF_8);
    }
}

package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.util.Base64;
import java.util.List;

/** The API's JSON of audit entries and of a verification. */
public final class AuditJson {
    private AuditJson() {
    }

    public static ObjectNode entry(AuditEntry entry) {
        ObjectNode json = Json.object().put("seq", entry.seq()).put("chain", entry.chain()).put("chain_seq", entry.chainSeq());
        Json.putTime(json, "occurred_at", entry.occurredAt());
        json.put("actor", entry.actor()).put("action", entry.action()).put("subject", entry.subject());
        json.set("detail", Json.readStored(entry.detailJson()));
        return json.put("request_id", entry.requestId()).put("prev_hash", entry.prevHash()).put("entry_hash", entry.entryHash())
                .put("key_id", entry.keyId()).put("signature", entry.signature());
    }

    /**
     * An integrated entry with its leaf index and the stored detail text: exactly the strings its hashes cover, so
     * a verifier rehashes it without trusting how this server renders JSON.
     */
    public static ObjectNode leaf(AuditTreeStore.IndexedEntry indexed) {
        return entry(indexed.entry()).put("leaf_index", indexed.leafIndex()).put("detail_text", indexed.entry().detailJson());
    }

    public static ObjectNode keys(List<AuditTreeStore.LogKey> keys) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        keys.forEach(k -> Json.putTime(items.addObject().put("key_id", k.keyId()).put("algorithm", "ed25519")
                .put("public_key", k.publicKey()), "added_at", k.addedAt()));
        return json;
    }

    public static ObjectNode inclusion(AuditTransparency.InclusionProof proof) {
        ObjectNode json = Json.object().put("seq", proof.seq()).put("leaf_index", proof.leafIndex())
                .put("tree_size", proof.treeSize());
        hashes(json.putArray("proof"), proof.hashes());
        return json;
    }

    public static ObjectNode consistency(AuditTransparency.ConsistencyProof proof) {
        ObjectNode json = Json.object().put("from", proof.from()).put("to", proof.to());
        hashes(json.putArray("proof"), proof.hashes());
        hashes(json.putArray("from_range"), proof.fromRange().hashes());
        return json;
    }

    private static void hashes(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(h -> array.add(Base64.getEncoder().encodeToString(h)));
    }

    public static ObjectNode verification(AuditVerification verification) {
        ObjectNode json = Json.object().put("ok", verification.ok()).put("entries", verification.entries())
                .put("chains", verification.chains());
        ArrayNode problems = json.putArray("problems");
        verification.problems().forEach(p -> problems.addObject().put("chain", p.chain()).put("chain_seq", p.chainSeq())
                .put("seq", p.seq()).put("reason", p.reason()));
        return json;
    }
}

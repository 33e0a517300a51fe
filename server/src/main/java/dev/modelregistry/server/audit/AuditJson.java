package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of audit entries and of a verification. */
public final class AuditJson {
    private AuditJson() {
    }

    public static ObjectNode entry(AuditEntry entry) {
        ObjectNode json = Json.object().put("seq", entry.seq()).put("chain", entry.chain()).put("chain_seq", entry.chainSeq());
        Json.putTime(json, "occurred_at", entry.occurredAt());
        json.put("actor", entry.actor()).put("action", entry.action()).put("subject", entry.subject());
        json.set("detail", Json.readStored(entry.detailJson()));
        return json.put("request_id", entry.requestId()).put("prev_hash", entry.prevHash()).put("entry_hash", entry.entryHash());
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

package dev.modelregistry.server.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.audit.AuditEntry;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;

/**
 * An audit entry as a CloudEvents 1.0 event in the structured JSON format. {@code data} is the entry's detail
 * ({@code {before, after}}); the extension attributes {@code seq} (the global audit sequence), {@code chain} and
 * {@code chainseq} (the entry's chain and its gap-free place in it: for a model, its own sequence), {@code actor} and
 * {@code requestid} let a receiver order, de-duplicate and trace events without parsing {@code data}.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";
    /** The source of every event is its chain: {@code urn:model-registry:model:xsmom}, {@code ...:admin}. */
    public static final String SOURCE_PREFIX = "urn:model-registry:";

    private CloudEvents() {
    }

    public static Event of(AuditEntry entry) {
        String type = EventTypes.of(entry.action());
        return new Event(entry.seq(), entry.chain(), entry.chainSeq(), type, entry.occurredAt(),
                Json.write(document(entry, type)));
    }

    private static ObjectNode document(AuditEntry entry, String type) {
        ObjectNode event = Json.object()
                .put("specversion", SPEC_VERSION)
                .put("id", Event.idOf(entry.seq()))
                .put("source", SOURCE_PREFIX + entry.chain())
                .put("type", type)
                .put("subject", entry.subject())
                .put("time", Times.format(entry.occurredAt()))
                .put("datacontenttype", "application/json")
                .put("seq", entry.seq())
                .put("chain", entry.chain())
                .put("chainseq", entry.chainSeq())
                .put("actor", entry.actor());
        // CloudEvents attributes are never null: an entry without a request id simply has no requestid.
        if (entry.requestId() != null) {
            event.put("requestid", entry.requestId());
        }
        event.set("data", Json.readStored(entry.detailJson()));
        return event;
    }
}

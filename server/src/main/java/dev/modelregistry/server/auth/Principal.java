package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Locale;

/** A user or a service that can hold tokens, belong to teams and appear in the approver ACL. */
public record Principal(long id, String name, Kind kind, boolean admin, Instant createdAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("name", name).put("kind", kind.wire()).put("admin", admin);
        return Json.putTime(json, "created_at", createdAt);
    }

    /** Humans and machines are both principals; only the kind differs. */
    public enum Kind {
        USER, SERVICE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

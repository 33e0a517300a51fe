package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Optional;

/** A token's stored record: never the token itself, only who it belongs to and whether it still works. */
public record ApiToken(String id, String principal, Instant createdAt, Optional<Instant> revokedAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("id", id).put("principal", principal);
        Json.putTime(json, "created_at", createdAt);
        return Json.putTime(json, "revoked_at", revokedAt.orElse(null));
    }
}

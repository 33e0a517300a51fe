package dev.modelregistry.server.ownership;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;

/**
 * A model's health now, derived from timestamps: the state, since when, why, and when its ownership is (or was)
 * released ({@code sunset}). {@code expiresAt} is when it becomes (or became) expired.
 */
public record ModelHealth(long modelId, String model, String owner, Health state, Instant since, String reason,
                          Instant expiresAt, Instant sunset) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("state", state.wire());
        Json.putTime(json, "since", state == Health.OK ? null : since);
        json.put("reason", reason);
        Json.putTime(json, "expires_at", expiresAt);
        return Json.putTime(json, "sunset", sunset);
    }
}

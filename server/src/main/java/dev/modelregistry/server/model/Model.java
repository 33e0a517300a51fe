package dev.modelregistry.server.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;

/** A registered model: a name and exactly one owning team. */
public record Model(long id, String name, long ownerTeamId, String owner, String description, String createdBy,
                    Instant createdAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("name", name).put("owner", owner).put("description", description)
                .put("created_by", createdBy);
        return Json.putTime(json, "created_at", createdAt);
    }
}

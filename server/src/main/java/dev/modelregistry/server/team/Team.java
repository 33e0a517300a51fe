package dev.modelregistry.server.team;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.List;

/** An owning team: the principals accountable for the models it owns. */
public record Team(long id, String name, List<String> members, Instant createdAt) {
    public Team {
        members = List.copyOf(members);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("name", name);
        ArrayNode memberNames = json.putArray("members");
        members.forEach(memberNames::add);
        return Json.putTime(json, "created_at", createdAt);
    }
}

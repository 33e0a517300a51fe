package dev.modelregistry.server.acl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;

/** A principal in the approver ACL: may promote versions it did not register. */
public record Approver(String principal, Instant addedAt) {
    public ObjectNode toJson() {
        return Json.putTime(Json.object().put("principal", principal), "added_at", addedAt);
    }
}

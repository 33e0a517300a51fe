package dev.modelregistry.server.acl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of the approver ACL (audit details use the same shapes). */
public final class AclJson {
    private AclJson() {
    }

    public static ObjectNode approver(Approver approver) {
        return Json.putTime(Json.object().put("principal", approver.principal()), "added_at", approver.addedAt());
    }

    public static ObjectNode change(AclChange change) {
        return Json.object().put("approver", change.approver());
    }
}

package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of principals and tokens (audit details use the same shapes). */
public final class PrincipalJson {
    private PrincipalJson() {
    }

    public static ObjectNode principal(Principal principal) {
        ObjectNode json = Json.object().put("name", principal.name()).put("kind", principal.kind().wire())
                .put("admin", principal.admin());
        return Json.putTime(json, "created_at", principal.createdAt());
    }

    public static ObjectNode token(ApiToken token) {
        ObjectNode json = Json.object().put("id", token.id()).put("principal", token.principal());
        Json.putTime(json, "created_at", token.createdAt());
        return Json.putTime(json, "revoked_at", token.revokedAt().orElse(null));
    }
}

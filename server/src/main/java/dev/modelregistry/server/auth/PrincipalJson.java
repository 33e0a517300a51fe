package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.access.PrincipalRole;
import dev.modelregistry.server.json.Json;

import java.util.Set;

/** The API's JSON of principals and tokens (audit details use the same shapes). */
public final class PrincipalJson {
    private PrincipalJson() {
    }

    public static ObjectNode principal(Principal principal) {
        ObjectNode json = Json.object().put("name", principal.name()).put("kind", principal.kind().wire())
                .put("admin", principal.admin());
        return Json.putTime(json, "created_at", principal.createdAt());
    }

    /** A principal as {@code GET /principals/{name}} shows it: with the roles an admin granted it. */
    public static ObjectNode principal(Principal principal, Set<PrincipalRole> roles) {
        ObjectNode json = principal(principal);
        ArrayNode granted = json.putArray("roles");
        roles.stream().map(PrincipalRole::wire).sorted().forEach(granted::add);
        return json;
    }

    public static ObjectNode roleChange(RoleChange change) {
        return Json.object().put("principal", change.principal()).put("role", change.role());
    }

    public static ObjectNode token(ApiToken token) {
        ObjectNode json = Json.object().put("id", token.id()).put("principal", token.principal());
        Json.putTime(json, "created_at", token.createdAt());
        return Json.putTime(json, "revoked_at", token.revokedAt().orElse(null));
    }
}

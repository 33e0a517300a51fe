package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles an admin grants principals: admin-only, idempotent, audited, shown on the principal. */
abstract class RoleApiContractTest extends ApiTestSupport {
    private static final String ROLE = "/roles/lineage-writer";

    @Test
    void aGrantedRoleIsShownOnThePrincipalAndAuditedOnce() {
        String name = unique("writer");
        user(name);
        assertThat(roles(name)).isEmpty();

        assertStatus(204, put("/principals/" + name + ROLE, ADMIN));
        assertStatus(204, put("/principals/" + name + ROLE, ADMIN));

        assertThat(roles(name)).containsExactly("lineage-writer");
        List<JsonNode> audit = auditOf("principal:" + name + ROLE);
        assertThat(audit).extracting(e -> e.get("action").asText()).containsExactly("principal.role_granted");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("admin");
        assertThat(audit.get(0).get("detail").get("after").get("role").asText()).isEqualTo("lineage-writer");
        assertThat(audit.get(0).get("detail").get("after").get("principal").asText()).isEqualTo(name);
    }

    @Test
    void aRevokedRoleIsGoneAndRevokingTwiceIsHarmlessAndAuditedOnce() {
        String name = unique("writer");
        user(name);
        assertStatus(204, put("/principals/" + name + ROLE, ADMIN));

        assertStatus(204, delete("/principals/" + name + ROLE, ADMIN));
        assertStatus(204, delete("/principals/" + name + ROLE, ADMIN));

        assertThat(roles(name)).isEmpty();
        assertThat(auditCount("principal:" + name + ROLE, "principal.role_revoked")).isEqualTo(1);
    }

    @Test
    void revokingARoleNeverGrantedIsHarmlessAndNotAudited() {
        String name = unique("plain");
        user(name);
        assertStatus(204, delete("/principals/" + name + ROLE, ADMIN));
        assertThat(auditOf("principal:" + name + ROLE)).isEmpty();
    }

    @Test
    void onlyAnAdminGrantsOrRevokesRoles() {
        String name = unique("self");
        String token = user(name);
        assertProblem(put("/principals/" + name + ROLE, token), 403, "admin-required");
        assertStatus(204, put("/principals/" + name + ROLE, ADMIN));
        assertProblem(delete("/principals/" + name + ROLE, token), 403, "admin-required");
        assertThat(roles(name)).containsExactly("lineage-writer");
        assertThat(auditOf("principal:" + name + ROLE)).hasSize(1);
    }

    @Test
    void anUnknownPrincipalIsNotFoundAndNothingIsGranted() {
        assertProblem(put("/principals/no-such-person" + ROLE, ADMIN), 404, "not-found");
        assertProblem(delete("/principals/no-such-person" + ROLE, ADMIN), 404, "not-found");
        assertThat(auditOf("principal:no-such-person" + ROLE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "Lineage-Writer", "lineage-writer%20", "x%0Ay"})
    void anUnknownRoleIsNotFoundAndNamesTheRoles(String role) {
        String name = unique("nobody");
        user(name);
        JsonNode problem = assertProblem(put("/principals/" + name + "/roles/" + role, ADMIN), 404, "not-found").body();
        assertThat(problem.get("detail").asText()).contains("lineage-writer");
        assertProblem(delete("/principals/" + name + "/roles/" + role, ADMIN), 404, "not-found");
        assertThat(roles(name)).isEmpty();
    }

    @Test
    void aNewPrincipalHasNoRoles() {
        String name = unique("fresh");
        JsonNode created = assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "service")))
                .body();
        assertThat(created.get("roles")).isEmpty();
    }

    private static List<String> roles(String name) {
        JsonNode principal = assertStatus(200, get("/principals/" + name, ADMIN)).body();
        return StreamSupport.stream(principal.get("roles").spliterator(), false).map(JsonNode::asText).toList();
    }
}

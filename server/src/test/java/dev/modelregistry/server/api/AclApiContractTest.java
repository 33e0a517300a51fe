package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The approver ACL: admin adds and removes the humans who may promote. */
abstract class AclApiContractTest extends ApiTestSupport {

    @Test
    void addedApproverIsListedWithTimeAdded() {
        String approver = unique("approver");
        user(approver);

        assertStatus(204, put("/acl/approvers/" + approver, ADMIN));

        JsonNode entry = approver(approver).orElseThrow();
        assertThat(entry.get("added_at").asText()).isNotBlank();
        assertThat(auditCount("acl:approvers/" + approver, "acl.approver_added")).isEqualTo(1);
    }

    @Test
    void removedApproverIsNoLongerListed() {
        String approver = unique("leaver");
        user(approver);
        assertStatus(204, put("/acl/approvers/" + approver, ADMIN));

        assertStatus(204, delete("/acl/approvers/" + approver, ADMIN));

        assertThat(approver(approver)).isEmpty();
        assertThat(auditCount("acl:approvers/" + approver, "acl.approver_removed")).isEqualTo(1);
    }

    @Test
    void addingAnApproverTwiceIsHarmlessAndAuditedOnce() {
        String approver = unique("twice");
        user(approver);

        assertStatus(204, put("/acl/approvers/" + approver, ADMIN));
        assertStatus(204, put("/acl/approvers/" + approver, ADMIN));

        assertThat(approvers().stream().filter(a -> a.get("principal").asText().equals(approver))).hasSize(1);
        assertThat(auditCount("acl:approvers/" + approver, "acl.approver_added")).isEqualTo(1);
    }

    @Test
    void removingSomeoneWhoIsNoApproverIsHarmlessAndNotAudited() {
        String principal = unique("never");
        user(principal);

        assertStatus(204, delete("/acl/approvers/" + principal, ADMIN));

        assertThat(auditOf("acl:approvers/" + principal)).isEmpty();
    }

    @Test
    void unknownPrincipalIsNotFoundAndNotAdded() {
        assertProblem(put("/acl/approvers/no-such-person", ADMIN), 404, "not-found");
        assertProblem(delete("/acl/approvers/no-such-person", ADMIN), 404, "not-found");
        assertThat(approver("no-such-person")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "%2e%2e", "a%20b", "a'%3B--", "x%0Ay"})
    void impossiblePrincipalNameInPathIsNotFound(String name) {
        assertProblem(put("/acl/approvers/" + name, ADMIN), 404, "not-found");
        assertProblem(delete("/acl/approvers/" + name, ADMIN), 404, "not-found");
    }

    private static List<JsonNode> approvers() {
        return items(assertStatus(200, get("/acl/approvers", ADMIN)));
    }

    private static Optional<JsonNode> approver(String name) {
        return approvers().stream().filter(a -> a.get("principal").asText().equals(name)).findFirst();
    }
}

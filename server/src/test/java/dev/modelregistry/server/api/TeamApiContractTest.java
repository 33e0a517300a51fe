package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Teams: admin creates them and manages members; any principal reads them. */
abstract class TeamApiContractTest extends ApiTestSupport {

    @Test
    void createdTeamHasNoMembersAndAnyPrincipalCanReadIt() {
        String team = unique("quant");
        String reader = user(unique("reader"));

        Response created = assertStatus(201, post("/teams", ADMIN, nameBody(team)));

        assertThat(created.body().get("name").asText()).isEqualTo(team);
        assertThat(created.body().get("members")).isEmpty();
        assertThat(assertStatus(200, get("/teams/" + team, reader)).body()).isEqualTo(created.body());
        assertThat(allPages("/teams", reader, 100)).extracting(t -> t.get("name").asText()).contains(team);
    }

    @Test
    void creationIsAudited() {
        String team = unique("audited");
        assertStatus(201, post("/teams", ADMIN, nameBody(team)));
        assertThat(auditCount("team:" + team, "team.created")).isEqualTo(1);
    }

    @Test
    void duplicateTeamIsAlreadyExists() {
        String team = unique("dup");
        assertStatus(201, post("/teams", ADMIN, nameBody(team)));
        assertProblem(post("/teams", ADMIN, nameBody(team)), 409, "already-exists");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidTeamNameIsRefusedAndCreatesNothing(JsonNode name) {
        int before = allPages("/teams", ADMIN, 500).size();

        assertInvalidFields(post("/teams", ADMIN, object().set("name", name)), "name");

        assertThat(allPages("/teams", ADMIN, 500)).hasSize(before);
    }

    @Test
    void missingNameIsRefused() {
        assertInvalidFields(post("/teams", ADMIN, "{}"), "name");
    }

    @Test
    void unknownFieldIsRefused() {
        assertInvalidFields(post("/teams", ADMIN, nameBody(unique("extra")).put("members", "alice")), "members");
    }

    @Test
    void unknownTeamIsNotFound() {
        String member = unique("someone");
        user(member);
        assertProblem(get("/teams/no-such-team", ADMIN), 404, "not-found");
        assertProblem(put("/teams/no-such-team/members/" + member, ADMIN), 404, "not-found");
        assertProblem(delete("/teams/no-such-team/members/" + member, ADMIN), 404, "not-found");
    }

    @Test
    void addingUnknownPrincipalIsNotFoundAndChangesNothing() {
        String team = unique("lonely");
        registry.team(team);

        assertProblem(put("/teams/" + team + "/members/no-such-principal", ADMIN), 404, "not-found");
        assertProblem(delete("/teams/" + team + "/members/no-such-principal", ADMIN), 404, "not-found");

        assertThat(get("/teams/" + team, ADMIN).body().get("members")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Quant", "%2e%2e", "a%20b", "a'%3B--"})
    void impossibleTeamNameInPathIsNotFound(String team) {
        assertProblem(get("/teams/" + team, ADMIN), 404, "not-found");
        assertProblem(put("/teams/" + team + "/members/admin", ADMIN), 404, "not-found");
    }

    @Test
    void addedMemberIsListedAndRemovedMemberIsNot() {
        String team = unique("members");
        String member = unique("alice");
        user(member);
        registry.team(team);

        assertStatus(204, put("/teams/" + team + "/members/" + member, ADMIN));
        assertThat(members(team)).containsExactly(member);

        assertStatus(204, delete("/teams/" + team + "/members/" + member, ADMIN));
        assertThat(members(team)).isEmpty();
    }

    @Test
    void addingAMemberTwiceIsHarmlessAndAuditedOnce() {
        String team = unique("twice");
        String member = unique("bob");
        user(member);
        registry.team(team);

        assertStatus(204, put("/teams/" + team + "/members/" + member, ADMIN));
        assertStatus(204, put("/teams/" + team + "/members/" + member, ADMIN));

        assertThat(members(team)).containsExactly(member);
        assertThat(auditCount("team:" + team, "team.member_added")).isEqualTo(1);
    }

    @Test
    void removingAnAbsentMemberIsHarmlessAndNotAudited() {
        String team = unique("absent");
        String member = unique("carol");
        user(member);
        registry.team(team);

        assertStatus(204, delete("/teams/" + team + "/members/" + member, ADMIN));

        assertThat(auditCount("team:" + team, "team.member_removed")).isZero();
    }

    @Test
    void listingPagesThroughEveryTeamInNameOrder() {
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            registry.team(prefix + "-" + i);
        }

        List<String> names = allPages("/teams", ADMIN, 2).stream().map(t -> t.get("name").asText()).toList();

        assertThat(names).doesNotHaveDuplicates().isSorted()
                .contains(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "x"})
    void limitThatIsNoWholeNumberOfAtLeastOneIsRefused(String limit) {
        assertInvalidFields(get("/teams?limit=" + limit, ADMIN), "limit");
    }

    private static List<String> members(String team) {
        List<String> members = new ArrayList<>();
        assertStatus(200, get("/teams/" + team, ADMIN)).body().get("members").forEach(m -> members.add(m.asText()));
        return members;
    }
}

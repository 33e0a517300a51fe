package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the audit log by subject and page, and verifying its hash chains. */
abstract class AuditApiContractTest extends ApiTestSupport {

    @Test
    void modelsEntriesAreItsChainInOrder() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("chained");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(register(model, member, registration(team)).get("model_id").asText());
        }

        List<JsonNode> entries = auditOf("model:" + model);

        assertThat(entries).extracting(e -> e.get("chain_seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(entries).extracting(e -> e.get("chain").asText()).containsOnly("model:" + model);
        assertThat(entries).extracting(e -> e.get("action").asText())
                .containsExactly("model.created", "version.registered", "version.registered", "version.registered");
        assertThat(entries.subList(1, 4)).extracting(e -> e.get("subject").asText())
                .containsExactly("version:" + ids.get(0), "version:" + ids.get(1), "version:" + ids.get(2));
        assertThat(entries).extracting(e -> e.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("prev_hash")).isEqualTo(entries.get(i - 1).get("entry_hash"));
        }
    }

    @Test
    void entryRecordsActorRequestIdAndAfterState() {
        String team = unique("team");
        Member member = teamMember(team);
        String model = unique("traced");
        Response registered = assertStatus(201, post("/models/" + model + "/versions", member.token(),
                registration(team).toString(), Map.of("X-Request-Id", "req-" + model)));

        JsonNode entry = auditOf("model:" + model).get(1);

        assertThat(registered.header("X-Request-Id")).isEqualTo("req-" + model);
        assertThat(entry.get("actor").asText()).isEqualTo(member.name());
        assertThat(entry.get("request_id").asText()).isEqualTo("req-" + model);
        assertThat(entry.get("detail").get("before").isNull()).isTrue();
        assertThat(entry.get("detail").get("after")).isEqualTo(registered.body());
    }

    @Test
    void subjectFilterReturnsOnlyThatSubject() {
        String team = unique("filtered");
        registry.team(team);
        registry.team(unique("unrelated"));

        List<JsonNode> entries = auditOf("team:" + team);

        assertThat(entries).isNotEmpty().allSatisfy(e ->
                assertThat(List.of(e.get("subject").asText(), e.get("chain").asText())).contains("team:" + team));
    }

    @Test
    void unknownSubjectHasNoEntries() {
        Response page = assertStatus(200, get("/audit?subject=model:no-such-model", ADMIN));
        assertThat(items(page)).isEmpty();
        assertThat(page.body().get("next").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheNextCursor() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("paged");
        for (int i = 0; i < 4; i++) {
            register(model, member, registration(team));
        }
        String path = "/audit?subject=model:" + model;

        Response first = assertStatus(200, get(path + "&limit=2", member));
        String next = first.body().get("next").asText();
        Response second = assertStatus(200, get(path + "&limit=2&after=" + next, member));

        assertThat(next).isEqualTo(items(first).get(1).get("seq").asText());
        assertThat(items(second)).hasSize(2);
        assertThat(items(second).get(0).get("chain_seq").asLong()).isEqualTo(3);
        List<JsonNode> all = auditOf("model:" + model);
        assertThat(all).hasSize(5);
        assertThat(all.subList(0, 4)).containsExactlyElementsOf(concat(items(first), items(second)));
    }

    @Test
    void wholeLogPagesWithoutGapsOrRepeats() {
        registry.team(unique("some-team"));
        List<JsonNode> all = allPages("/audit", ADMIN, 7);
        assertThat(all).extracting(e -> e.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void verificationCoversEveryEntry() {
        String team = unique("team");
        register(unique("verified"), teamWithMember(team), registration(team));
        int total = allPages("/audit", ADMIN, 500).size();

        JsonNode verification = assertStatus(200, get("/audit/verify", ADMIN)).body();

        assertThat(verification.get("ok").asBoolean()).isTrue();
        assertThat(verification.get("entries").asInt()).isEqualTo(total);
        assertThat(verification.get("chains").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(verification.get("problems")).isEmpty();
    }

    @Test
    void fullVerificationIsForAdminsOnly() {
        Response refused = get("/audit/verify", user(unique("auditor")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo(PROBLEM_PREFIX + "admin-required");
    }

    @Test
    void anyPrincipalMayReadTheLog() {
        assertStatus(200, get("/audit?limit=1", user(unique("reader"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "99999999999999999999"})
    void afterThatIsNoSequenceNumberIsRefused(String after) {
        assertInvalidFields(get("/audit?after=" + after, ADMIN), "after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "many"})
    void limitThatIsNoWholeNumberOfAtLeastOneIsRefused(String limit) {
        assertInvalidFields(get("/audit?limit=" + limit, ADMIN), "limit");
    }

    @Test
    void overlongSubjectIsRefused() {
        assertInvalidFields(get("/audit?subject=" + "s".repeat(301), ADMIN), "subject");
    }

    @Test
    void subjectWithSqlMetacharactersIsJustAnotherSubject() {
        Response page = assertStatus(200, get("/audit?subject=x%27%20OR%20%271%27%3D%271", ADMIN));
        assertThat(items(page)).isEmpty();
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

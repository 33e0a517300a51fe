package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on POST: a retry replays the first answer; the same key with another body is a 422. */
abstract class IdempotencyApiContractTest extends ApiTestSupport {

    @Test
    void retriedCreationReplaysTheFirstResponseAndCreatesOnce() {
        String team = unique("team");
        String body = nameBody(team).toString();
        Map<String, String> key = key();

        Response first = assertStatus(201, post("/teams", ADMIN, body, key));
        Response retry = post("/teams", ADMIN, body, key);

        assertStatus(201, retry);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(auditCount("team:" + team, "team.created")).isEqualTo(1);
    }

    @Test
    void retriedRegistrationReplaysTheCreatedVersion() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("model");
        String body = registration(team).toString();
        Map<String, String> key = key();

        Response first = assertStatus(201, post("/models/" + model + "/versions", member, body, key));
        Response retry = post("/models/" + model + "/versions", member, body, key);

        assertStatus(201, retry);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(items(get("/models/" + model + "/versions", member))).hasSize(1);
        assertThat(auditCount("model:" + model, "version.registered")).isEqualTo(1);
    }

    @Test
    void replayedTokenIssueDoesNotShowTheTokenAgain() {
        String name = unique("svc");
        user(name);
        Map<String, String> key = key();

        Response first = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key));
        Response retry = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key));

        assertThat(first.body().get("token").asText()).startsWith("mr_");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(retry.body().has("token")).isFalse();
        assertThat(retry.text()).doesNotContain(first.body().get("token").asText());
        assertThat(items(get("/principals/" + name + "/tokens", ADMIN))).hasSize(2);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        Map<String, String> key = key();
        String second = unique("second");
        assertStatus(201, post("/teams", ADMIN, nameBody(unique("first")).toString(), key));

        assertProblem(post("/teams", ADMIN, nameBody(second).toString(), key), 422, "idempotency-key-reused");

        assertProblem(get("/teams/" + second, ADMIN), 404, "not-found");
    }

    @Test
    void sameKeyOnAnotherRouteIsRefused() {
        Map<String, String> key = key();
        assertStatus(201, post("/teams", ADMIN, nameBody(unique("team")).toString(), key));

        Response other = post("/evaluators", ADMIN, nameBody(unique("eval")).toString(), key);

        assertProblem(other, 422, "idempotency-key-reused");
    }

    @Test
    void keysOfDifferentPrincipalsAreIndependent() {
        String otherAdmin = registry.principalWithToken(unique("admin"), true);
        Map<String, String> key = key();
        String mine = unique("mine");
        String theirs = unique("theirs");

        assertStatus(201, post("/teams", ADMIN, nameBody(mine).toString(), key));
        Response response = post("/teams", otherAdmin, nameBody(theirs).toString(), key);

        assertStatus(201, response);
        assertThat(response.header("Idempotent-Replayed")).isNull();
        assertStatus(200, get("/teams/" + theirs, ADMIN));
    }

    @Test
    void sameKeyAndBodyFromAnotherPrincipalIsNotAReplay() {
        String otherAdmin = registry.principalWithToken(unique("admin"), true);
        String body = nameBody(unique("team")).toString();
        Map<String, String> key = key();
        assertStatus(201, post("/teams", ADMIN, body, key));

        Response response = post("/teams", otherAdmin, body, key);

        assertProblem(response, 409, "already-exists");
        assertThat(response.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void failedRequestDoesNotConsumeItsKey() {
        Map<String, String> key = key();
        String team = unique("team");
        assertInvalidFields(post("/teams", ADMIN, "{\"name\":\"Bad Name\"}", key), "name");

        Response corrected = post("/teams", ADMIN, nameBody(team).toString(), key);

        assertStatus(201, corrected);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aClaimWhoseRequestWasLostLapsesAndTheRetryRuns() {
        String name = unique("svc");
        user(name);
        Map<String, String> key = key();
        assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key));
        // As if the instance died (or lost the database) after claiming the key and before answering, a lease ago.
        loseTheResponse(key, Instant.now().minusSeconds(61));

        Response retry = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key));

        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(retry.body().get("token").asText()).startsWith("mr_");
        assertThat(items(get("/principals/" + name + "/tokens", ADMIN))).hasSize(3);
        assertThat(assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key))
                .header("Idempotent-Replayed")).as("the retry's answer is kept for the next one").isEqualTo("true");
    }

    @Test
    void aClaimWithinItsLeaseIsStillInUse() {
        String name = unique("svc");
        user(name);
        Map<String, String> key = key();
        assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}", key));
        loseTheResponse(key, Instant.now().minusSeconds(5));

        Response retry = post("/principals/" + name + "/tokens", ADMIN, "{}", key);

        assertProblem(retry, 409, "idempotency-key-in-use");
        assertThat(retry.header("Retry-After")).isEqualTo("60");
        assertThat(items(get("/principals/" + name + "/tokens", ADMIN))).hasSize(2);
    }

    /** Turns the completed record of {@code key} back into a claim made at {@code claimedAt} that never answered. */
    private void loseTheResponse(Map<String, String> key, Instant claimedAt) {
        int changed = registry.server().database().withHandle(h -> h.createUpdate("""
                        UPDATE idempotency_keys SET response_status = NULL, response_type = NULL, response_body = NULL,
                            created_at = :at
                        WHERE idempotency_key = :key""")
                .bind("at", claimedAt).bind("key", key.get("Idempotency-Key")).execute());
        assertThat(changed).isEqualTo(1);
    }

    @Test
    void requestWithoutKeyIsNeverReplayed() {
        String team = unique("team");
        assertStatus(201, post("/teams", ADMIN, nameBody(team)));
        assertProblem(post("/teams", ADMIN, nameBody(team)), 409, "already-exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\there", ""})
    void keyThatIsNotVisibleAsciiIsRefused(String badKey) {
        String team = unique("team");

        Response response = post("/teams", ADMIN, nameBody(team).toString(), Map.of("Idempotency-Key", badKey));

        assertInvalidFields(response, "Idempotency-Key");
        assertProblem(get("/teams/" + team, ADMIN), 404, "not-found");
    }

    @Test
    void keyLongerThan255CharactersIsRefused() {
        Response response = post("/teams", ADMIN, nameBody(unique("team")).toString(),
                Map.of("Idempotency-Key", "k".repeat(256)));
        assertInvalidFields(response, "Idempotency-Key");
    }

    private static Map<String, String> key() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }
}

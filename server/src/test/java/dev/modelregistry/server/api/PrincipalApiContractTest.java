package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Principals and their tokens: admin-only creation, reads, validation and revocation. */
abstract class PrincipalApiContractTest extends ApiTestSupport {
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @Test
    void createdPrincipalIsReturnedWithDefaults() {
        String name = unique("alice");

        Response created = assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));

        assertThat(created.body().get("name").asText()).isEqualTo(name);
        assertThat(created.body().get("kind").asText()).isEqualTo("user");
        assertThat(created.body().get("admin").asBoolean()).isFalse();
        assertThat(created.body().get("created_at").asText()).matches(TIME);
        assertThat(assertStatus(200, get("/principals/" + name, ADMIN)).body()).isEqualTo(created.body());
    }

    @Test
    void serviceAdminPrincipalKeepsKindAndFlag() {
        String name = unique("svc");

        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "service").put("admin", true)));

        JsonNode principal = assertStatus(200, get("/principals/" + name, ADMIN)).body();
        assertThat(principal.get("kind").asText()).isEqualTo("service");
        assertThat(principal.get("admin").asBoolean()).isTrue();
    }

    @Test
    void nameOf63CharactersIsAccepted() {
        String name = (unique("n") + "-" + "x".repeat(63)).substring(0, 63);
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));
    }

    @Test
    void creationIsAuditedOnce() {
        String name = unique("audited");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));
        assertThat(auditCount("principal:" + name, "principal.created")).isEqualTo(1);
    }

    @Test
    void duplicatePrincipalIsAlreadyExists() {
        String name = unique("dup");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));

        assertProblem(post("/principals", ADMIN, object().put("name", name).put("kind", "service")), 409, "already-exists");

        assertThat(get("/principals/" + name, ADMIN).body().get("kind").asText()).isEqualTo("user");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidPrincipalNameIsRefusedAndCreatesNothing(JsonNode name) {
        int before = allPages("/principals", ADMIN, 500).size();

        Response response = post("/principals", ADMIN, object().put("kind", "user").set("name", name));

        assertInvalidFields(response, "name");
        assertThat(allPages("/principals", ADMIN, 500)).hasSize(before);
    }

    @Test
    void missingNameIsRefused() {
        assertInvalidFields(post("/principals", ADMIN, object().put("kind", "user")), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"k1\",\"kind\":\"robot\"}", "{\"name\":\"k2\",\"kind\":\"User\"}",
            "{\"name\":\"k3\",\"kind\":7}", "{\"name\":\"k4\"}", "{\"name\":\"k5\",\"kind\":null}"})
    void kindOtherThanUserOrServiceIsRefused(String body) {
        assertInvalidFields(post("/principals", ADMIN, body), "kind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "1", "\"true\"", "[]"})
    void adminFlagThatIsNotBooleanIsRefused(String value) {
        String body = "{\"name\":\"" + unique("flag") + "\",\"kind\":\"user\",\"admin\":" + value + "}";
        assertInvalidFields(post("/principals", ADMIN, body), "admin");
    }

    @Test
    void unknownFieldIsRefused() {
        Response response = post("/principals", ADMIN,
                object().put("name", unique("role")).put("kind", "user").put("role", "owner"));
        assertInvalidFields(response, "role");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Response response = post("/principals", ADMIN, "{\"name\":\"Bad Name\",\"kind\":\"robot\",\"admin\":\"no\",\"x\":1}");
        assertInvalidFields(response, "name", "kind", "admin", "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"alice\"", "42", "null"})
    void bodyThatIsNotAnObjectIsMalformed(String body) {
        assertProblem(post("/principals", ADMIN, body), 400, "malformed-request");
    }

    @Test
    void unknownPrincipalIsNotFound() {
        assertProblem(get("/principals/nobody-here", ADMIN), 404, "not-found");
        assertProblem(get("/principals/nobody-here/tokens", ADMIN), 404, "not-found");
        assertProblem(post("/principals/nobody-here/tokens", ADMIN, "{}"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "%2e%2e", "a%20b", "a'%3B--", "a%0Ab"})
    void impossiblePrincipalNameInPathIsNotFound(String name) {
        assertProblem(get("/principals/" + name, ADMIN), 404, "not-found");
    }

    @Test
    void listingPagesThroughEveryPrincipalInNameOrder() {
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            assertStatus(201, post("/principals", ADMIN, object().put("name", prefix + "-" + i).put("kind", "user")));
        }

        List<String> names = allPages("/principals", ADMIN, 2).stream().map(p -> p.get("name").asText()).toList();

        assertThat(names).doesNotHaveDuplicates().isSorted()
                .contains("admin", prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
    }

    @Test
    void firstPageHasNextCursorWhenMoreRemain() {
        assertStatus(201, post("/principals", ADMIN, object().put("name", unique("more")).put("kind", "user")));

        Response page = assertStatus(200, get("/principals?limit=1", ADMIN));

        assertThat(items(page)).hasSize(1);
        assertThat(page.body().get("next").asText()).isEqualTo(items(page).get(0).get("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5"})
    void limitThatIsNoWholeNumberOfAtLeastOneIsRefused(String limit) {
        assertInvalidFields(get("/principals?limit=" + limit, ADMIN), "limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"501", "99999999999"})
    void limitAboveTheMaximumIsServedAsTheMaximum(String limit) {
        assertThat(items(assertStatus(200, get("/principals?limit=" + limit, ADMIN))))
                .hasSameSizeAs(allPages("/principals", ADMIN, 500));
    }

    @Test
    void issuedTokenIsShownOnceAndListedWithoutSecret() {
        String name = unique("tokens");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "service")));

        JsonNode issued = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}")).body();

        assertThat(issued.get("id").asText()).matches("tok_[0-9a-f]{16}");
        assertThat(issued.get("token").asText()).startsWith("mr_");
        assertThat(issued.get("principal").asText()).isEqualTo(name);
        List<JsonNode> listed = items(assertStatus(200, get("/principals/" + name + "/tokens", ADMIN)));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(issued.get("id").asText());
        assertThat(listed.get(0).get("revoked_at").isNull()).isTrue();
        assertThat(listed.get(0).has("token")).isFalse();
        assertThat(assertStatus(200, get("/principals/" + name + "/tokens", ADMIN)).text())
                .doesNotContain(issued.get("token").asText());
    }

    @Test
    void tokenCanBeIssuedWithoutABody() {
        String name = unique("nobody");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));

        HttpRequest request = registry.request("/principals/" + name + "/tokens", ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        assertStatus(201, send(request));
    }

    @Test
    void tokenRequestWithAFieldIsRefused() {
        String name = unique("fields");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));

        assertInvalidFields(post("/principals/" + name + "/tokens", ADMIN, "{\"expires\":\"never\"}"), "expires");

        assertThat(items(get("/principals/" + name + "/tokens", ADMIN))).isEmpty();
    }

    @Test
    void revokedTokenIsListedWithRevocationTime() {
        String name = unique("revoke");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));
        String id = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}")).body().get("id").asText();

        assertStatus(204, delete("/tokens/" + id, ADMIN));

        JsonNode token = items(get("/principals/" + name + "/tokens", ADMIN)).get(0);
        assertThat(token.get("revoked_at").asText()).matches(TIME);
    }

    @Test
    void revokingATokenTwiceIsHarmlessAndAuditedOnce() {
        String name = unique("twice");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));
        String id = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}")).body().get("id").asText();

        assertStatus(204, delete("/tokens/" + id, ADMIN));
        assertStatus(204, delete("/tokens/" + id, ADMIN));

        assertThat(auditCount("token:" + id, "token.revoked")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tok_ffffffffffffffff", "tok_nothex", "garbage", "TOK_0123456789ABCDEF", "%2e%2e"})
    void revokingAnUnknownTokenIsNotFound(String id) {
        assertProblem(delete("/tokens/" + id, ADMIN), 404, "not-found");
    }
}

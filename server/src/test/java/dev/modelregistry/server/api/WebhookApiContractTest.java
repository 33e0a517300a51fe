package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook subscriptions: who may subscribe to what, what is refused (and then nothing is created), the secret shown
 * once, and managing a subscription. Delivery itself is {@link WebhookDeliveryContractTest}'s.
 */
abstract class WebhookApiContractTest extends WebhookTestSupport {

    @Test
    void anAdminSubscribesAndSeesTheSecretOnlyInTheAnswer() {
        JsonNode created = subscribe(ADMIN, receiver.url("admin"), null, null);

        String secret = created.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(created.get("id").asText()).matches("wh_[0-9a-f]{16}");
        assertThat(created.get("event_types").isNull()).isTrue();
        assertThat(created.get("models").isNull()).isTrue();
        assertThat(created.get("owner").isNull()).isTrue();
        assertThat(created.get("state").asText()).isEqualTo("active");

        JsonNode shown = assertStatus(200, subscriptionOf(created.get("id").asText())).body();
        assertThat(shown.has("secret")).isFalse();
        assertThat(allPages("/webhooks", ADMIN, 2)).extracting(s -> s.get("id").asText())
                .contains(created.get("id").asText());
        assertThat(allPages("/webhooks", ADMIN, 500)).noneMatch(s -> s.has("secret"));
        assertThat(auditOf("webhook:" + created.get("id").asText()).toString()).doesNotContain(secret);
    }

    @Test
    void aTeamMemberSubscribesToModelsOfTheirTeam() {
        TeamModel owned = teamModel("desk");
        String model = owned.model();
        Member member = owned.member();

        JsonNode created = subscribe(member.token(), receiver.url("member"), List.of(type("version.registered")),
                List.of(model));

        assertThat(created.get("owner").asText()).isEqualTo(owned.team());
        assertThat(created.get("models")).containsExactly(TextNode.valueOf(model));
        assertThat(created.get("event_types")).containsExactly(TextNode.valueOf(type("version.registered")));
        assertThat(allPages("/webhooks", member.token(), 100)).extracting(s -> s.get("id").asText())
                .containsExactly(created.get("id").asText());
        assertThat(auditCount("webhook:" + created.get("id").asText(), "webhook.created")).isEqualTo(1);
    }

    @Test
    void aMemberIsRefusedAnotherTeamsModelAndNothingIsCreated() {
        Member member = teamMember(unique("ours"));
        String model = teamModel("theirs").model();
        int before = allPages("/webhooks", ADMIN, 500).size();

        assertProblem(post("/webhooks", member.token(), subscription(receiver.url("x"), null, List.of(model))),
                403, "not-team-member");

        assertThat(allPages("/webhooks", ADMIN, 500)).hasSize(before);
    }

    @Test
    void aMemberMustNameTheirModels() {
        Member member = teamMember(unique("desk"));
        int before = allPages("/webhooks", ADMIN, 500).size();

        assertProblem(post("/webhooks", member.token(), subscription(receiver.url("all"), null, null)),
                403, "admin-required");

        assertThat(allPages("/webhooks", ADMIN, 500)).hasSize(before);
    }

    @Test
    void modelsOfTwoTeamsAreRefusedInOneSubscription() {
        String first = unique("first");
        String second = unique("second");
        Member member = teamMember(first);
        registry.team(second, member.name());
        String a = unique("m");
        String b = unique("m");
        register(a, member.token(), registration(first));
        register(b, member.token(), registration(second));

        assertInvalidFields(post("/webhooks", member.token(), subscription(receiver.url("two"), null, List.of(a, b))),
                "models");
    }

    @Test
    void unknownModelsAndEventTypesAreRefused() {
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"), null, List.of("no-such-model"))),
                "models");
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"),
                List.of("dev.modelregistry.version.exploded"), null)), "event_types");
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"), List.of("version.registered"),
                null)), "event_types");
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"), List.of(), null)), "event_types");
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"), null, List.of("Not A Slug"))),
                "models");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/hook", "/relative/hook", "127.0.0.1:8080/hook", "mailto:ops@example.com",
            "http://user:pw@127.0.0.1/hook", "http://127.0.0.1/hook#frag", "http:///nohost", "http://bad_host/x",
            "not a url at all"})
    void urlsThatAreNotPlainHttpTargetsAreRefused(String url) {
        int before = allPages("/webhooks", ADMIN, 500).size();

        assertInvalidFields(post("/webhooks", ADMIN, subscription(url, null, null)), "url");

        assertThat(allPages("/webhooks", ADMIN, 500)).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://172.16.5.4/hook",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/hook",
            "http://0.0.0.0/hook", "http://224.0.0.1/hook", "http://[fe80::1]/hook", "http://[fc00::1]/hook",
            "http://[::ffff:10.0.0.1]/hook", "http://100.64.0.1/hook", "http://127.0.0.2/hook",
            "https://[::]/hook", "http://255.255.255.255/hook"})
    void targetsInsideTheNetworkAreRefusedUnlessAllowListed(String url) {
        int before = allPages("/webhooks", ADMIN, 500).size();

        JsonNode problem = assertInvalidFields(post("/webhooks", ADMIN, subscription(url, null, null)), "url").body();

        assertThat(problem.get("errors").get(0).get("message").asText()).contains("allow-list");
        assertThat(allPages("/webhooks", ADMIN, 500)).hasSize(before);
    }

    @Test
    void anotherTeamsSubscriptionDoesNotExistForAMember() {
        TeamModel owned = teamModel("owner");
        Member owner = owned.member();
        Member outsider = teamMember(unique("outsider"));
        String id = subscribe(owner.token(), receiver.url("private"), null, List.of(owned.model())).get("id").asText();

        assertProblem(get("/webhooks/" + id, outsider.token()), 404, "not-found");
        assertProblem(delete("/webhooks/" + id, outsider.token()), 404, "not-found");
        assertProblem(post("/webhooks/" + id + ":rotate-secret", outsider.token(), "{}"), 404, "not-found");
        assertProblem(get("/webhooks/" + id + "/deliveries", outsider.token()), 404, "not-found");
        assertThat(allPages("/webhooks", outsider.token(), 100)).isEmpty();
        assertStatus(200, get("/webhooks/" + id, owner.token()));
    }

    @Test
    void deletingASubscriptionRemovesItAndIsAudited() {
        String id = subscribe(ADMIN, receiver.url("gone"), null, null).get("id").asText();

        assertStatus(204, delete("/webhooks/" + id, ADMIN));

        assertProblem(get("/webhooks/" + id, ADMIN), 404, "not-found");
        assertProblem(delete("/webhooks/" + id, ADMIN), 404, "not-found");
        assertThat(auditCount("webhook:" + id, "webhook.deleted")).isEqualTo(1);
    }

    @Test
    void rotatingShowsANewSecretOnceAndKeepsTheOldOneSigningForADay() {
        JsonNode created = subscribe(ADMIN, receiver.url("rotate"), null, null);
        String id = created.get("id").asText();

        JsonNode rotated = assertStatus(200, post("/webhooks/" + id + ":rotate-secret", ADMIN, "{}")).body();

        assertThat(rotated.get("secret").asText()).startsWith("whsec_").isNotEqualTo(created.get("secret").asText());
        assertThat(rotated.get("previous_secret_expires_at").asText()).isEqualTo("2026-06-02T08:00:00.000000Z");
        assertThat(subscriptionOf(id).body().has("secret")).isFalse();
        assertThat(auditCount("webhook:" + id, "webhook.secret_rotated")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wh_0000000000000000", "wh_x", "..", "WH_0123456789ABCDEF"})
    void unknownOrImpossibleIdsAreNotFound(String id) {
        assertProblem(get("/webhooks/" + id, ADMIN), 404, "not-found");
        assertProblem(post("/webhooks/" + id + ":enable", ADMIN, "{}"), 404, "not-found");
        assertProblem(post("/webhooks/" + id + "/deliveries/1:redeliver", ADMIN, "{}"), 404, "not-found");
    }

    @Test
    void unknownFieldsAreRefused() {
        assertInvalidFields(post("/webhooks", ADMIN, subscription(receiver.url("x"), null, null).put("secret", "mine")),
                "secret");
        assertInvalidFields(post("/webhooks", ADMIN, "{}"), "url");
    }
}

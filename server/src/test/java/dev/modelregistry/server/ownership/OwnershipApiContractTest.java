package dev.modelregistry.server.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strong owners, with a clock the test moves: warning → expired → orphan and each state's effect on promotion,
 * deployment headers and listings; orphaning by an emptied team; reassignment; the sweeper's audit entries.
 */
abstract class OwnershipApiContractTest {
    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    MutableClock clock;
    TestRegistry registry;
    DeployFixture fixture;

    /** The database this suite runs on. */
    abstract Backend backend();

    void setUp(String prefix) {
        clock = new MutableClock(START);
        registry = backend().start(TestRegistry.config().withClock(clock));
        fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, prefix);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void deprecationPressureMovesThroughWarningExpiredAndOrphan() {
        setUp("press");
        String production = fixture.ready("pressed");
        fixture.promote("pressed", production, 100);
        String candidate = fixture.ready("pressed");
        assertThat(health("pressed")).isEqualTo("ok");
        assertThat(sweep()).isZero();

        clock.advance(Duration.ofDays(91));
        assertThat(health("pressed")).isEqualTo("warning");
        assertThat(listed("warning")).contains("pressed");
        HttpResponse<String> deployment = deploymentResponse("pressed");
        assertThat(deployment.headers().firstValue("Deprecation")).isPresent();
        assertThat(deployment.headers().firstValue("Sunset")).isPresent();
        assertThat(deployment.body()).contains("\"deprecation\"");
        assertThat(sweep()).isEqualTo(1);
        assertThat(sweep()).isZero();

        clock.advance(Duration.ofDays(90));
        assertThat(health("pressed")).isEqualTo("expired");
        assertThat(listed("expired")).contains("pressed");
        assertThat(listed("warning")).doesNotContain("pressed");
        HttpResponse<String> refused = fixture.promote(registry.baseUri(), "pressed", candidate, 100);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("model-expired");
        assertThat(deploymentResponse("pressed").headers().firstValue("Deprecation").orElseThrow())
                .isEqualTo("@" + START.plus(Duration.ofDays(180)).getEpochSecond());
        assertThat(sweep()).isEqualTo(1);

        clock.advance(Duration.ofDays(30));
        assertThat(health("pressed")).isEqualTo("orphan");
        JsonNode orphans = fixture.call("GET", "/orphans", fixture.registrantToken, null, 200).get("items");
        assertThat(orphans).anySatisfy(o -> {
            assertThat(o.get("model").asText()).isEqualTo("pressed");
            assertThat(o.get("reason").asText()).contains("ownership released");
            assertThat(o.get("since").asText()).startsWith("2026-08-03");
        });
        HttpResponse<String> orphaned = fixture.promote(registry.baseUri(), "pressed", candidate, 100);
        assertThat(orphaned.body()).contains("model-orphaned");
        JsonNode byMember = fixture.call("POST", "/models/pressed/versions", fixture.registrantToken,
                registration(fixture.team), 403);
        assertThat(byMember.get("type").asText()).endsWith("orphan-needs-admin");
        assertThat(sweep()).isEqualTo(1);

        fixture.call("POST", "/models/pressed:reassign", fixture.registrantToken, "{\"owner\":\"" + fixture.team + "\"}", 403);
        fixture.call("POST", "/models/pressed:reassign", TestRegistry.ADMIN_TOKEN, "{\"owner\":\"" + fixture.team + "\"}", 200);
        assertThat(health("pressed")).isEqualTo("ok");
        assertThat(fixture.promote(registry.baseUri(), "pressed", candidate, 100).statusCode()).isEqualTo(200);
        assertThat(sweep()).isEqualTo(1);
        assertThat(healthAudit("pressed")).containsExactly("warning", "expired", "orphan", "ok");
    }

    @Test
    void aReleasedModelsFormerTeamCannotUploadSealOrRollBackUntilAnAdminReassignsIt() {
        setUp("released");
        for (int i = 0; i < 3; i++) {
            fixture.promote("released", fixture.ready("released"), 100);
        }
        String candidate = fixture.candidate("released").get("model_id").asText();
        String version = "/models/released/versions/" + candidate;
        clock.advance(Duration.ofDays(211));
        assertThat(health("released")).isEqualTo("orphan");
        long revision = revision("released");

        assertOrphanNeedsAdmin(upload(version, fixture.registrantToken));
        assertOrphanNeedsAdmin(post(version + ":seal", fixture.registrantToken, "{}"));
        assertOrphanNeedsAdmin(post("/models/released/deployment:rollback", fixture.registrantToken, ROLLBACK));
        assertOrphanNeedsAdmin(post("/models/released/deployment:rollback", fixture.approverToken, ROLLBACK));
        assertThat(fixture.call("GET", version + "/artifacts", fixture.registrantToken, null, 200).get("items"))
                .extracting(a -> a.get("path").asText()).containsExactly("weights.bin");
        assertThat(fixture.call("GET", version, fixture.registrantToken, null, 200).get("ready_at").isNull()).isTrue();
        assertThat(revision("released")).isEqualTo(revision);

        // An admin steps in, as for registration; promotion stays refused until the model is reassigned.
        assertThat(upload(version, TestRegistry.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        fixture.call("POST", version + ":seal", TestRegistry.ADMIN_TOKEN, "{}", 200);
        fixture.call("POST", "/models/released/deployment:rollback", TestRegistry.ADMIN_TOKEN, ROLLBACK, 200);

        fixture.call("POST", "/models/released:reassign", TestRegistry.ADMIN_TOKEN, "{\"owner\":\"" + fixture.team + "\"}", 200);
        String next = fixture.candidate("released").get("model_id").asText();
        fixture.seal("released", next);
        fixture.call("POST", "/models/released/deployment:rollback", fixture.registrantToken, ROLLBACK, 200);
    }

    @Test
    void anEmptiedTeamsModelRefusesEveryoneButAnAdmin() {
        setUp("emptied");
        String candidate = fixture.candidate("abandoned").get("model_id").asText();
        String version = "/models/abandoned/versions/" + candidate;
        fixture.call("DELETE", "/teams/" + fixture.team + "/members/" + fixture.registrant, TestRegistry.ADMIN_TOKEN, null, 204);
        assertThat(health("abandoned")).isEqualTo("orphan");

        HttpResponse<String> byFormerMember = upload(version, fixture.registrantToken);
        assertThat(byFormerMember.statusCode()).isEqualTo(403);
        assertThat(byFormerMember.body()).contains("not-team-member");
        assertThat(upload(version, TestRegistry.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        fixture.call("POST", version + ":seal", TestRegistry.ADMIN_TOKEN, "{}", 200);
    }

    @Test
    void aNewVersionFromTheOwnerTeamRelievesThePressure() {
        setUp("fresh");
        fixture.candidate("renewed");
        clock.advance(Duration.ofDays(100));
        assertThat(health("renewed")).isEqualTo("warning");
        fixture.candidate("renewed");
        assertThat(health("renewed")).isEqualTo("ok");
    }

    @Test
    void removingTheLastMemberOrphansAtOnceAndReassignmentRestores() {
        setUp("empty");
        fixture.candidate("lonely");
        fixture.call("DELETE", "/teams/" + fixture.team + "/members/" + fixture.registrant, TestRegistry.ADMIN_TOKEN, null, 204);
        assertThat(health("lonely")).isEqualTo("orphan");
        JsonNode orphan = find(fixture.call("GET", "/orphans", fixture.approverToken, null, 200).get("items"), "lonely");
        assertThat(orphan.get("reason").asText()).contains("team emptied");
        assertThat(orphan.get("since").asText()).startsWith("2026-01-05");

        fixture.call("POST", "/teams", TestRegistry.ADMIN_TOKEN, "{\"name\":\"empty-heirs\"}", 201);
        fixture.call("POST", "/models/lonely:reassign", TestRegistry.ADMIN_TOKEN, "{\"owner\":\"empty-heirs\"}", 400);
        fixture.call("PUT", "/teams/empty-heirs/members/" + fixture.approver, TestRegistry.ADMIN_TOKEN, null, 204);
        JsonNode model = fixture.call("POST", "/models/lonely:reassign", TestRegistry.ADMIN_TOKEN, "{\"owner\":\"empty-heirs\"}", 200);
        assertThat(model.get("owner").asText()).isEqualTo("empty-heirs");
        assertThat(model.get("health").get("state").asText()).isEqualTo("ok");
        assertThat(fixture.call("GET", "/orphans", fixture.approverToken, null, 200).get("items").findValuesAsText("model"))
                .doesNotContain("lonely");
    }

    @Test
    void aModelsOwnPolicyOverridesTheDefaults() {
        setUp("policy");
        fixture.candidate("hurried");
        fixture.call("PATCH", "/models/hurried", fixture.registrantToken,
                "{\"deprecation_policy\":{\"warn_after\":\"P1D\",\"expire_after\":\"P2D\",\"orphan_after\":\"P3D\"}}", 403);
        fixture.call("PATCH", "/models/hurried", TestRegistry.ADMIN_TOKEN,
                "{\"deprecation_policy\":{\"warn_after\":\"P3D\",\"expire_after\":\"P2D\"}}", 400);
        fixture.call("PATCH", "/models/hurried", TestRegistry.ADMIN_TOKEN,
                "{\"deprecation_policy\":{\"warn_after\":\"soon\"}}", 400);
        fixture.call("PATCH", "/models/hurried", TestRegistry.ADMIN_TOKEN,
                "{\"deprecation_policy\":{\"warn_after\":\"P1D\",\"expire_after\":\"P2D\",\"orphan_after\":\"P3D\"}}", 200);
        clock.advance(Duration.ofHours(36));
        assertThat(health("hurried")).isEqualTo("warning");
        clock.advance(Duration.ofDays(2));
        assertThat(health("hurried")).isEqualTo("orphan");
    }

    @Test
    void badHealthFiltersAreRefused() {
        setUp("filter");
        fixture.call("GET", "/models?health=sick", fixture.registrantToken, null, 400);
    }

    String health(String model) {
        return fixture.call("GET", "/models/" + model, fixture.registrantToken, null, 200).get("health").get("state").asText();
    }

    List<String> listed(String state) {
        return fixture.call("GET", "/models?health=" + state, fixture.registrantToken, null, 200).get("items").findValuesAsText("name");
    }

    HttpResponse<String> deploymentResponse(String model) {
        return fixture.raw(HttpRequest.newBuilder(registry.baseUri().resolve("/models/" + model + "/deployment"))
                .header("Authorization", "Bearer " + fixture.registrantToken).build());
    }

    int sweep() {
        return registry.server().healthSweeper().sweepOnce();
    }

    List<String> healthAudit(String model) {
        List<String> states = new ArrayList<>();
        for (JsonNode entry : fixture.call("GET", "/audit?subject=model:" + model + "&limit=500", TestRegistry.ADMIN_TOKEN, null, 200).get("items")) {
            if (entry.get("action").asText().equals("model.health_changed")) {
                states.add(entry.get("detail").get("after").get("state").asText());
            }
        }
        return states;
    }

    static String registration(String owner) {
        return "{\"code_commit\":\"fedcba9\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],"
                + "\"owner\":\"" + owner + "\"}";
    }

    static JsonNode find(JsonNode items, String model) {
        for (JsonNode item : items) {
            if (item.get("model").asText().equals(model)) {
                return item;
            }
        }
        throw new AssertionError(model + " not in " + items);
    }

    private static final String ROLLBACK = "{\"reason\":\"drawdown beyond limit\"}";

    private HttpResponse<String> upload(String version, String token) {
        return fixture.raw(HttpRequest.newBuilder(registry.baseUri().resolve(version + "/artifacts/config/extra.json"))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"late\":true}")).build());
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return fixture.raw(HttpRequest.newBuilder(registry.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void assertOrphanNeedsAdmin(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("urn:model-registry:problem:orphan-needs-admin").contains("ownership released");
    }

    private long revision(String model) {
        return fixture.call("GET", "/models/" + model + "/deployment", fixture.registrantToken, null, 200).get("revision").asLong();
    }
}

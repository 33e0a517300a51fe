package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code xsmom@production}, {@code @canary} and {@code @latest} wherever a route names a version: each resolves to
 * the version holding the role at that moment, every answer and audit entry names the concrete model_id, and an alias
 * naming nothing, or naming another model, is a 404 that changes nothing.
 */
abstract class AliasApiContractTest extends DeployTestSupport {
    private static final AtomicInteger MODELS = new AtomicInteger();
    private String model;

    AliasApiContractTest() {
        super("alias");
    }

    @BeforeEach
    void newModel() {
        model = "alias-model-" + MODELS.incrementAndGet();
    }

    @Test
    void productionCanaryAndLatestNameTheVersionsHoldingThoseRolesNow() {
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 10);
        String latest = fixture.candidate(model).get("model_id").asText();

        assertThat(version("production").get("model_id").asText()).isEqualTo(production);
        assertThat(version("canary").get("model_id").asText()).isEqualTo(canary);
        assertThat(version("latest").get("model_id").asText()).isEqualTo(latest);
        assertThat(version("latest").get("status").asText()).isEqualTo("candidate");

        fixture.promote(model, canary, 100);
        assertThat(version("production").get("model_id").asText()).as("the alias follows the role").isEqualTo(canary);
    }

    @Test
    void everyReadOfAVersionAcceptsAnAliasAndAnswersTheConcreteModelId() {
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String base = "/models/" + model + "/versions/" + model + "@production";

        JsonNode artifacts = read(base + "/artifacts");
        assertThat(artifacts.get("items").get(0).get("path").asText()).isEqualTo("weights.bin");
        HttpResponse<String> download = fixture.raw(HttpRequest.newBuilder(registry.baseUri()
                .resolve(base + "/artifacts/weights.bin")).header("Authorization", "Bearer " + fixture.registrantToken)
                .GET().build());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("weights of " + production);
        JsonNode evaluations = read(base + "/evaluations");
        assertThat(evaluations.get("items").get(0).get("model_id").asText()).isEqualTo(production);
        assertThat(read(base + "/graph").get("root").asText()).isEqualTo(production);
        assertThat(read(base + "/promotion-readiness").get("model_id").asText()).isEqualTo(production);
    }

    @Test
    void uploadingAndSealingByLatestActOnTheLatestVersionAndAuditItsModelId() {
        String latest = fixture.candidate(model).get("model_id").asText();
        String base = "/models/" + model + "/versions/" + model + "@latest";

        HttpResponse<String> upload = fixture.raw(HttpRequest.newBuilder(registry.baseUri()
                .resolve(base + "/artifacts/extra.bin")).header("Authorization", "Bearer " + fixture.registrantToken)
                .PUT(HttpRequest.BodyPublishers.ofString("extra", StandardCharsets.UTF_8)).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode sealed = fixture.call("POST", base + ":seal", fixture.registrantToken, "{}", 200);

        assertThat(sealed.get("model_id").asText()).isEqualTo(latest);
        assertThat(sealed.get("ready_at").isNull()).isFalse();
        assertThat(audit("version:" + latest)).extracting(e -> e.get("action").asText()).contains("version.sealed");
        assertThat(audit("artifact:" + latest + "/extra.bin")).extracting(e -> e.get("action").asText())
                .containsExactly("artifact.uploaded");
    }

    @Test
    void promotingTheCanaryByAliasMakesItProductionAndTheAuditNamesItsModelId() {
        String first = fixture.ready(model);
        fixture.promote(model, first, 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 10);

        JsonNode deployment = fixture.promote(model, model + "@canary", 100);

        assertThat(deployment.get("production").get("model_id").asText()).isEqualTo(canary);
        assertThat(deployment.get("canary").isNull()).isTrue();
        JsonNode entries = fixture.call("GET", "/audit?subject=deployment:" + model, fixture.registrantToken, null, 200)
                .get("items");
        String detail = entries.get(entries.size() - 1).get("detail").toString();
        assertThat(detail).contains(canary).doesNotContain("@canary");
    }

    @Test
    void aPromotionByTheCanaryAliasRacingARollbackActsOnTheCanaryOfItsOwnMoment() throws Exception {
        for (int round = 0; round < 4; round++) {
            String race = model + "-race-" + round;
            fixture.promote(race, fixture.ready(race), 100);
            String canary = fixture.ready(race);
            fixture.promote(race, canary, 10);
            CompletableFuture<HttpResponse<String>> promotion = CompletableFuture.supplyAsync(() ->
                    fixture.promote(registry.baseUri(), race, race + "@canary", 100));
            fixture.call("POST", "/models/" + race + "/deployment:rollback", fixture.approverToken,
                    "{\"reason\":\"race\"}", 200);
            HttpResponse<String> promoted = promotion.get(30, TimeUnit.SECONDS);

            // Resolved under the model's lock: either the canary before the rollback (then promoted, and the
            // rollback undid it), or none after it. Never the rolled-back version, which would be a 409.
            assertThat(promoted.statusCode()).as(promoted.body()).isIn(200, 404);
            if (promoted.statusCode() == 404) {
                assertThat(promoted.body()).contains("has no canary version now");
            }
            assertThat(status(race, canary)).isEqualTo("rolled_back");
        }
    }

    @Test
    void theLatestVersionCanBeCheckedAndPromotedByAlias() {
        String ready = fixture.ready(model);

        JsonNode readiness = fixture.call("GET", "/models/" + model + "/versions/" + model
                + "@latest/promotion-readiness", fixture.approverToken, null, 200);
        JsonNode deployment = fixture.promote(model, model + "@latest", 100);

        assertThat(readiness.get("model_id").asText()).isEqualTo(ready);
        assertThat(readiness.get("ready").asBoolean()).as(readiness.toString()).isTrue();
        assertThat(deployment.get("production").get("model_id").asText()).isEqualTo(ready);
    }

    @Test
    void anAliasWithNothingBehindItIsANotFoundThatSaysSoAndChangesNothing() {
        fixture.ready(model);

        assertThat(notFound("/models/" + model + "/versions/" + model + "@production"))
                .isEqualTo(model + "@production names no version: " + model + " has no production version now");
        assertThat(notFound("/models/" + model + "/versions/" + model + "@canary"))
                .contains("has no canary version now");
        HttpResponse<String> promotion = fixture.promote(registry.baseUri(), model, model + "@canary", 100);
        assertThat(promotion.statusCode()).isEqualTo(404);
        assertThat(promotion.body()).contains("has no canary version now");
        assertThat(revision()).isZero();

        String empty = model + "-empty";
        fixture.call("POST", "/models", fixture.registrantToken,
                "{\"name\":\"" + empty + "\",\"owner\":\"" + fixture.team + "\"}", 201);
        assertThat(notFound("/models/" + empty + "/versions/" + empty + "@latest")).contains("has no versions yet");
    }

    @Test
    void anAliasOfAnotherModelOrAnUnknownAliasIsNotFound() {
        String version = fixture.ready(model);
        fixture.promote(model, version, 100);
        String other = model + "-other";
        fixture.ready(other);

        assertThat(notFound("/models/" + other + "/versions/" + model + "@production"))
                .contains("version " + model + "@production of model " + other);
        notFound("/models/" + model + "/versions/" + model + "@staging");
        notFound("/models/" + model + "/versions/" + model + "@Production");
        HttpResponse<String> promotion = fixture.promote(registry.baseUri(), other, model + "@production", 100);
        assertThat(promotion.statusCode()).isEqualTo(404);
        assertThat(fixture.call("GET", "/models/" + other + "/deployment", fixture.registrantToken, null, 200)
                .get("revision").asLong()).isZero();
    }

    private String status(String ofModel, String version) {
        return fixture.call("GET", "/models/" + ofModel + "/versions/" + version, fixture.registrantToken, null, 200)
                .get("status").asText();
    }

    private JsonNode version(String alias) {
        return read("/models/" + model + "/versions/" + model + "@" + alias);
    }

    private JsonNode read(String path) {
        return fixture.call("GET", path, fixture.registrantToken, null, 200);
    }

    private JsonNode audit(String subject) {
        return fixture.call("GET", "/audit?subject=" + subject, fixture.registrantToken, null, 200).get("items");
    }

    /** The detail of the 404 problem the path answers. */
    private String notFound(String path) {
        JsonNode problem = fixture.call("GET", path, fixture.registrantToken, null, 404);
        assertThat(problem.get("type").asText()).isEqualTo("urn:model-registry:problem:not-found");
        return problem.get("detail").asText();
    }

    private long revision() {
        return fixture.call("GET", "/models/" + model + "/deployment", fixture.registrantToken, null, 200)
                .get("revision").asLong();
    }
}

package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every promotion gate and split rule of SPEC, each refusal with its own problem type and no change made. */
abstract class PromotionApiContractTest extends DeployTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger MODELS = new AtomicInteger();
    private String model;

    PromotionApiContractTest() {
        super("promo");
    }

    @BeforeEach
    void newModel() {
        model = "promo-model-" + MODELS.incrementAndGet();
    }

    @Test
    void aVersionPassingEveryGateBecomesProductionWithASignedManifest() throws Exception {
        String version = fixture.ready(model);
        JsonNode deployment = fixture.promote(model, version, 100);
        assertThat(deployment.get("revision").asLong()).isEqualTo(1);
        assertThat(deployment.get("production").get("model_id").asText()).isEqualTo(version);
        assertThat(deployment.get("production").get("pct").asInt()).isEqualTo(100);
        assertThat(deployment.get("canary").isNull()).isTrue();
        assertThat(status(version)).isEqualTo("production");

        DsseEnvelope manifest = DsseEnvelope.parse(deployment.get("manifest"));
        JsonNode key = registry.get("/keys", null).body().get("keys").get(0);
        assertThat(Dsse.verifiedBy(manifest, Ed25519Pem.publicKey(key.get("public_key_pem").asText()))).isTrue();
        assertThat(manifest.signatures().get(0).keyid()).isEqualTo(key.get("keyid").asText());
        JsonNode payload = JSON.readTree(manifest.payload());
        assertThat(payload.get("revision").asLong()).isEqualTo(1);
        assertThat(payload.get("entries").get(0).get("artifacts").get(0).get("path").asText()).isEqualTo("weights.bin");
    }

    @Test
    void aCallerOutsideTheAclIsRefused() {
        String version = fixture.ready(model);
        HttpResponse<String> response = fixture.promoteAs(registry.baseUri(), fixture.registrantToken, model, version,
                approverBody(fixture.registrant));
        assertRefused(response, 403, "not-approver", version);
    }

    @Test
    void theApproverInTheBodyMustBeTheCaller() {
        String version = fixture.ready(model);
        HttpResponse<String> response = fixture.promoteAs(registry.baseUri(), fixture.approverToken, model, version,
                approverBody("someone-else"));
        assertRefused(response, 403, "approver-mismatch", version);
    }

    @Test
    void theRegistrantCannotApproveTheirOwnVersion() {
        DeployFixture selfApproving = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "self" + MODELS.incrementAndGet());
        fixture.call("PUT", "/acl/approvers/" + selfApproving.registrant, TestRegistry.ADMIN_TOKEN, null, 204);
        String version = selfApproving.ready(model);
        HttpResponse<String> response = fixture.promoteAs(registry.baseUri(), selfApproving.registrantToken, model,
                version, approverBody(selfApproving.registrant));
        assertRefused(response, 403, "four-eyes", version);
    }

    @Test
    void aVersionWithoutAnEvaluationReportIsRefused() {
        JsonNode version = fixture.candidate(model);
        fixture.seal(model, version.get("model_id").asText());
        assertRefused(fixture.promote(registry.baseUri(), model, version.get("model_id").asText(), 100), 409,
                "evaluation-missing", version.get("model_id").asText());
    }

    @Test
    void aFailingVerdictIsRefused() {
        JsonNode version = fixture.candidate(model);
        String id = version.get("model_id").asText();
        fixture.seal(model, id);
        fixture.report(id, version.get("lineage_hash").asText(), "fail", "rep-fail-" + id);
        assertRefused(fixture.promote(registry.baseUri(), model, id, 100), 409, "evaluation-failed", id);
    }

    @Test
    void theReportTheVersionNamedMustBeTheOneThatPassed() {
        String body = "{\"code_commit\":\"ab12cd3\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],"
                + "\"owner\":\"" + fixture.team + "\",\"evaluation\":{\"report_id\":\"rep-named\",\"objective\":\"rank_ic\"}}";
        JsonNode version = fixture.call("POST", "/models/" + model + "/versions", fixture.registrantToken, body, 201);
        String id = version.get("model_id").asText();
        fixture.upload(model, id, "w.bin", new byte[] {1});
        fixture.seal(model, id);
        fixture.report(id, version.get("lineage_hash").asText(), "pass", "rep-other-" + id);
        assertRefused(fixture.promote(registry.baseUri(), model, id, 100), 409, "evaluation-missing", id);
    }

    @Test
    void anUnsealedVersionIsRefused() {
        JsonNode version = fixture.candidate(model);
        String id = version.get("model_id").asText();
        fixture.report(id, version.get("lineage_hash").asText(), "pass", "rep-unsealed-" + id);
        assertRefused(fixture.promote(registry.baseUri(), model, id, 100), 409, "version-not-sealed", id);
    }

    @Test
    void anOrphanedModelIsRefused() {
        DeployFixture lonely = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "lonely" + MODELS.incrementAndGet());
        String version = lonely.ready(model);
        fixture.call("DELETE", "/teams/" + lonely.team + "/members/" + lonely.registrant, TestRegistry.ADMIN_TOKEN, null, 204);
        assertRefused(lonely.promote(registry.baseUri(), model, version, 100), 409, "model-orphaned", version);
    }

    @Test
    void aCanaryNeedsAProductionToSplitWith() {
        String version = fixture.ready(model);
        assertRefused(fixture.promote(registry.baseUri(), model, version, 10), 409, "no-production", version);
    }

    @Test
    void aSecondCanaryIsRefusedWhileOneRuns() {
        fixture.promote(model, fixture.ready(model), 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 10);
        String second = fixture.ready(model);
        assertRefused(fixture.promote(registry.baseUri(), model, second, 20), 409, "canary-running", second);
        assertRefused(fixture.promote(registry.baseUri(), model, second, 100), 409, "canary-running", second);
    }

    @Test
    void promotingTheCanaryTo100RetiresThePreviousProduction() {
        String first = fixture.ready(model);
        fixture.promote(model, first, 100);
        String canary = fixture.ready(model);
        JsonNode split = fixture.promote(model, canary, 25);
        assertThat(split.get("production").get("pct").asInt()).isEqualTo(75);
        assertThat(split.get("canary").get("pct").asInt()).isEqualTo(25);
        JsonNode full = fixture.promote(model, canary, 100);
        assertThat(full.get("revision").asLong()).isEqualTo(3);
        assertThat(full.get("production").get("model_id").asText()).isEqualTo(canary);
        assertThat(full.get("canary").isNull()).isTrue();
        assertThat(status(first)).isEqualTo("retired");
        JsonNode history = fixture.call("GET", "/models/" + model + "/deployment/history", fixture.registrantToken, null, 200);
        assertThat(history.get("items")).extracting(h -> h.get("revision").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(history.get("items").get(2).get("actor").asText()).isEqualTo(fixture.approver);
    }

    @Test
    void rollbackRestoresThePreviousProductionWithoutANewEvaluation() {
        String first = fixture.ready(model);
        fixture.promote(model, first, 100);
        String second = fixture.ready(model);
        fixture.promote(model, second, 100);
        JsonNode rolledBack = fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.registrantToken,
                "{\"reason\":\"p&l drawdown\"}", 200);
        assertThat(rolledBack.get("production").get("model_id").asText()).isEqualTo(first);
        assertThat(rolledBack.get("revision").asLong()).isEqualTo(3);
        assertThat(status(second)).isEqualTo("rolled_back");
        assertThat(status(first)).isEqualTo("production");
        JsonNode audit = fixture.call("GET", "/audit?subject=deployment:" + model, fixture.registrantToken, null, 200);
        assertThat(audit.get("items")).extracting(e -> e.get("action").asText())
                .containsExactly("deployment.promoted", "deployment.promoted", "deployment.rolled_back");
    }

    @Test
    void rollingBackACanaryKeepsProduction() {
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 5);
        JsonNode after = fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                "{\"reason\":\"canary errors\"}", 200);
        assertThat(after.get("production").get("model_id").asText()).isEqualTo(production);
        assertThat(after.get("production").get("pct").asInt()).isEqualTo(100);
        assertThat(after.get("canary").isNull()).isTrue();
        assertThat(status(canary)).isEqualTo("rolled_back");
    }

    @Test
    void rollbackNeedsSomethingToRestoreAndTheRightCaller() {
        String only = fixture.ready(model);
        fixture.promote(model, only, 100);
        fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken, "{\"reason\":\"x\"}", 409);
        String outsider = registry.principalWithToken("outsider-" + MODELS.incrementAndGet(), false);
        JsonNode refused = fixture.call("POST", "/models/" + model + "/deployment:rollback", outsider, "{\"reason\":\"x\"}", 403);
        assertThat(refused.get("type").asText()).endsWith("rollback-forbidden");
        assertThat(revision()).isEqualTo(1);
    }

    @Test
    void aRetiredVersionCannotBePromotedAgain() {
        String first = fixture.ready(model);
        fixture.promote(model, first, 100);
        fixture.promote(model, fixture.ready(model), 100);
        HttpResponse<String> response = fixture.promote(registry.baseUri(), model, first, 100);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("urn:model-registry:problem:invalid-transition");
        assertThat(status(first)).isEqualTo("retired");
        assertThat(revision()).isEqualTo(2);
    }

    @Test
    void badPromotionBodiesAreRefused() {
        String version = fixture.ready(model);
        for (String body : new String[] {"{}", "{\"approver\":\"" + fixture.approver + "\",\"canary_pct\":0}",
                "{\"approver\":\"" + fixture.approver + "\",\"canary_pct\":101}",
                "{\"approver\":\"" + fixture.approver + "\",\"canary_pct\":\"5\"}",
                "{\"approver\":\"" + fixture.approver + "\",\"extra\":1}"}) {
            JsonNode problem = fixture.call("POST", "/models/" + model + "/versions/" + version + ":promote",
                    fixture.approverToken, body, 400);
            assertThat(problem.get("type").asText()).endsWith("validation-failed");
        }
        assertThat(revision()).isZero();
    }

    @Test
    void readinessShowsEveryUnmetGateAtOnceAndThePromotionIsRefusedWithTheFirst() {
        JsonNode candidate = fixture.candidate(model);
        String id = candidate.get("model_id").asText();

        JsonNode checklist = checks(id, fixture.registrantToken, "");

        assertThat(checklist.get("ready").asBoolean()).isFalse();
        assertThat(checklist.get("approver").asText()).as("the caller by default").isEqualTo(fixture.registrant);
        assertThat(unmet(checklist)).containsExactly("approver_in_acl=not-approver", "not_registrant=four-eyes",
                "evaluation_passed=evaluation-missing", "sealed=version-not-sealed");
        assertThat(rules(checklist)).containsExactly("approver_in_acl", "approver_is_caller", "not_registrant",
                "evaluation_passed", "accountable", "not_expired", "sealed", "children_not_rejected");
        checklist.get("checks").forEach(check -> assertThat(check.get("detail").asText()).isNotBlank());
        assertRefused(fixture.promoteAs(registry.baseUri(), fixture.registrantToken, model, id,
                approverBody(fixture.registrant)), 403, "not-approver", id);
    }

    @Test
    void aRefusedPromotionNamesEveryUnmetRuleInErrorsWithTheFirstRulesProblem() throws Exception {
        JsonNode candidate = fixture.candidate(model);
        String id = candidate.get("model_id").asText();
        JsonNode readiness = checks(id, fixture.registrantToken, "");

        HttpResponse<String> refused = fixture.promoteAs(registry.baseUri(), fixture.registrantToken, model, id,
                approverBody(fixture.registrant));

        assertRefused(refused, 403, "not-approver", id);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asText()).isEqualTo("Only principals in the approver ACL may promote");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("approver_in_acl", "not_registrant", "evaluation_passed", "sealed");
        List<String> why = new ArrayList<>();
        readiness.get("checks").forEach(check -> {
            if (!check.get("met").asBoolean()) {
                why.add(check.get("detail").asText());
            }
        });
        assertThat(problem.get("errors")).extracting(e -> e.get("message").asText()).containsExactlyElementsOf(why);
        assertThat(problem.get("detail").asText()).isEqualTo(why.get(0));
    }

    @Test
    void aReadyVersionMeetsEveryGateAndThenPromotes() {
        String version = fixture.ready(model);

        JsonNode checklist = checks(version, fixture.approverToken, "?approver=" + fixture.approver);

        assertThat(checklist.get("ready").asBoolean()).as(checklist.toString()).isTrue();
        assertThat(unmet(checklist)).isEmpty();
        checklist.get("checks").forEach(check -> assertThat(check.get("problem_type").isNull()).isTrue());
        assertThat(fixture.promote(model, version, 100).get("production").get("model_id").asText()).isEqualTo(version);
    }

    @Test
    void namingAnotherApproverIsAnUnmetGateAndABadApproverIsA400() {
        String version = fixture.ready(model);

        JsonNode checklist = checks(version, fixture.approverToken, "?approver=someone-else");
        assertThat(unmet(checklist)).containsExactly("approver_is_caller=approver-mismatch");

        JsonNode failed = fixture.call("GET", checksPath(version) + "?approver=", fixture.approverToken, null, 400);
        assertThat(failed.get("type").asText()).endsWith(":validation-failed");
        fixture.call("GET", "/models/" + model + "/versions/" + model + "@2020.01.01-r9/promotion-readiness",
                fixture.approverToken, null, 404);
        fixture.call("GET", checksPath(version), null, null, 401);
        assertThat(status(version)).as("asking changes nothing").isEqualTo("candidate");
    }

    private JsonNode checks(String version, String token, String query) {
        return fixture.call("GET", checksPath(version) + query, token, null, 200);
    }

    private String checksPath(String version) {
        return "/models/" + model + "/versions/" + version + "/promotion-readiness";
    }

    /** The unmet rules as {@code rule=problem-slug}, in order. */
    private static List<String> unmet(JsonNode checklist) {
        List<String> unmet = new ArrayList<>();
        checklist.get("checks").forEach(check -> {
            if (!check.get("met").asBoolean()) {
                String type = check.get("problem_type").asText();
                unmet.add(check.get("rule").asText() + "=" + type.substring(type.lastIndexOf(':') + 1));
            }
        });
        return unmet;
    }

    private static List<String> rules(JsonNode checklist) {
        List<String> rules = new ArrayList<>();
        checklist.get("checks").forEach(check -> rules.add(check.get("rule").asText()));
        return rules;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode approverBody(String approver) {
        return JSON.createObjectNode().put("approver", approver);
    }

    private void assertRefused(HttpResponse<String> response, int status, String slug, String version) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("urn:model-registry:problem:" + slug);
        assertThat(status(version)).as("a refused promotion changes nothing").isEqualTo("candidate");
    }

    private String status(String version) {
        return fixture.call("GET", "/models/" + model + "/versions/" + version, fixture.registrantToken, null, 200)
                .get("status").asText();
    }

    private long revision() {
        return fixture.call("GET", "/models/" + model + "/deployment", fixture.registrantToken, null, 200)
                .get("revision").asLong();
    }
}

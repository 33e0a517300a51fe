package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verbs for what the API had and the CLI lacked, against a real server: a model's deployment history, a version's
 * evaluations, per-model deprecation thresholds, a model created before its first version, {@code version MODEL_ID}
 * and {@code status}.
 */
class NewVerbsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, byte[]> WEIGHTS = Map.of("model.onnx", new byte[] {1, 2, 3});
    private static RealRegistry registry;
    private static PromotionFixture fixture;
    private static Map<String, String> admin;
    private static Map<String, String> approver;
    private static Map<String, String> quant;

    @BeforeAll
    static void start() throws Exception {
        registry = RealRegistry.start("cli-verbs", "cli-verbs-admin-token-0123456789abcdef012");
        fixture = registry.fixture("nv");
        admin = registry.adminEnv();
        approver = registry.env(fixture.approverToken);
        quant = registry.env(fixture.registrantToken);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        registry.close();
    }

    @Test
    void deploymentHistoryListsEveryPromotionAndTheRollbackWithWhoAndWhy() throws Exception {
        String first = fixture.ready("nv-hist", WEIGHTS);
        fixture.promote("nv-hist", first, 100);
        String second = fixture.ready("nv-hist", WEIGHTS);
        fixture.promote("nv-hist", second, 10);
        run(approver, 0, "rollback", "nv-hist", "--reason", "drawdown beyond limit");

        CliRun table = run(quant, 0, "deployment", "history", "nv-hist");
        assertThat(table.out().lines()).hasSize(4);
        assertThat(table.out().lines().toList().get(0)).startsWith("REVISION  ACTION").contains("PRODUCTION", "CANARY",
                "ACTOR", "CHANGED", "REASON");
        assertThat(table.out().lines().toList().get(2)).contains("promote", first + " (90%)", second + " (10%)",
                fixture.approverName);
        assertThat(table.out().lines().toList().get(3))
                .contains("rollback", first + " (100%)", "drawdown beyond limit");

        JsonNode history = JSON.readTree(run(quant, 0, "deployment", "history", "nv-hist", "--json").out());
        assertThat(history.get("items")).hasSize(3);
        assertThat(history.get("items").get(2).get("action").asText()).isEqualTo("rollback");
        assertThat(history.get("next").isNull()).isTrue();
        assertThat(run(quant, 0, "deployment", "nv-hist").out()).as("the model's own deployment, as before")
                .contains("production", first);
        assertThat(run(quant, 2, "deployment").err()).contains("Missing required parameter: 'MODEL'");
        assertThat(run(quant, 2, "deployment", "--", "history").err()).as("a model named history")
                .contains("model history does not exist");
    }

    @Test
    void evaluationsListsTheSignedReportsBoundToAVersion() throws Exception {
        String modelId = fixture.ready("nv-eval", WEIGHTS);

        CliRun table = run(quant, 0, "evaluations", modelId);
        assertThat(table.out().lines().toList().get(0)).startsWith("REPORT_ID").contains("VERDICT", "OBJECTIVE",
                "EVALUATOR", "KEYID", "RECEIVED", "METRICS");
        assertThat(table.out()).contains("rep-" + modelId, "pass", "rank_ic", "nv-bench", "{\"rank_ic\":0.07}");

        JsonNode reports = JSON.readTree(run(quant, 0, "evaluations", modelId, "--json").out());
        assertThat(reports.get("items")).singleElement()
                .satisfies(report -> assertThat(report.get("lineage_hash").asText()).hasSize(64));
        assertThat(run(quant, 2, "evaluations", "nv-eval").err()).contains("MODEL_ID must look like");
    }

    @Test
    void deprecationSetChangesOnlyTheThresholdsGivenAndResetReturnsEveryOneToTheGlobalDefault() throws Exception {
        fixture.ready("nv-dep", WEIGHTS);
        CliRun never = run(quant, 0, "deprecation", "show", "nv-dep");
        assertThat(never.out()).contains("warn_after:   default", "expire_after: default", "set:          never");
        String defaultExpiry = JSON.readTree(run(quant, 0, "deprecation", "show", "nv-dep", "--json").out())
                .path("health").path("expires_at").asText();

        run(admin, 0, "deprecation", "set", "nv-dep", "--warn-after", "P30D");
        CliRun both = run(admin, 0, "deprecation", "set", "nv-dep", "--expire-after", "P60D");
        assertThat(both.out())
                .contains("warn_after:   P30D", "expire_after: P60D", "orphan_after: default", "by admin");

        JsonNode shown = JSON.readTree(run(quant, 0, "deprecation", "show", "nv-dep", "--json").out());
        assertThat(shown.get("deprecation_policy")).isEqualTo(JSON.readTree(
                "{\"warn_after\": \"P30D\", \"expire_after\": \"P60D\", \"orphan_after\": null}"));
        assertThat(shown.get("set_by").asText()).isEqualTo("admin");
        assertThat(shown.path("health").path("expires_at").asText()).isLessThan(defaultExpiry);

        assertThat(run(admin, 2, "deprecation", "set", "nv-dep", "--orphan-after", "P10D").err())
                .contains("warn_after <= expire_after <= orphan_after");
        assertThat(run(quant, 2, "deprecation", "set", "nv-dep", "--warn-after", "P7D").err()).contains("admin");
        assertThat(run(admin, 2, "deprecation", "set", "nv-dep").err()).contains("--warn-after");

        run(admin, 0, "deprecation", "reset", "nv-dep");
        JsonNode reset = JSON.readTree(run(quant, 0, "deprecation", "show", "nv-dep", "--json").out());
        assertThat(reset.get("deprecation_policy")).isEqualTo(JSON.readTree(
                "{\"warn_after\": null, \"expire_after\": null, \"orphan_after\": null}"));
        assertThat(reset.path("health").path("expires_at").asText()).isEqualTo(defaultExpiry);
    }

    @Test
    void createModelMakesAModelWithItsDescriptionBeforeAnyVersion() {
        CliRun created = run(quant, 0, "create-model", "nv-new", "--owner", fixture.team, "--description",
                "cross-sectional momentum");
        assertThat(created.out()).contains("nv-new", "cross-sectional momentum");
        assertThat(run(quant, 0, "model", "nv-new").out()).contains("description: cross-sectional momentum");
        assertThat(run(quant, 0, "versions", "nv-new").out().lines()).hasSize(1);
        assertThat(run(quant, 2, "create-model", "nv-new", "--owner", fixture.team).err()).contains("already exists");
    }

    @Test
    void versionTakesTheModelIdAloneAndStillTheOldTwoArgumentForm() {
        String modelId = fixture.ready("nv-ver", WEIGHTS);

        CliRun alone = run(quant, 0, "version", modelId);
        assertThat(alone.out()).contains("model_id:", modelId, "lineage_hash:");
        assertThat(run(quant, 0, "version", "nv-ver", modelId).out()).isEqualTo(alone.out());
        assertThat(run(quant, 2, "version", "nv-other", modelId).err()).contains("give the MODEL_ID alone");
        assertThat(run(quant, 2, "version", "nv-ver@2020.01.01-r9").err()).contains("does not exist");
    }

    @Test
    void statusSaysTheRegistryIsAliveAndReadyAndWhetherItAcceptsTheToken() throws Exception {
        CliRun accepted = run(quant, 0, "status");
        assertThat(accepted.out()).contains("alive: true", "ready: true", "token: accepted");

        Map<String, String> anonymous = Map.of("MODELREG_URL", quant.get("MODELREG_URL"));
        assertThat(run(anonymous, 0, "status").out()).contains("token: none", "MODELREG_TOKEN");
        CliRun refused = run(anonymous, 2, "status", "--token", "not-a-token-of-this-registry");
        assertThat(refused.out()).contains("token: refused", "from --token");
        JsonNode json = JSON.readTree(run(quant, 0, "status", "--json").out());
        assertThat(json.get("url").asText()).isEqualTo(quant.get("MODELREG_URL"));
        assertThat(json.get("ready").asBoolean()).isTrue();
    }

    private static CliRun run(Map<String, String> env, int expectedExit, String... args) {
        return CliRun.expect(env, expectedExit, args);
    }
}

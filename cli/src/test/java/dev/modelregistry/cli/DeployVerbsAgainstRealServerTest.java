package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promote}, {@code rollback}, {@code deployment} (watched, or {@code --at} a moment), {@code deployments},
 * {@code readiness} and {@code keys} against a real server, and aliases ({@code xsmom@production}, {@code @canary},
 * {@code @latest}) in the verbs that name a version.
 */
class DeployVerbsAgainstRealServerTest {
    private static final String ADMIN = "deploy-verbs-admin-token-0123456789abcdef";

    private static RegistryServer server;
    private static PromotionFixture fixture;
    private static Map<String, String> adminEnv;
    private static Map<String, String> approverEnv;
    private static Map<String, String> registrantEnv;

    @BeforeAll
    static void startServer() throws Exception {
        Path dir = Files.createTempDirectory("modelreg-deploy-verbs");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(dir).withPort(0).withBootstrapAdminToken(ADMIN));
        String url = "http://127.0.0.1:" + server.port();
        fixture = new PromotionFixture(URI.create(url), ADMIN, "dv");
        adminEnv = Map.of("MODELREG_URL", url, "MODELREG_TOKEN", ADMIN);
        approverEnv = Map.of("MODELREG_URL", url, "MODELREG_TOKEN", fixture.approverToken);
        registrantEnv = Map.of("MODELREG_URL", url, "MODELREG_TOKEN", fixture.registrantToken);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
        server.close();
    }

    @Test
    void anApproverPromotesACanaryAndRollsItBackThroughTheCli() {
        String v1 = fixture.ready("dv-split", DeployGuardAgainstRealServerTest.artifacts("dv v1"));
        String v2 = fixture.ready("dv-split", DeployGuardAgainstRealServerTest.artifacts("dv v2"));

        CliRun production = CliRun.run(approverEnv, "promote", v1, "--approver", fixture.approverName);
        assertThat(production.exitCode()).as(production.err()).isZero();
        assertThat(production.out()).containsPattern("REVISION\\s+ROLE\\s+MODEL_ID\\s+PCT")
                .containsPattern("1\\s+production\\s+" + v1 + "\\s+100");

        CliRun canary = CliRun.run(approverEnv, "promote", v2, "--canary", "10", "--approver", fixture.approverName);
        assertThat(canary.exitCode()).as(canary.err()).isZero();
        assertThat(canary.out()).containsPattern("2\\s+production\\s+" + v1 + "\\s+90")
                .containsPattern("2\\s+canary\\s+" + v2 + "\\s+10");

        CliRun shown = CliRun.run(registrantEnv, "deployment", "dv-split");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).isEqualTo(canary.out());

        CliRun json = CliRun.run(registrantEnv, "deployment", "dv-split", "--json");
        assertThat(json.out()).contains("\"manifest\"").contains("application/vnd.model-registry.manifest+json");

        CliRun rollback = CliRun.run(approverEnv, "rollback", "dv-split", "--reason", "canary too noisy");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).containsPattern("3\\s+production\\s+" + v1 + "\\s+100").doesNotContain("canary");
    }

    @Test
    void promotionRefusedByTheRegistryExitsWithTheProblem() {
        String v1 = fixture.ready("dv-refused", DeployGuardAgainstRealServerTest.artifacts("dv-refused v1"));

        CliRun ownVersion = CliRun.run(registrantEnv, "promote", v1, "--approver", fixture.registrantName);

        assertThat(ownVersion.exitCode()).isEqualTo(2);
        assertThat(ownVersion.err()).contains("approver");
    }

    @Test
    void promoteNeedsAnExplicitApproverAndRollbackAReason() {
        CliRun noApprover = CliRun.run(approverEnv, "promote", "dv-x@2026.05.15-r1");
        assertThat(noApprover.exitCode()).isEqualTo(2);
        assertThat(noApprover.err()).contains("--approver");

        CliRun badShare = CliRun.run(approverEnv, "promote", "dv-x@2026.05.15-r1", "--approver", "a", "--canary", "0");
        assertThat(badShare.exitCode()).isEqualTo(2);
        assertThat(badShare.err()).contains("--canary");

        CliRun noReason = CliRun.run(approverEnv, "rollback", "dv-x");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
    }

    @Test
    void theWatchPrintsEachNewRevisionAndStopsAtUntil() throws Exception {
        String v1 = fixture.ready("dv-watch", DeployGuardAgainstRealServerTest.artifacts("dv-watch v1"));
        fixture.promote("dv-watch", v1, 100);
        String v2 = fixture.ready("dv-watch", DeployGuardAgainstRealServerTest.artifacts("dv-watch v2"));

        StringWriter live = new StringWriter();
        CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() ->
                CliRun.run(live, registrantEnv, "deployment", "dv-watch", "--watch", "--until", "3"));
        // Change the deployment only once the watch has printed where it started, however slow the machine.
        Pattern first = Pattern.compile("1\\s+production\\s+" + Pattern.quote(v1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!first.matcher(live.toString()).find() && System.nanoTime() < deadline && !watch.isDone()) {
            Thread.sleep(20);
        }
        fixture.promote("dv-watch", v2, 100);
        fixture.approver.rollback("dv-watch", "drawdown beyond limit");
        CliRun watched = watch.get(30, TimeUnit.SECONDS);

        assertThat(watched.exitCode()).as(watched.err()).isZero();
        assertThat(watched.out()).containsPattern("1\\s+production\\s+" + v1)
                .containsPattern("3\\s+production\\s+" + v1);
    }

    @Test
    void keysListsTheActiveKeyAndRotateRetiresIt() {
        CliRun keys = CliRun.run(registrantEnv, "keys");
        assertThat(keys.exitCode()).as(keys.err()).isZero();
        assertThat(keys.out()).containsPattern("KEYID\\s+ALGORITHM\\s+STATUS").contains("Ed25519").contains("active");

        CliRun refused = CliRun.run(registrantEnv, "keys", "rotate");
        assertThat(refused.exitCode()).isEqualTo(2);

        CliRun rotated = CliRun.run(adminEnv, "keys", "rotate");
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("active").contains("retired");

        CliRun json = CliRun.run(registrantEnv, "keys", "--json");
        assertThat(json.out()).contains("BEGIN PUBLIC KEY");
    }

    @Test
    void downloadAndArtifactsTakeTheProductionAliasAndAnEmptyAliasIsRefused() throws Exception {
        String v1 = fixture.ready("ac-dl", DeployGuardAgainstRealServerTest.artifacts("ac-dl v1"));
        fixture.promote("ac-dl", v1, 100);
        fixture.ready("ac-dl", DeployGuardAgainstRealServerTest.artifacts("ac-dl v2"));
        Path out = Files.createTempDirectory("modelreg-alias-download");

        CliRun listed = run(registrantEnv, "artifacts", "ac-dl@production");
        CliRun downloaded = run(registrantEnv, "download", "ac-dl@production", "--out", out.toString());

        assertThat(listed.out()).contains("weights.bin").contains("config/model.json");
        assertThat(downloaded.exitCode()).as(downloaded.err()).isZero();
        assertThat(Files.readString(out.resolve("weights.bin"))).isEqualTo("weights of ac-dl v1");
        CliRun noCanary = CliRun.run(registrantEnv, "artifacts", "ac-dl@canary");
        assertThat(noCanary.exitCode()).isEqualTo(2);
        assertThat(noCanary.err()).contains("has no canary version now");
        CliRun unknown = CliRun.run(registrantEnv, "download", "ac-dl@staging");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("NAME@production, NAME@canary or NAME@latest");
    }

    @Test
    void uploadSealAndPromoteActOnTheVersionTheAliasNames() throws Exception {
        String v1 = fixture.ready("ac-up", DeployGuardAgainstRealServerTest.artifacts("ac-up v1"));
        fixture.promote("ac-up", v1, 100);
        String latest = register("ac-up");
        Path file = Files.writeString(Files.createTempFile("weights", ".bin"), "latest weights");

        run(registrantEnv, "upload", "ac-up@latest", file.toString(), "--as", "weights.bin");
        CliRun sealed = run(registrantEnv, "seal", "ac-up@latest");

        assertThat(sealed.out()).startsWith("sealed " + latest + ": ready_at ");
        assertThat(fixture.registrant.artifacts("ac-up", latest).items()).extracting(a -> a.path("path").asText())
                .containsExactly("weights.bin");
        CliRun promoted = CliRun.run(approverEnv, "promote", "ac-up@latest", "--approver", fixture.approverName);
        assertThat(promoted.exitCode()).as("not evaluated: refused, whatever the alias").isEqualTo(2);
        assertThat(promoted.err()).contains("evaluation");
        String canary = fixture.ready("ac-up", DeployGuardAgainstRealServerTest.artifacts("ac-up v3"));
        fixture.promote("ac-up", canary, 10);
        CliRun full = run(approverEnv, "promote", "ac-up@canary", "--approver", fixture.approverName);
        assertThat(full.out()).containsPattern("3\\s+production\\s+" + canary + "\\s+100");
    }

    @Test
    void readinessPrintsEveryGateAndExitsOneUntilAllAreMet() {
        String candidate = register("ac-ready");

        CliRun notReady = CliRun.run(registrantEnv, "readiness", candidate);
        assertThat(notReady.exitCode()).isEqualTo(1);
        assertThat(notReady.out()).containsPattern("RULE\\s+MET\\s+DETAIL")
                .containsPattern("approver_in_acl\\s+UNMET").containsPattern("accountable\\s+met")
                .contains(candidate + ": not ready, 4 of 8 gates unmet for " + fixture.registrantName);

        String ready = fixture.ready("ac-ready", DeployGuardAgainstRealServerTest.artifacts("ac-ready v2"));
        CliRun allMet = CliRun.run(approverEnv, "readiness", "ac-ready@latest");
        assertThat(allMet.exitCode()).as(allMet.out() + allMet.err()).isZero();
        assertThat(allMet.out()).contains(ready + ": ready for promotion by " + fixture.approverName);
        CliRun json = CliRun.run(approverEnv, "readiness", ready, "--approver", "someone-else", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).contains("\"approver_is_caller\"").contains("\"ready\" : false");
    }

    @Test
    void deploymentAtAMomentAndEveryDeploymentAtAMoment() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String v1 = fixture.ready("ac-tt", DeployGuardAgainstRealServerTest.artifacts("ac-tt v1"));
        fixture.promote("ac-tt", v1, 100);
        String v2 = fixture.ready("ac-tt", DeployGuardAgainstRealServerTest.artifacts("ac-tt v2"));
        fixture.promote("ac-tt", v2, 20);
        Instant canaryRunning = Instant.now().truncatedTo(ChronoUnit.MICROS);
        fixture.approver.rollback("ac-tt", "canary errors");

        CliRun nothing = run(registrantEnv, "deployment", "ac-tt", "--at", before.toString());
        assertThat(nothing.out()).contains("nothing was deployed at");
        CliRun split = run(registrantEnv, "deployment", "ac-tt", "--at", canaryRunning.toString());
        assertThat(split.out()).containsPattern("2\\s+production\\s+" + v1 + "\\s+80")
                .containsPattern("2\\s+canary\\s+" + v2 + "\\s+20").contains("in force at ");
        CliRun book = run(registrantEnv, "deployments", "--at", canaryRunning.toString());
        assertThat(book.out()).containsPattern("MODEL\\s+REVISION\\s+ROLE\\s+MODEL_ID\\s+PCT\\s+SINCE")
                .containsPattern("ac-tt\\s+2\\s+canary\\s+" + v2 + "\\s+20");
        CliRun now = run(registrantEnv, "deployments", "--json");
        assertThat(now.out()).contains("\"model\" : \"ac-tt\"").contains("\"revision\" : 3");

        assertThat(CliRun.run(registrantEnv, "deployment", "ac-tt", "--at", "yesterday").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(registrantEnv, "deployment", "ac-tt", "--at", before.toString(), "--watch").exitCode())
                .isEqualTo(2);
        CliRun future = CliRun.run(registrantEnv, "deployments", "--at", Instant.now().plus(1, ChronoUnit.DAYS)
                .toString());
        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.err()).contains("future");
    }

    private static CliRun run(Map<String, String> env, String... args) {
        CliRun run = CliRun.run(env, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    /** A new candidate with no artifact, registered by the fixture's registrant; its model_id. */
    private static String register(String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code_commit", Long.toHexString(System.nanoTime()) + "0000000")
                .put("feature_graph_hash", "8b2e9f01").put("owner", fixture.team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        JsonNode version = fixture.registrant.registerVersion(model, body).version();
        return version.get("model_id").asText();
    }
}

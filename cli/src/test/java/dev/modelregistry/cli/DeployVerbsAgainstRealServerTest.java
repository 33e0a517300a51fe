package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code promote}, {@code rollback}, {@code deployment} (and its watch) and {@code keys} against a real server. */
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
}

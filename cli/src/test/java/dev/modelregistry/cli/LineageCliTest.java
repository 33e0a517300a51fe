package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lineage fill|signal} and {@code graph} against a real server: the trace a compliance officer reads. */
class LineageCliTest {
    private static final String ADMIN = "lineage-cli-admin-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RegistryServer server;
    private static PromotionFixture fixture;
    private static Map<String, String> env;
    private static Path scratch;

    @BeforeAll
    static void startServer() throws Exception {
        scratch = Files.createTempDirectory("modelreg-lineage-cli");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(scratch.resolve("server")).withPort(0)
                .withBootstrapAdminToken(ADMIN));
        String url = "http://127.0.0.1:" + server.port();
        fixture = new PromotionFixture(URI.create(url), ADMIN, "lc");
        try (RegistryClient admin = new RegistryClient(URI.create(url), ADMIN)) {
            admin.access().grantRole("lc-quant", "lineage-writer");
        }
        env = Map.of("MODELREG_URL", url, "MODELREG_TOKEN", fixture.registrantToken);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
        server.close();
    }

    @Test
    void lineageFillTracesTheTradeFromFillToTheDeploymentAtEmission() throws Exception {
        String version = fixture.ready("lc-xsmom", DeployGuardAgainstRealServerTest.artifacts("lc v1"));
        fixture.promote("lc-xsmom", version, 100);
        Instant emitted = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ingest("signals", "{\"signal_id\":\"lc-sig-1\",\"model_id\":\"" + version + "\",\"emitted_at\":\"" + emitted
                + "\",\"side\":\"buy\"}");
        ingest("fills", "{\"fill_id\":\"lc-fill-1\",\"signal_id\":\"lc-sig-1\",\"executed_at\":\""
                + emitted.plusSeconds(2) + "\",\"px\":101.25}");
        JsonNode registered = fixture.registrant.version("lc-xsmom", version);

        CliRun trace = CliRun.run(env, "lineage", "fill", "lc-fill-1");

        assertThat(trace.exitCode()).as(trace.err()).isZero();
        String out = trace.out();
        assertThat(out).startsWith("fill lc-fill-1\n")
                .contains("  signal lc-sig-1\n")
                .contains("    version " + version + " (production)\n")
                .containsPattern("commit\\s+" + registered.get("code_commit").asText())
                .containsPattern("feature graph\\s+8b2e9f01")
                .containsPattern("data window\\s+2018-01-01 \\.\\. 2026-04-30")
                .containsPattern("owner\\s+" + fixture.team)
                .containsPattern("evaluation\\s+rep-" + version + ": rank_ic, pass, by lc-bench")
                .containsPattern("metrics\\s+\\{\"rank_ic\":0.07}")
                .containsPattern("deployment at emission\\s+revision 1 since .*: this version was production")
                .containsPattern("production\\s+" + version + " 100%")
                .containsPattern("fields\\s+px=101.25");
        assertThat(out).doesNotContain("\r");
        List<String> order = List.of("fill ", "signal ", "version ", "commit", "evaluation", "training distribution",
                "deployment at emission", "children");
        for (int i = 1; i < order.size(); i++) {
            assertThat(out.indexOf(order.get(i))).as(order.get(i) + " after " + order.get(i - 1))
                    .isGreaterThan(out.indexOf(order.get(i - 1)));
        }

        CliRun json = CliRun.run(env, "lineage", "fill", "lc-fill-1", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(JSON.readTree(json.out()).get("version").get("model_id").asText()).isEqualTo(version);
    }

    @Test
    void aFillBeforeItsSignalSaysSoAndAnUnknownFillIsRefused() throws Exception {
        ingest("fills", "{\"fill_id\":\"lc-fill-early\",\"signal_id\":\"lc-sig-later\",\"executed_at\":\"2026-05-15T10:00:00Z\"}");

        CliRun early = CliRun.run(env, "lineage", "fill", "lc-fill-early");
        assertThat(early.exitCode()).as(early.err()).isZero();
        assertThat(early.out()).contains("signal lc-sig-later: not arrived yet");

        CliRun unknown = CliRun.run(env, "lineage", "signal", "lc-no-such-signal");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("does not exist");
    }

    @Test
    void anEnsembleTraceShowsItsChildrenAsATreeAndGraphWalksBothWays() throws Exception {
        String leafA = register("lc-leaf-a", List.of());
        String leafB = register("lc-leaf-b", List.of());
        String middle = register("lc-middle", List.of(leafA, leafB));
        String top = register("lc-top", List.of(middle));
        ingest("signals", "{\"signal_id\":\"lc-sig-ens\",\"model_id\":\"" + top + "\",\"emitted_at\":\"2026-05-15T10:00:00Z\"}");

        CliRun trace = CliRun.run(env, "lineage", "signal", "lc-sig-ens");

        assertThat(trace.exitCode()).as(trace.err()).isZero();
        assertThat(trace.out()).startsWith("signal lc-sig-ens\n")
                .containsPattern("deployment at emission\\s+none: the model was not deployed")
                .contains("\n    children\n      " + middle + " (candidate)  commit ")
                .contains("\n        " + leafA + " (candidate)  commit ")
                .contains("\n        " + leafB + " (candidate)  commit ")
                .contains("  fills (0)");

        CliRun up = CliRun.run(env, "graph", top);
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).isEqualTo("what " + top + " consumes:\n  " + top + " (candidate)\n    " + middle
                + " (candidate)\n      " + leafA + " (candidate)\n      " + leafB + " (candidate)\n");

        CliRun down = CliRun.run(env, "graph", leafA, "--down", "--depth", "1");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("  " + leafA + " (candidate)\n    " + middle + " (candidate)\n")
                .doesNotContain(top + " (");

        assertThat(CliRun.run(env, "graph", top, "--depth", "33").exitCode()).isEqualTo(2);
    }

    private static String register(String model, List<String> parents) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code_commit", String.format("%07x", Math.abs(model.hashCode()) % 0xfffffff))
                .put("feature_graph_hash", "8b2e9f01").put("owner", fixture.team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        parents.forEach(body.putArray("parents")::add);
        return fixture.registrant.registerVersion(model, body).version().get("model_id").asText();
    }

    private static void ingest(String kind, String... lines) throws Exception {
        Path file = Files.createTempFile(scratch, kind, ".ndjson");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run(env, "ingest", kind, file.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
}

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

import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code modelreg ingest signals|fills FILE} against a real server: the summary, the problem lines, the exit code. */
class IngestCliTest {
    private static final String ADMIN = "ingest-cli-admin-token-0123456789abcdef01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RegistryServer server;
    private static Map<String, String> env;
    private static Path scratch;
    private static String version;

    @BeforeAll
    static void startServer() throws Exception {
        scratch = Files.createTempDirectory("modelreg-ingest-cli");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(scratch.resolve("server")).withPort(0)
                .withBootstrapAdminToken(ADMIN));
        String url = "http://127.0.0.1:" + server.port();
        env = Map.of("MODELREG_URL", url, "MODELREG_TOKEN", ADMIN);
        try (RegistryClient admin = new RegistryClient(URI.create(url), ADMIN)) {
            admin.access().createTeam("ic-desk");
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("code_commit", "a13fce0")
                    .put("feature_graph_hash", "8b2e9f01").put("owner", "ic-desk");
            body.putArray("data_window").add("2018-01-01").add("2026-04-30");
            version = admin.registerVersion("ic-alpha", body).version().get("model_id").asText();
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aMixedFileIsSummarisedWithItsProblemLinesAndExitCodeOne() throws Exception {
        Path file = file("mixed", List.of(
                signal("ic-s1", "\"side\":\"buy\""),
                signal("ic-s2", "\"side\":\"sell\""),
                "{not json",
                "",
                signal("ic-s1", "\"side\":\"buy\""),
                signal("ic-s2", "\"side\":\"buy\""),
                "{\"signal_id\":\"ic-s3\",\"model_id\":\"nobody@2026.01.01-r1\",\"emitted_at\":\"2026-05-15T10:00:00Z\"}"));

        CliRun run = CliRun.run(env, "ingest", "signals", file.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("signals from " + file + ": 6 lines: 2 accepted, 1 duplicate, 1 conflict, "
                + "2 rejected\n");
        assertThat(run.out()).containsPattern("line 3  rejected  -  not valid JSON")
                .containsPattern("line 6  conflict  ic-s2  ic-s2 was already stored with other content")
                .containsPattern("line 7  rejected  ic-s3  unknown model_id nobody@2026.01.01-r1");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aCleanFileExitsZeroAndReSendingItOnlyFindsDuplicates() throws Exception {
        Path file = file("clean", List.of(signal("ic-c1", "\"n\":1"), signal("ic-c2", "\"n\":2")));

        CliRun first = CliRun.run(env, "ingest", "signals", file.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).isEqualTo("signals from " + file + ": 2 lines: 2 accepted, 0 duplicate, 0 conflict, "
                + "0 rejected\n");

        CliRun again = CliRun.run(env, "ingest", "signals", file.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("2 lines: 0 accepted, 2 duplicate");
    }

    @Test
    void aFileLargerThanOneBatchIsNumberedThroughAndJsonPrintsEveryResult() throws Exception {
        int count = 12_345;
        Path file = scratch.resolve("many-fills.ndjson");
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                writer.write(i == 7_000
                        ? "{\"fill_id\":\"ic-f-bad\"}"
                        : "{\"fill_id\":\"ic-f-" + i + "\",\"signal_id\":\"ic-s-" + i
                        + "\",\"executed_at\":\"2026-05-15T10:00:00Z\",\"qty\":" + i + "}");
                writer.write('\n');
            }
        }

        CliRun run = CliRun.run(env, "ingest", "fills", file.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(count);
        List<Long> numbers = new ArrayList<>();
        for (String line : lines) {
            numbers.add(JSON.readTree(line).get("line").asLong());
        }
        assertThat(numbers).isSorted().startsWith(1L).endsWith((long) count).doesNotHaveDuplicates();
        JsonNode bad = JSON.readTree(lines[6_999]);
        assertThat(bad.get("line").asLong()).isEqualTo(7_000);
        assertThat(bad.get("status").asText()).isEqualTo("rejected");
        assertThat(JSON.readTree(lines[count - 1]).get("id").asText()).isEqualTo("ic-f-" + count);
    }

    @Test
    void theProgressBarIsDrawnOnAnInteractiveTerminalAndWipedBeforeTheSummary() throws Exception {
        Path file = file("progress", List.of(signal("ic-p1", "\"n\":1")));

        CliRun run = CliRun.run(new Terminal(true, 100), env, "ingest", "signals", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains(file.getFileName().toString()).contains("\r");
        assertThat(run.out()).contains("1 accepted");
    }

    @Test
    void aServiceIngestsOnlyWhileAnAdminHasGrantedItTheLineageWriterRole() throws Exception {
        assertThat(CliRun.run(env, "principals", "create", "ic-stream", "--kind", "service").exitCode()).isZero();
        String token = JSON.readTree(CliRun.run(env, "tokens", "create", "ic-stream", "--json").out()).get("token").asText();
        Map<String, String> stream = Map.of("MODELREG_URL", env.get("MODELREG_URL"), "MODELREG_TOKEN", token);
        Path file = file("granted", List.of(signal("ic-g1", "\"n\":1")));

        CliRun refused = CliRun.run(stream, "ingest", "signals", file.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("lineage-writer");

        CliRun grant = CliRun.run(env, "principals", "grant", "ic-stream", "lineage-writer");
        assertThat(grant.exitCode()).as(grant.err()).isZero();
        assertThat(grant.out()).contains("ic-stream holds the role lineage-writer");
        assertThat(JSON.readTree(CliRun.run(env, "principals", "show", "ic-stream", "--json").out()).get("roles"))
                .extracting(JsonNode::asText).containsExactly("lineage-writer");
        CliRun accepted = CliRun.run(stream, "ingest", "signals", file.toString());
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("1 accepted");

        assertThat(CliRun.run(env, "principals", "revoke", "ic-stream", "lineage-writer").exitCode()).isZero();
        assertThat(CliRun.run(stream, "ingest", "signals", file.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run(env, "principals", "grant", "ic-stream", "superuser").exitCode()).isEqualTo(2);
    }

    @Test
    void helpShowsTheSignalAndFillLineFormatsWithExamplesTheRegistryAccepts() throws Exception {
        CliRun help = CliRun.run(env, "ingest", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Line formats", "signals: signal_id, model_id", "fills: fill_id, signal_id",
                "RFC 3339", "lineage-writer");
        List<String> examples = help.out().lines().map(String::strip).filter(line -> line.startsWith("{")).toList();
        assertThat(examples).containsExactly(IngestCommand.SIGNAL_EXAMPLE, IngestCommand.FILL_EXAMPLE);

        // As printed, but for this registry's version: each example is a line the registry stores.
        Path signals = file("help-signal", List.of(examples.get(0).replace("xsmom@2026.05.15-r3", version)));
        Path fills = file("help-fill", List.of(examples.get(1)));
        CliRun signal = CliRun.run(env, "ingest", "signals", signals.toString());
        assertThat(signal.exitCode()).as(signal.out()).isZero();
        assertThat(signal.out()).contains("1 lines: 1 accepted");
        CliRun fill = CliRun.run(env, "ingest", "fills", fills.toString());
        assertThat(fill.exitCode()).as(fill.out()).isZero();
        assertThat(fill.out()).contains("1 lines: 1 accepted");
    }

    @Test
    void aWrongKindIsAUsageErrorAndAMissingFileALocalFileError() {
        assertThat(CliRun.run(env, "ingest", "trades", scratch.toString()).exitCode()).isEqualTo(2);
        CliRun missing = CliRun.run(env, "ingest", "fills", scratch.resolve("absent.ndjson").toString());
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("cannot read");
        assertThat(CliRun.run(env, "ingest", "fills", scratch.toString()).err())
                .contains("not a readable regular file");
    }

    private static String signal(String id, String extra) {
        return "{\"signal_id\":\"" + id + "\",\"model_id\":\"" + version
                + "\",\"emitted_at\":\"2026-05-15T10:00:00Z\"," + extra + "}";
    }

    private static Path file(String name, List<String> lines) throws Exception {
        Path file = scratch.resolve(name + ".ndjson");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}

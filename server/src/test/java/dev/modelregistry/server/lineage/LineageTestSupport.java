package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry on a clock the test moves, with a team, an approver and an evaluator (a {@link DeployFixture}), and
 * helpers to register versions, ingest signals and fills, and read the lineage answers.
 */
final class LineageTestSupport implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AtomicInteger COMMITS = new AtomicInteger(0x5000000);

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-15T08:00:00Z"));
    final TestRegistry registry;
    final DeployFixture fixture;

    private LineageTestSupport(Backend backend, String prefix) {
        this.registry = backend.start(TestRegistry.config().withClock(clock));
        this.fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, prefix);
    }

    static LineageTestSupport sqlite(String prefix) {
        return new LineageTestSupport(Backend.SQLITE, prefix);
    }

    static LineageTestSupport postgres(String prefix) {
        return new LineageTestSupport(Backend.POSTGRES, prefix);
    }

    /** A name (model, event id) no other test of this JVM uses. */
    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** A registration body with a fresh commit, the fixture's team as owner, and the given extra fields. */
    ObjectNode registration(Map<String, Object> extra) {
        ObjectNode body = JSON.createObjectNode().put("code_commit", String.format("%07x", COMMITS.incrementAndGet()))
                .put("feature_graph_hash", "8b2e9f01c0ffee").put("owner", fixture.team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        extra.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
        return body;
    }

    /** Registers a candidate version of {@code model}; answers the Version JSON. */
    JsonNode register(String model, ObjectNode body) {
        return fixture.call("POST", "/models/" + model + "/versions", fixture.registrantToken, body.toString(), 201);
    }

    /** Registers, uploads weights, seals and submits a passing report {@code reportId}: ready for promotion. */
    JsonNode registerReady(String model, ObjectNode body, String reportId) {
        JsonNode version = register(model, body);
        String id = version.get("model_id").asText();
        fixture.upload(model, id, "weights.bin", ("weights of " + id).getBytes(StandardCharsets.UTF_8));
        fixture.seal(model, id);
        fixture.report(id, version.get("lineage_hash").asText(), "pass", reportId);
        return version;
    }

    static String signal(String signalId, String modelId, Instant emittedAt) {
        return "{\"signal_id\":\"" + signalId + "\",\"model_id\":\"" + modelId + "\",\"emitted_at\":\"" + emittedAt
                + "\",\"side\":\"buy\",\"qty\":100}";
    }

    static String fill(String fillId, String signalId, Instant executedAt) {
        return "{\"fill_id\":\"" + fillId + "\",\"signal_id\":\"" + signalId + "\",\"executed_at\":\"" + executedAt
                + "\",\"px\":101.25}";
    }

    /** Posts NDJSON lines to {@code /lineage/signals} or {@code /lineage/fills} and checks every one was accepted. */
    void ingest(String kind, String... lines) {
        HttpRequest request = registry.request("/lineage/" + kind, TestRegistry.ADMIN_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build();
        TestRegistry.Response response = TestRegistry.expect(200, registry.send(request));
        List<JsonNode> results = new ArrayList<>();
        for (String line : response.text().split("\n")) {
            if (!line.isBlank()) {
                results.add(read(line));
            }
        }
        assertThat(results).as(response.text()).hasSize(lines.length)
                .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));
    }

    JsonNode get(String path) {
        return TestRegistry.expect(200, registry.get(path, fixture.registrantToken)).body();
    }

    TestRegistry.Response getRaw(String path) {
        return registry.get(path, fixture.registrantToken);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}

package dev.modelregistry.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator files in {@code ops/} stay true: the alert rules and the Grafana dashboard parse, and every metric
 * they query is one a real server exposes on {@code /metrics} once it has done a little of everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsFilesTest {
    private static final Path OPS = Path.of("..", "ops");
    /** Metric names as PromQL writes them: ours, the HTTP timer's, the JVM's and the process's. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(modelreg_[a-z_]+|http_server_requests_seconds_[a-z]+|jvm_[a-z_]+|process_[a-z_]+)\\b");

    private TestRegistry registry;
    private String scrape;

    @BeforeAll
    void exerciseAServerAndScrapeIt() {
        registry = TestRegistry.sqlite();
        DeployFixture fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "ops");
        fixture.promote("ops-model", fixture.ready("ops-model"), 100);
        fixture.call("GET", "/models/ops-model", "not-a-token", null, 401);
        fixture.raw(admin("/lineage/fills").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fill_id\":\"ops-f1\",\"signal_id\":\"s\","
                        + "\"executed_at\":\"2026-01-01T00:00:00Z\",\"qty\":1}\n")).build());
        // Micrometer registers the GC pause timer at the first collection it is told of: in a fresh test JVM that
        // runs this class first there may have been none yet, and the dashboard's GC panel would look unexposed.
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            scrape = fixture.raw(admin("/metrics").GET().build()).body();
        } while (!scrape.contains("jvm_gc_pause_seconds") && System.nanoTime() < deadline);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void everyAlertRuleIsComplete() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OPS.resolve("prometheus/alerts.yml").toFile())
                .path("groups").path(0).path("rules");
        assertThat(rules.size()).isPositive();
        for (JsonNode rule : rules) {
            assertThat(rule.path("alert").asText()).as("alert name").isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText())
                    .isIn("page", "ticket", "info");
            assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
        }
        assertThat(missingFromScrape(exprs(rules, "expr"))).as("metrics the alert rules query").isEmpty();
    }

    @Test
    void everyDashboardPanelQueriesExposedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana/model-registry.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(v -> queries.add(v.path("definition").asText()));

        assertThat(dashboard.path("panels").size()).isPositive();
        assertThat(missingFromScrape(queries)).as("metrics the dashboard queries").isEmpty();
    }

    @Test
    void theSystemdUnitStartsTheServerWithItsOwnDataDirectory() throws IOException {
        String unit = Files.readString(OPS.resolve("systemd/modelreg.service"));
        assertThat(unit).contains("ExecStart=/opt/modelreg/bin/modelreg serve", "Environment=MODELREG_DATA_DIR=",
                "ReadWritePaths=/var/lib/modelreg", "[Install]");
    }

    private static List<String> exprs(JsonNode rules, String field) {
        List<String> exprs = new ArrayList<>();
        rules.forEach(rule -> exprs.add(rule.path(field).asText()));
        return exprs;
    }

    /** The metric names the queries use that the scrape does not carry. */
    private Set<String> missingFromScrape(List<String> queries) {
        Set<String> missing = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(metric.group(1)) + "[{ ]").matcher(scrape).find()) {
                    missing.add(metric.group(1));
                }
            }
        }
        return missing;
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(registry.baseUri().resolve(path))
                .header("Authorization", "Bearer " + TestRegistry.ADMIN_TOKEN);
    }
}

package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentQueriesTest {
    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.uri(), "t", Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void readinessTakesAnAliasAndTheApproverOnlyWhenGiven() {
        registry.on("GET", "/models/xsmom/versions/xsmom@canary/promotion-readiness", 200, JSON,
                "{\"model_id\":\"xsmom@2026.05.15-r3\",\"ready\":true,\"checks\":[]}");
        registry.on("GET", "/models/xsmom/versions/xsmom@latest/promotion-readiness?approver=bob", 200, JSON,
                "{\"model_id\":\"xsmom@2026.05.16-r1\",\"ready\":false,\"checks\":[]}");

        JsonNode canary = client.deployments().readiness("xsmom", "xsmom@canary", null);
        JsonNode latest = client.deployments().readiness("xsmom", "xsmom@latest", "bob");

        assertThat(canary.get("model_id").asText()).isEqualTo("xsmom@2026.05.15-r3");
        assertThat(latest.get("ready").asBoolean()).isFalse();
    }

    @Test
    void theDeploymentAtAMomentSendsItInRfc3339() {
        registry.on("GET", "/models/xsmom/deployment?at=2026-05-15T14%3A30%3A00Z", 200, JSON,
                "{\"model\":\"xsmom\",\"revision\":3,\"entries\":[]}");

        JsonNode past = client.deployments().at("xsmom", Instant.parse("2026-05-15T14:30:00Z"));

        assertThat(past.get("revision").asLong()).isEqualTo(3);
    }

    @Test
    void everyModelIsWalkedPageByPageAtTheMomentTheFirstPageAnswered() {
        registry.on("GET", "/deployments", 200, JSON, "{\"items\":[{\"model\":\"a\"}],\"next\":\"a\","
                + "\"at\":\"2026-05-15T14:30:00.123456Z\"}");
        registry.on("GET", "/deployments?at=2026-05-15T14%3A30%3A00.123456Z&after=a", 200, JSON,
                "{\"items\":[{\"model\":\"b\"}],\"next\":null,\"at\":\"2026-05-15T14:30:00.123456Z\"}");

        List<String> models = client.deployments().allAt(null).map(d -> d.get("model").asText()).toList();

        assertThat(models).containsExactly("a", "b");
    }

    @Test
    void onePageNamesTheMomentTheCursorAndTheSize() {
        registry.on("GET", "/deployments?at=2026-01-01T00%3A00%3A00Z&after=m&limit=5", 200, JSON,
                "{\"items\":[],\"next\":null,\"at\":\"2026-01-01T00:00:00Z\"}");

        Page page = client.deployments().everyModelAt(Instant.parse("2026-01-01T00:00:00Z"), "m", 5);

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isNull();
    }
}

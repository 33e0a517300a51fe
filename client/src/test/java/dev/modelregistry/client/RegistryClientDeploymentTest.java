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

class RegistryClientDeploymentTest {
    private static final String DEPLOYMENT = "{\"model\":\"xsmom\",\"revision\":5,\"production\":null,\"canary\":null}";

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
    void aLongPollSendsWaitAndAfterRevisionAndMayOutlastTheOrdinaryTimeout() {
        registry.onExchange("GET", "/models/xsmom/deployment?wait=3000ms&after_revision=4", exchange -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = DEPLOYMENT.getBytes();
            exchange.getResponseHeaders().add("Content-Type", JSON);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        JsonNode deployment = client.awaitDeployment("xsmom", 4, Duration.ofSeconds(3));

        assertThat(deployment.get("revision").asLong()).isEqualTo(5);
    }

    @Test
    void promoteNamesTheApproverAndTheCanaryShare() {
        registry.on("POST", "/models/xsmom/versions/xsmom@2026.05.15-r3:promote", 200, JSON, DEPLOYMENT);

        client.promote("xsmom", "xsmom@2026.05.15-r3", "alice", 10);

        assertThat(registry.only().body()).isEqualTo("{\"approver\":\"alice\",\"canary_pct\":10}");
    }

    @Test
    void rollbackSendsTheReason() {
        registry.on("POST", "/models/xsmom/deployment:rollback", 200, JSON, DEPLOYMENT);

        client.rollback("xsmom", "drawdown");

        assertThat(registry.only().body()).isEqualTo("{\"reason\":\"drawdown\"}");
    }

    @Test
    void historyAndKeysUseTheirRoutes() {
        registry.on("GET", "/models/xsmom/deployment/history?after=2&limit=1", 200, JSON,
                "{\"items\":[{\"revision\":3}],\"next\":\"3\"}");
        registry.on("GET", "/keys", 200, JSON, "{\"keys\":[]}");
        registry.on("POST", "/keys:rotate", 200, JSON, "{\"keys\":[]}");

        Page history = client.deploymentHistory("xsmom", "2", 1);
        client.keys();
        client.rotateKeys();

        assertThat(history.items()).hasSize(1);
        assertThat(history.next()).isEqualTo("3");
        assertThat(registry.received()).extracting(FakeRegistry.Received::method).containsExactly("GET", "GET", "POST");
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

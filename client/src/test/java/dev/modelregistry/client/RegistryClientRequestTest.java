package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryClientRequestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VERSION = """
            {"model_id": "xsmom@2026.05.15-r3", "model": "xsmom", "status": "candidate", "ready_at": null,
             "lineage_hash": "ab12"}""";

    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.uri(), "mr_secret-token");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void registeringANewLineageReportsCreatedAndPostsTheBodyAsJsonWithTheBearerToken() throws Exception {
        registry.on("POST", "/models/xsmom/versions", 201, JSON, VERSION);
        ObjectNode body = registrationBody();

        Registration registration = client.registerVersion("xsmom", body);

        assertThat(registration.created()).isTrue();
        assertThat(registration.modelId()).isEqualTo("xsmom@2026.05.15-r3");
        assertThat(registration.lineageHash()).isEqualTo("ab12");
        FakeRegistry.Received request = registry.only();
        assertThat(request.header("Authorization")).isEqualTo("Bearer mr_secret-token");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(MAPPER.readTree(request.body())).isEqualTo(body);
        assertThat(request.header("Idempotency-Key")).isNull();
    }

    @Test
    void registeringAnExistingLineageReportsTheExistingVersion() {
        registry.on("POST", "/models/xsmom/versions", 200, JSON, VERSION);

        Registration registration = client.registerVersion("xsmom", registrationBody());

        assertThat(registration.created()).isFalse();
        assertThat(registration.modelId()).isEqualTo("xsmom@2026.05.15-r3");
    }

    @Test
    void idempotencyKeyIsSentWhenGiven() {
        registry.on("POST", "/models/xsmom/versions", 201, JSON, VERSION);
        registry.on("POST", "/teams", 201, JSON, "{\"name\": \"quant\", \"members\": []}");

        client.registerVersion("xsmom", registrationBody(), "retry-7f3a");
        client.access().createTeam("quant", "team-key-1");

        assertThat(registry.received()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("retry-7f3a", "team-key-1");
    }

    @Test
    void principalCreationSendsNameKindAndAdmin() throws Exception {
        registry.on("POST", "/principals", 201, JSON, "{\"name\": \"ci\", \"kind\": \"service\", \"admin\": false}");

        JsonNode principal = client.access().createPrincipal("ci", "service", false);

        assertThat(principal.get("kind").asText()).isEqualTo("service");
        assertThat(MAPPER.readTree(registry.only().body()))
                .isEqualTo(MAPPER.readTree("{\"name\": \"ci\", \"kind\": \"service\", \"admin\": false}"));
    }

    @Test
    void tokenCreationPostsAnEmptyObjectAndReturnsTheOneTimeToken() {
        registry.on("POST", "/principals/alice/tokens", 201, JSON,
                "{\"id\": \"tok_1\", \"token\": \"mr_new\", \"principal\": \"alice\"}");

        JsonNode issued = client.access().createToken("alice");

        assertThat(issued.get("token").asText()).isEqualTo("mr_new");
        assertThat(registry.only().body()).isEqualTo("{}");
    }

    @Test
    void membershipAndAclChangesUsePutAndDeleteWithoutABody() {
        registry.on("PUT", "/teams/quant/members/alice", 204, null, null);
        registry.on("DELETE", "/teams/quant/members/alice", 204, null, null);
        registry.on("PUT", "/acl/approvers/bob", 204, null, null);
        registry.on("DELETE", "/tokens/tok_9", 204, null, null);

        client.access().addTeamMember("quant", "alice");
        client.access().removeTeamMember("quant", "alice");
        client.access().addApprover("bob");
        client.access().revokeToken("tok_9");

        assertThat(registry.received()).extracting(r -> r.method() + " " + r.rawPath()).containsExactly(
                "PUT /teams/quant/members/alice", "DELETE /teams/quant/members/alice",
                "PUT /acl/approvers/bob", "DELETE /tokens/tok_9");
        assertThat(registry.received()).extracting(FakeRegistry.Received::body).containsOnly("");
    }

    @Test
    void evaluatorKeyIsPostedWithKeyidAndPem() throws Exception {
        registry.on("POST", "/evaluators/alpha-bench/keys", 201, JSON,
                "{\"evaluator\": \"alpha-bench\", \"keyid\": \"k1\", \"revoked_at\": null}");

        client.access().addEvaluatorKey("alpha-bench", "k1",
                "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n");

        JsonNode sent = MAPPER.readTree(registry.only().body());
        assertThat(sent.get("keyid").asText()).isEqualTo("k1");
        assertThat(sent.get("public_key_pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void modelIdsKeepTheirAtSignAndOtherCharactersArePercentEncoded() {
        registry.on("GET", "/models/xsmom/versions/xsmom@2026.05.15-r3", 200, JSON, VERSION);
        registry.on("DELETE", "/evaluators/alpha/keys/key%2F1%20x%3Arevoke", 204, null, null);

        JsonNode version = client.version("xsmom", "xsmom@2026.05.15-r3");
        client.access().revokeEvaluatorKey("alpha", "key/1 x:revoke");

        assertThat(version.get("status").asText()).isEqualTo("candidate");
        assertThat(registry.received()).extracting(FakeRegistry.Received::rawPath).containsExactly(
                "/models/xsmom/versions/xsmom@2026.05.15-r3", "/evaluators/alpha/keys/key%2F1%20x%3Arevoke");
    }

    @Test
    void dotSegmentsAreRefusedBeforeAnyRequestIsSent() {
        assertThatThrownBy(() -> client.model("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.access().team("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void publicRoutesWorkWithoutATokenAndSendNoAuthorizationHeader() {
        registry.on("GET", "/healthz", 200, JSON, "{\"status\": \"ok\"}");
        try (RegistryClient anonymous = new RegistryClient(registry.uri(), null)) {
            assertThat(anonymous.health().get("status").asText()).isEqualTo("ok");
        }
        assertThat(registry.only().header("Authorization")).isNull();
    }

    @Test
    void aBaseUrlWithAPathPrefixKeepsThePrefix() {
        registry.on("GET", "/registry/models/xsmom", 200, JSON, "{\"name\": \"xsmom\"}");
        try (RegistryClient prefixed = new RegistryClient(URI.create(registry.uri() + "/registry/"), "t")) {
            assertThat(prefixed.model("xsmom").get("name").asText()).isEqualTo("xsmom");
        }
    }

    @Test
    void theTokenNeverAppearsInToString() {
        assertThat(client.toString()).doesNotContain("mr_secret-token").contains(registry.uri().toString());
    }

    @Test
    void aTokenWithControlCharactersIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new RegistryClient(registry.uri(), "mr_abc\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("mr_abc");
    }

    private static ObjectNode registrationBody() {
        ObjectNode body = MAPPER.createObjectNode()
                .put("code_commit", "a13fce0")
                .put("feature_graph_hash", "8b2e001")
                .put("owner", "team-mfe");
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        return body;
    }
}

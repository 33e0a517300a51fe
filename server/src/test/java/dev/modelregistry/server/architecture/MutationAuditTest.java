package dev.modelregistry.server.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC: 100% of mutations are audited. Every mutating route of the route table has one scenario here that prepares
 * what the route needs, sends one successful request, and proves that this request (not its preparation) appended
 * the audit entry it should. A route added to the table without a scenario fails {@link #everyMutatingRouteHasAScenario}.
 */
class MutationAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static final String ADMIN = TestRegistry.ADMIN_TOKEN;

    private static TestRegistry registry;
    private static DeployFixture fixture;
    private static String lineageWriterToken;

    /** What a mutating route must audit, and how to prepare one successful call of it. */
    record Mutation(String action, Supplier<Supplier<HttpResponse<String>>> prepare) {
    }

    private static final Map<String, Mutation> MUTATIONS = Map.ofEntries(
            entry("POST /principals", new Mutation("principal.created",
                    () -> () -> call("POST", "/principals", ADMIN, principalBody(unique("p"))))),
            entry("POST /principals/{name}/tokens", new Mutation("token.created", () -> {
                String name = principal();
                return () -> call("POST", "/principals/" + name + "/tokens", ADMIN, "{}");
            })),
            entry("DELETE /tokens/{id}", new Mutation("token.revoked", () -> {
                String id = json(call("POST", "/principals/" + principal() + "/tokens", ADMIN, "{}")).get("id").asText();
                return () -> call("DELETE", "/tokens/" + id, ADMIN, null);
            })),
            entry("PUT /principals/{name}/roles/{role}", new Mutation("principal.role_granted", () -> {
                String name = principal();
                return () -> call("PUT", "/principals/" + name + "/roles/lineage-writer", ADMIN, null);
            })),
            entry("DELETE /principals/{name}/roles/{role}", new Mutation("principal.role_revoked", () -> {
                String name = principal();
                call("PUT", "/principals/" + name + "/roles/lineage-writer", ADMIN, null);
                return () -> call("DELETE", "/principals/" + name + "/roles/lineage-writer", ADMIN, null);
            })),
            entry("POST /teams", new Mutation("team.created",
                    () -> () -> call("POST", "/teams", ADMIN, "{\"name\":\"" + unique("t") + "\"}"))),
            entry("PUT /teams/{team}/members/{principal}", new Mutation("team.member_added", () -> {
                String team = team();
                String member = principal();
                return () -> call("PUT", "/teams/" + team + "/members/" + member, ADMIN, null);
            })),
            entry("DELETE /teams/{team}/members/{principal}", new Mutation("team.member_removed", () -> {
                String team = team();
                String member = principal();
                call("PUT", "/teams/" + team + "/members/" + member, ADMIN, null);
                return () -> call("DELETE", "/teams/" + team + "/members/" + member, ADMIN, null);
            })),
            entry("PUT /acl/approvers/{principal}", new Mutation("acl.approver_added", () -> {
                String approver = principal();
                return () -> call("PUT", "/acl/approvers/" + approver, ADMIN, null);
            })),
            entry("DELETE /acl/approvers/{principal}", new Mutation("acl.approver_removed", () -> {
                String approver = principal();
                call("PUT", "/acl/approvers/" + approver, ADMIN, null);
                return () -> call("DELETE", "/acl/approvers/" + approver, ADMIN, null);
            })),
            entry("POST /evaluators", new Mutation("evaluator.created",
                    () -> () -> call("POST", "/evaluators", ADMIN, "{\"name\":\"" + unique("e") + "\"}"))),
            entry("POST /evaluators/{name}/keys", new Mutation("evaluator.key_added", () -> {
                String evaluator = evaluator();
                return () -> call("POST", "/evaluators/" + evaluator + "/keys", ADMIN, keyBody("k1"));
            })),
            entry("DELETE /evaluators/{name}/keys/{keyid}", new Mutation("evaluator.key_revoked", () -> {
                String evaluator = evaluator();
                call("POST", "/evaluators/" + evaluator + "/keys", ADMIN, keyBody("k1"));
                return () -> call("DELETE", "/evaluators/" + evaluator + "/keys/k1", ADMIN, null);
            })),
            entry("POST /evaluations", new Mutation("evaluation.recorded", () -> {
                JsonNode version = fixture.candidate(unique("m"));
                String id = version.get("model_id").asText();
                String envelope = fixture.envelope(id, version.get("lineage_hash").asText(), "pass", "rep-" + id).toString();
                return () -> call("POST", "/evaluations", fixture.registrantToken, envelope);
            })),
            entry("POST /models", new Mutation("model.created", () -> () -> call("POST", "/models",
                    fixture.registrantToken, "{\"name\":\"" + unique("m") + "\",\"owner\":\"" + fixture.team + "\"}"))),
            entry("POST /models/{name}/versions", new Mutation("version.registered", () -> {
                String model = unique("m");
                fixture.candidate(model);
                return () -> call("POST", "/models/" + model + "/versions", fixture.registrantToken, registrationBody());
            })),
            entry("POST /models/{name}:reassign", new Mutation("model.reassigned", () -> {
                String model = unique("m");
                fixture.candidate(model);
                String heirs = team();
                call("PUT", "/teams/" + heirs + "/members/" + principal(), ADMIN, null);
                return () -> call("POST", "/models/" + model + ":reassign", ADMIN, "{\"owner\":\"" + heirs + "\"}");
            })),
            entry("PATCH /models/{name}", new Mutation("model.policy_changed", () -> {
                String model = unique("m");
                fixture.candidate(model);
                return () -> call("PATCH", "/models/" + model, ADMIN, "{\"deprecation_policy\":{\"warn_after\":\"P1D\","
                        + "\"expire_after\":\"P2D\",\"orphan_after\":\"P3D\"}}");
            })),
            entry("PUT /models/{name}/versions/{model_id}/artifacts/{path}", new Mutation("artifact.uploaded", () -> {
                String model = unique("m");
                String id = fixture.candidate(model).get("model_id").asText();
                return () -> fixture.raw(HttpRequest.newBuilder(registry.baseUri()
                                .resolve("/models/" + model + "/versions/" + id + "/artifacts/config/extra.json"))
                        .header("Authorization", "Bearer " + fixture.registrantToken)
                        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
            })),
            entry("POST /models/{name}/versions/{model_id}:seal", new Mutation("version.sealed", () -> {
                String model = unique("m");
                String id = fixture.candidate(model).get("model_id").asText();
                return () -> call("POST", "/models/" + model + "/versions/" + id + ":seal", fixture.registrantToken, "{}");
            })),
            entry("POST /keys:rotate", new Mutation("registry_key.rotated", () -> () -> call("POST", "/keys:rotate", ADMIN, "{}"))),
            entry("POST /models/{name}/versions/{model_id}:promote", new Mutation("deployment.promoted", () -> {
                String model = unique("m");
                String id = fixture.ready(model);
                return () -> fixture.promote(registry.baseUri(), model, id, 100);
            })),
            entry("POST /models/{name}/deployment:rollback", new Mutation("deployment.rolled_back", () -> {
                String model = unique("m");
                fixture.promote(model, fixture.ready(model), 100);
                fixture.promote(model, fixture.ready(model), 100);
                return () -> call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                        "{\"reason\":\"drawdown beyond limit\"}");
            })),
            entry("POST /lineage/signals", new Mutation("lineage.ingested", () -> {
                String id = fixture.ready(unique("m"));
                return () -> ingest("signals", signal(unique("sig"), id));
            })),
            entry("POST /lineage/fills", new Mutation("lineage.ingested", () -> {
                String signal = unique("sig");
                ingest("signals", signal(signal, fixture.ready(unique("m"))));
                return () -> ingest("fills", "{\"fill_id\":\"" + unique("fill") + "\",\"signal_id\":\"" + signal
                        + "\",\"executed_at\":\"" + Instant.now() + "\",\"px\":101.25}");
            })),
            entry("POST /webhooks", new Mutation("webhook.created", () -> {
                String model = unique("m");
                fixture.candidate(model);
                return () -> call("POST", "/webhooks", ADMIN, webhookBody(model));
            })),
            entry("DELETE /webhooks/{id}", new Mutation("webhook.deleted", () -> {
                String id = webhook();
                return () -> call("DELETE", "/webhooks/" + id, ADMIN, null);
            })),
            entry("POST /webhooks/{id}:rotate-secret", new Mutation("webhook.secret_rotated", () -> {
                String id = webhook();
                return () -> call("POST", "/webhooks/" + id + ":rotate-secret", ADMIN, "{}");
            })),
            entry("POST /webhooks/{id}:enable", new Mutation("webhook.enabled", () -> {
                String id = webhook();
                // Failing takes 24 hours of failed retries; the scenario only needs the state.
                registry.server().database().withHandle(h -> h.createUpdate(
                        "UPDATE webhook_subscriptions SET state = 'failing' WHERE id = :id").bind("id", id).execute());
                return () -> call("POST", "/webhooks/" + id + ":enable", ADMIN, "{}");
            })),
            entry("POST /webhooks/{id}/deliveries/{delivery_id}:redeliver",
                    new Mutation("webhook.redelivery_requested", () -> {
                        String model = unique("m");
                        String version = fixture.candidate(model).get("model_id").asText();
                        String id = json(call("POST", "/webhooks", ADMIN, webhookBody(model))).get("id").asText();
                        fixture.seal(model, version);
                        String delivery = json(call("GET", "/webhooks/" + id + "/deliveries", ADMIN, null))
                                .get("items").get(0).get("id").asText();
                        return () -> call("POST", "/webhooks/" + id + "/deliveries/" + delivery + ":redeliver", ADMIN,
                                "{}");
                    })));

    @BeforeAll
    static void start() {
        registry = TestRegistry.sqlite();
        fixture = new DeployFixture(registry.baseUri(), ADMIN, "audited");
        lineageWriterToken = registry.principalWithToken("signal-stream", false);
        assertThat(call("PUT", "/principals/signal-stream/roles/lineage-writer", ADMIN, null).statusCode()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void everyMutatingRouteHasAScenario() {
        assertThat(new TreeMap<>(MUTATIONS).keySet()).as("one scenario per mutating route of the route table")
                .containsExactlyElementsOf(mutatingRoutes().map(MutationAuditTest::key).sorted().toList());
    }

    static Stream<Arguments> mutations() {
        return mutatingRoutes().map(route -> Arguments.of(Named.of(key(route), MUTATIONS.get(key(route)))));
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void theMutationAppendsItsAuditEntry(Mutation mutation) {
        assertThat(mutation).as("the route has a scenario").isNotNull();
        Supplier<HttpResponse<String>> request = mutation.prepare().get();
        long before = lastSeq();
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        assertThat(actionsAfter(before)).as("audit entries the request appended").contains(mutation.action());
    }

    private static Stream<Route> mutatingRoutes() {
        return registry.server().routes().stream().filter(Route::mutating);
    }

    private static String key(Route route) {
        return route.method().name() + " " + route.openApiPath();
    }

    private static long lastSeq() {
        return registry.server().database().withHandle(h ->
                h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log").mapTo(Long.class).one());
    }

    private static List<String> actionsAfter(long seq) {
        return registry.server().database().withHandle(h ->
                h.createQuery("SELECT action FROM audit_log WHERE seq > :seq ORDER BY seq").bind("seq", seq)
                        .mapTo(String.class).list());
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return fixture.raw(request.build());
    }

    /** Sends one line as the signal-stream service, a principal an admin granted the lineage-writer role. */
    private static HttpResponse<String> ingest(String kind, String line) {
        return fixture.raw(HttpRequest.newBuilder(registry.baseUri().resolve("/lineage/" + kind))
                .header("Authorization", "Bearer " + lineageWriterToken).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n", StandardCharsets.UTF_8)).build());
    }

    private static String signal(String signalId, String modelId) {
        return "{\"signal_id\":\"" + signalId + "\",\"model_id\":\"" + modelId + "\",\"emitted_at\":\"" + Instant.now()
                + "\",\"side\":\"buy\",\"qty\":100}";
    }

    private static String principal() {
        String name = unique("p");
        assertThat(call("POST", "/principals", ADMIN, principalBody(name)).statusCode()).isEqualTo(201);
        return name;
    }

    private static String team() {
        String name = unique("t");
        assertThat(call("POST", "/teams", ADMIN, "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
        return name;
    }

    private static String evaluator() {
        String name = unique("e");
        assertThat(call("POST", "/evaluators", ADMIN, "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
        return name;
    }

    /** A subscription to one model's events at a public address that is never reached (TEST-NET-1). */
    private static String webhookBody(String model) {
        return "{\"url\":\"http://192.0.2.1/hook\",\"models\":[\"" + model + "\"]}";
    }

    private static String webhook() {
        String model = unique("m");
        fixture.candidate(model);
        return json(call("POST", "/webhooks", ADMIN, webhookBody(model))).get("id").asText();
    }

    private static String principalBody(String name) {
        return "{\"name\":\"" + name + "\",\"kind\":\"user\"}";
    }

    private static String keyBody(String keyid) {
        return JSON.createObjectNode().put("keyid", keyid)
                .put("public_key_pem", Ed25519Pem.toPem(Ed25519Pem.generate().getPublic())).toString();
    }

    private static String registrationBody() {
        return "{\"code_commit\":\"" + String.format("%07x", 0x3000000 + UNIQUE.incrementAndGet())
                + "\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"]}";
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UNIQUE.incrementAndGet();
    }
}

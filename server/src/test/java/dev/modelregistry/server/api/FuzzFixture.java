package dev.modelregistry.server.api;

import dev.modelregistry.server.access.Role;
import dev.modelregistry.server.testing.TestRegistry;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.modelregistry.server.testing.TestRegistry.ADMIN_TOKEN;
import static dev.modelregistry.server.testing.TestRegistry.expect;

/**
 * What the fuzz walk aims at: one of everything a path can name (a principal with a token, a team with a member, a
 * model with a version and an artifact, an evaluator, a signal and a fill, a webhook subscription with a delivery), and
 * the state it compares.
 */
final class FuzzFixture {
    /** Every table; with the audit log's length and head, their row counts are the state a refusal must not change. */
    private static final List<String> TABLES = List.of("principals", "api_tokens", "teams", "team_members", "approvers",
            "evaluators", "evaluator_keys", "evaluation_reports", "models", "model_day_counters", "model_versions",
            "version_parents", "model_health", "artifacts", "registry_keys", "deployments", "deployment_history",
            "signals", "signal_keys", "fills", "fill_keys", "audit_log", "audit_chain_heads", "idempotency_keys",
            "events", "webhook_subscriptions", "webhook_deliveries");

    private final TestRegistry registry;
    private final String user;
    private final String tokenId;
    private final String team;
    private final String memberToken;
    private final String model;
    private final String version;
    private final String evaluator;
    private final String signal;
    private final String fill;
    private final String webhook;
    private final String delivery;

    private FuzzFixture(TestRegistry registry, String prefix) {
        this.registry = registry;
        user = prefix + "-user";
        expect(201, registry.post("/principals", ADMIN_TOKEN, "{\"name\":\"" + user + "\",\"kind\":\"user\",\"admin\":false}"));
        tokenId = expect(201, registry.post("/principals/" + user + "/tokens", ADMIN_TOKEN, "{}")).body().get("id").asText();
        team = prefix + "-team";
        String member = prefix + "-member";
        memberToken = registry.principalWithToken(member, false);
        registry.team(team, member);
        model = prefix + "-model";
        version = expect(201, registry.post("/models/" + model + "/versions", memberToken,
                ApiTestSupport.registration(team).toString())).body().get("model_id").asText();
        expect(201, registry.send(registry.request("/models/" + model + "/versions/" + version + "/artifacts/fz/a.bin",
                memberToken).PUT(HttpRequest.BodyPublishers.ofString("weights")).build()));
        evaluator = prefix + "-bench";
        expect(201, registry.post("/evaluators", ADMIN_TOKEN, "{\"name\":\"" + evaluator + "\"}"));
        signal = prefix + "-signal";
        fill = prefix + "-fill";
        ingest("signals", "{\"signal_id\":\"" + signal + "\",\"model_id\":\"" + version
                + "\",\"emitted_at\":\"2026-01-01T00:00:00Z\"}");
        ingest("fills", "{\"fill_id\":\"" + fill + "\",\"signal_id\":\"" + signal
                + "\",\"executed_at\":\"2026-01-01T00:00:01Z\",\"qty\":1}");
        // A public address no delivery reaches (TEST-NET-1): this registry has no allow-list.
        webhook = expect(201, registry.post("/webhooks", ADMIN_TOKEN, "{\"url\":\"http://192.0.2.1/fz\",\"models\":[\""
                + model + "\"]}")).body().get("id").asText();
        expect(201, registry.send(registry.request("/models/" + model + "/versions/" + version + "/artifacts/fz/b.bin",
                memberToken).PUT(HttpRequest.BodyPublishers.ofString("more")).build()));
        delivery = expect(200, registry.get("/webhooks/" + webhook + "/deliveries", ADMIN_TOKEN)).body().get("items")
                .get(0).get("id").asText();
    }

    static FuzzFixture create(TestRegistry registry) {
        return new FuzzFixture(registry, "fz" + Long.toString(System.nanoTime() % 1_000_000, 36));
    }

    private void ingest(String kind, String line) {
        TestRegistry.Response response = expect(200, registry.send(registry.request("/lineage/" + kind, ADMIN_TOKEN)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)).build()));
        if (!response.text().contains("accepted")) {
            throw new AssertionError("the fixture's " + kind + " line was not accepted: " + response.text());
        }
    }

    /**
     * A valid token for the route: the admin's for admin and lineage-writer routes (the member holds no role, and
     * a refusal for that would hide what the hostile part does), else the admin's or the team member's.
     */
    String authorization(Role role, Random random) {
        if (role == Role.PUBLIC) {
            return null;
        }
        boolean adminOnly = role == Role.ADMIN || role == Role.LINEAGE_WRITER;
        return "Bearer " + (adminOnly || random.nextBoolean() ? ADMIN_TOKEN : memberToken);
    }

    /** The fixture's value for a path parameter of a route. */
    String pathValue(String routePath, String param) {
        return switch (param) {
            case "name" -> routePath.startsWith("/principals") ? user : routePath.startsWith("/evaluators") ? evaluator : model;
            case "team" -> team;
            case "principal" -> user;
            case "id" -> routePath.startsWith("/webhooks") ? webhook : tokenId;
            case "delivery_id" -> delivery;
            case "keyid" -> evaluator + "-key";
            case "model_id" -> version;
            case "path" -> "fz/a.bin";
            case "fill_id" -> fill;
            case "signal_id" -> signal;
            case "role" -> "lineage-writer";
            default -> throw new IllegalArgumentException("no fixture value for {" + param + "} of " + routePath);
        };
    }

    /** NDJSON with a few hostile lines for an ingest route. */
    String hostileEvents(String routePath, Random random) {
        String id = routePath.endsWith("signals") ? "signal_id" : "fill_id";
        String reference = routePath.endsWith("signals") ? "\"model_id\":\"" + version + "\"" : "\"signal_id\":\"" + signal + "\"";
        return String.join("\n", FuzzInputs.nested("[", "]", 70), "{\"" + id + "\":" + FuzzInputs.fieldValue(random)
                + "," + reference + "}", "{\"" + id + "\":\"" + signal + "\",\"emitted_at\":" + FuzzInputs.fieldValue(random)
                + "}", "\u0000", "{" + "\"a\":1,".repeat(10) + "}");
    }

    /** The row count of every table with the audit log's last seq, in one statement. */
    Map<String, Object> state() {
        StringBuilder sql = new StringBuilder("SELECT (SELECT max(seq) FROM audit_log) AS audit_head");
        TABLES.forEach(table -> sql.append(", (SELECT count(*) FROM ").append(table).append(") AS ").append(table));
        return registry.server().database().withHandle(h -> h.createQuery(sql.toString()).mapToMap().one());
    }
}

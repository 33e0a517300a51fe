package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestRegistry;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.provider.Arguments;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plumbing shared by the in-process API tests: one server per test class on the database its subclass names, names
 * unique within it, request helpers that remember every answer, and a guard that fails any test during which the
 * server answered 5xx — hostile input must be a 4xx, never a crash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestSupport {
    static final String ADMIN = TestRegistry.ADMIN_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROBLEM_PREFIX = "urn:model-registry:problem:";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> SERVER_ERRORS = new CopyOnWriteArrayList<>();

    static TestRegistry registry;

    /** The database this suite runs on: each contract suite has one tiny subclass per backend. */
    abstract Backend backend();

    /** The server's configuration; a suite that needs other limits overrides it. */
    ServerConfig config() {
        return TestRegistry.config();
    }

    @BeforeAll
    void startRegistry() {
        registry = backend().start(config());
    }

    @AfterAll
    void stopRegistry() {
        registry.close();
    }

    @AfterEach
    void serverNeverAnsweredWithA5xx() {
        List<String> seen = List.copyOf(SERVER_ERRORS);
        SERVER_ERRORS.clear();
        assertThat(seen).as("responses with status >= 500 during this test").isEmpty();
    }

    // ---- names and bodies ----

    /** A name no other test of this class uses. */
    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    static String randomHex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode nameBody(String name) {
        return object().put("name", name);
    }

    static ArrayNode array(Object... values) {
        ArrayNode array = JSON.createArrayNode();
        for (Object value : values) {
            array.add(JSON.valueToTree(value));
        }
        return array;
    }

    /** A valid registration body with a fresh lineage (random code commit), owned by {@code owner} if not null. */
    static ObjectNode registration(String owner) {
        ObjectNode body = object().put("code_commit", randomHex(40)).put("feature_graph_hash", randomHex(64));
        body.set("data_window", array("2018-01-01", "2026-04-30"));
        if (owner != null) {
            body.put("owner", owner);
        }
        return body;
    }

    /** Registers a version and returns it, failing unless it was newly created. */
    static JsonNode register(String model, String token, ObjectNode body) {
        return assertStatus(201, post("/models/" + model + "/versions", token, body)).body();
    }

    /** Slugs that no principal, team, evaluator or model may be named, with why. */
    static Stream<Arguments> invalidNames() {
        return Stream.of(
                named("upper case", "Alice"),
                named("dot dot", ".."),
                named("slash", "a/b"),
                named("space", "a b"),
                named("control character", "a\u0001b"),
                named("newline", "a\nb"),
                named("64 characters", "a".repeat(64)),
                named("SQL metacharacters", "a'; drop table principals;--"),
                named("empty", ""),
                named("leading dash", "-lead"),
                named("unicode letter", "caf\u00e9"),
                Arguments.of(Named.of("a number", JsonNodeFactory.instance.numberNode(42))),
                Arguments.of(Named.of("an object", JSON.createObjectNode().put("x", 1))),
                Arguments.of(Named.of("an array", JSON.createArrayNode().add("a"))));
    }

    private static Arguments named(String why, String value) {
        return Arguments.of(Named.of(why, (JsonNode) TextNode.valueOf(value)));
    }

    // ---- requests; every answer is checked for 5xx ----

    static Response get(String path, String token) {
        return seen("GET " + path, registry.get(path, token));
    }

    static Response delete(String path, String token) {
        return seen("DELETE " + path, registry.delete(path, token));
    }

    static Response put(String path, String token) {
        return seen("PUT " + path, registry.put(path, token));
    }

    static Response post(String path, String token, JsonNode body) {
        return post(path, token, body.toString());
    }

    static Response post(String path, String token, String body) {
        return seen("POST " + path, registry.post(path, token, body));
    }

    static Response post(String path, String token, String body, Map<String, String> headers) {
        return seen("POST " + path, registry.post(path, token, body, headers));
    }

    static Response send(HttpRequest request) {
        return seen(request.method() + " " + request.uri().getRawPath(), registry.send(request));
    }

    private static Response seen(String request, Response response) {
        if (response.status() >= 500) {
            SERVER_ERRORS.add(request + " -> " + response.status() + " " + response.text());
        }
        return response;
    }

    // ---- fixtures ----

    /** A new non-admin user and its token. */
    static String user(String name) {
        return registry.principalWithToken(name, false);
    }

    /** A principal and its token. */
    record Member(String name, String token) {
    }

    /** A new team with one new non-admin member. */
    static Member teamMember(String team) {
        String name = unique("member");
        String token = user(name);
        registry.team(team, name);
        return new Member(name, token);
    }

    /** A new team with one new non-admin member; returns that member's token. */
    static String teamWithMember(String team) {
        return teamMember(team).token();
    }

    // ---- assertions on what the user sees ----

    static Response assertStatus(int status, Response response) {
        assertThat(response.status()).as("status of a response with body %s", response.text()).isEqualTo(status);
        return response;
    }

    static Response assertProblem(Response response, int status, String slug) {
        assertStatus(status, response);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(PROBLEM_PREFIX + slug);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        return response;
    }

    /** A 400 validation-failed whose errors name exactly the given fields. */
    static Response assertInvalidFields(Response response, String... fields) {
        assertProblem(response, 400, "validation-failed");
        assertThat(errorFields(response)).containsExactlyInAnyOrder(fields);
        return response;
    }

    static List<String> errorFields(Response response) {
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as("errors[] of %s", response.text()).isNotNull();
        return StreamSupport.stream(errors.spliterator(), false).map(e -> e.get("field").asText()).distinct().toList();
    }

    static List<JsonNode> items(Response response) {
        List<JsonNode> items = new ArrayList<>();
        response.body().get("items").forEach(items::add);
        return items;
    }

    /** {@code text} as a query parameter's value. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Every item of a list, following {@code next} with the given page size. */
    static List<JsonNode> allPages(String path, String token, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            String url = path + separator + "limit=" + limit + (after == null ? "" : "&after=" + after);
            Response response = assertStatus(200, get(url, token));
            List<JsonNode> items = items(response);
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            all.addAll(items);
            JsonNode next = response.body().get("next");
            if (next.isNull()) {
                return all;
            }
            after = URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("pagination of " + path + " never ended");
    }

    /** The audit entries about a subject (or in its chain), oldest first. */
    static List<JsonNode> auditOf(String subject) {
        return allPages("/audit?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8),
                ADMIN, 500);
    }

    static long auditCount(String subject, String action) {
        return auditOf(subject).stream().filter(e -> e.get("action").asText().equals(action)).count();
    }
}

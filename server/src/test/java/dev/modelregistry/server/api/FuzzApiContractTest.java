package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.config.OwnershipConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.testing.TestRegistry;
import dev.modelregistry.server.testing.TestRegistry.Response;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route the server serves (the route table, which {@code OpenApiContractTest} keeps equal to
 * openapi.json) with hostile requests: each is a sane request with one part made hostile — a path segment, a query
 * parameter, the token, another header, the Content-Type, the body as a whole, or the body's fields — plus raw
 * requests the JDK client will not send. No answer may be a 5xx, every refusal is problem+json, and a refused
 * request changes nothing: the audit log (every mutation is audited) and the row count of every table are the same
 * before and after it. Deterministic: every list of hostile values is walked in full, and the few random choices
 * (which token, which hostile ingest line) come from one fixed seed.
 */
abstract class FuzzApiContractTest extends ApiTestSupport {
    private static final long SEED = 0x5EED_2026_1203L;
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}|<([^>]+)>");
    private static final List<String> MALFORMED_BODIES = FuzzInputs.malformedBodies();

    private static FuzzFixture fixture;

    @Override
    ServerConfig config() {
        // The health sweeper would audit on its own schedule; here it must not run while states are compared.
        OwnershipConfig ownership = OwnershipConfig.defaults();
        return TestRegistry.config().withOwnership(new OwnershipConfig(ownership.warnAfter(), ownership.expireAfter(),
                ownership.orphanAfter(), Duration.ofDays(1)));
    }

    @BeforeAll
    static void fixture() {
        fixture = FuzzFixture.create(registry);
    }

    @Test
    @Timeout(120)
    void everyRouteRefusesHostileInputWithA4xxAndChangesNothing() {
        JsonNode openApi = get("/openapi.json", null).body();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        List<Route> routes = registry.server().routes();
        int sent = 0;
        for (Route route : routes) {
            for (HttpRequest request : attempts(route, openApi, random)) {
                failures.addAll(checked(describe(request), () -> {
                    Response response = send(request);
                    return new RawHttp.Answer(response.status(), response.contentType());
                }));
                sent++;
            }
            for (String raw : rawRequests(route)) {
                failures.addAll(checked("raw " + printable(raw), () -> RawHttp.send(registry.server().port(), raw)));
                sent++;
            }
        }

        assertThat(failures).as("hostile requests answered wrongly, of %d sent", sent).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(routes.size() * 50);
        // The one 5xx allowed: Jetty's parser answers a protocol version it does not speak with HTTP's own 505,
        // before the registry sees the request. Nothing ran, and the answer is still a problem.
        assertThat(RawHttp.send(registry.server().port(), "GET /models HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .isEqualTo(new RawHttp.Answer(505, "application/problem+json"));
        assertStatus(200, get("/healthz", null));
        assertThat(get("/audit/verify", ADMIN).body().get("ok").asBoolean()).isTrue();
    }

    /** What went wrong with one request: a 5xx, no answer, a refusal that is not problem+json or changed state. */
    private static List<String> checked(String description, Supplier<RawHttp.Answer> send) {
        Map<String, Object> before = fixture.state();
        RawHttp.Answer answer = send.get();
        List<String> problems = new ArrayList<>();
        if (answer.status() >= 500 || answer.status() < 0) {
            problems.add(answer.status() + " for " + description);
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                problems.add(answer.status() + " as " + answer.contentType() + " for " + description);
            }
            Map<String, Object> after = fixture.state();
            if (!after.equals(before)) {
                problems.add("refused with " + answer.status() + " but changed " + before + " to " + after + ": " + description);
            }
        }
        return problems;
    }

    /** Every hostile variant of one sane request to the route, one part at a time, each list walked in full. */
    private static List<HttpRequest> attempts(Route route, JsonNode openApi, Random random) {
        Spec sane = Spec.sane(route, random);
        List<Spec> specs = new ArrayList<>();
        List<String> params = params(route);
        for (int i = 0; i < FuzzInputs.PATH_SEGMENTS.size(); i++) {
            String param = params.isEmpty() ? null : params.get(i % params.size());
            List<String> values = "path".equals(param) ? FuzzInputs.ARTIFACT_PATHS : FuzzInputs.PATH_SEGMENTS;
            specs.add(sane.withPath(param, values.get(i % values.size())));
        }
        FuzzInputs.QUERY_NAMES.forEach(name -> specs.add(sane.withQuery(name + "=%00")));
        for (int i = 0; i < FuzzInputs.QUERY_VALUES.size(); i++) {
            specs.add(sane.withQuery(FuzzInputs.QUERY_NAMES.get(i % FuzzInputs.QUERY_NAMES.size()) + "="
                    + FuzzInputs.QUERY_VALUES.get(i)));
        }
        FuzzInputs.BAD_AUTHORIZATIONS.forEach(authorization -> specs.add(sane.withAuthorization(authorization)));
        FuzzInputs.BAD_HEADERS.forEach(header -> specs.add(sane.withHeader(header)));
        boolean readsABody = route.mutating();
        if (readsABody) {
            FuzzInputs.CONTENT_TYPES.forEach(type -> specs.add(sane.withContentType(type)));
        }
        MALFORMED_BODIES.stream().limit(readsABody ? MALFORMED_BODIES.size() : 5).forEach(b -> specs.add(sane.withBody(b)));
        for (String field : FuzzInputs.bodyFields(openApi, route.openApiPath(), route.method().name().toLowerCase(Locale.ROOT))) {
            for (int kind = 0; kind < FuzzInputs.FIELD_VALUES; kind++) {
                specs.add(sane.withBody(FuzzInputs.bodyWith(field, FuzzInputs.fieldValue(kind))));
            }
        }
        return specs.stream().map(Spec::request).toList();
    }

    private static List<String> params(Route route) {
        Matcher params = PARAM.matcher(route.path());
        List<String> names = new ArrayList<>();
        while (params.find()) {
            names.add(params.group(1) != null ? params.group(1) : params.group(2));
        }
        return names;
    }

    /** One request to a route: sane, or with one part hostile. */
    private record Spec(Route route, String hostileParam, String hostileValue, String query, String authorization,
                        Map.Entry<String, String> header, String contentType, String body) {
        static Spec sane(Route route, Random random) {
            return new Spec(route, null, null, null, fixture.authorization(route.role(), random), null,
                    saneContentType(route), saneBody(route, random));
        }

        Spec withPath(String param, String value) {
            return new Spec(route, param == null ? "" : param, value, query, authorization, header, contentType, body);
        }

        Spec withQuery(String text) {
            return new Spec(route, hostileParam, hostileValue, text, authorization, header, contentType, body);
        }

        Spec withAuthorization(String value) {
            return new Spec(route, hostileParam, hostileValue, query, value, header, contentType, body);
        }

        Spec withHeader(Map.Entry<String, String> value) {
            return new Spec(route, hostileParam, hostileValue, query, authorization, value, contentType, body);
        }

        Spec withContentType(String value) {
            return new Spec(route, hostileParam, hostileValue, query, authorization, header, value, body);
        }

        Spec withBody(String value) {
            return new Spec(route, hostileParam, hostileValue, query, authorization, header, contentType, value);
        }

        HttpRequest request() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(registry.baseUri() + path()
                    + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(20));
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            if (header != null) {
                builder.header(header.getKey(), header.getValue());
            }
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            return builder.method(route.method().name(), body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build();
        }

        /** The route's path with the fixture's values, but the hostile one for {@code hostileParam}. */
        private String path() {
            Matcher params = PARAM.matcher(route.path());
            StringBuilder path = new StringBuilder();
            while (params.find()) {
                String name = params.group(1) != null ? params.group(1) : params.group(2);
                String value = name.equals(hostileParam) ? hostileValue : fixture.pathValue(route.path(), name);
                params.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            params.appendTail(path);
            return "".equals(hostileParam) ? path + "/" + hostileValue : path.toString();
        }
    }

    private static String saneContentType(Route route) {
        if (route.body() == Route.Body.STREAM) {
            return "application/x-ndjson";
        }
        if (route.method() == HandlerType.PUT && route.path().contains("<path>")) {
            return "application/octet-stream";
        }
        return route.mutating() ? "application/json" : null;
    }

    /** {@code {}} for a JSON route (most are refused for missing fields), hostile events for ingest, bytes for uploads. */
    private static String saneBody(Route route, Random random) {
        if (route.body() == Route.Body.STREAM) {
            return fixture.hostileEvents(route.path(), random);
        }
        if (route.method() == HandlerType.PUT && route.path().contains("<path>")) {
            return "opaque bytes " + random.nextInt();
        }
        return route.mutating() ? "{}" : null;
    }

    /** Requests the JDK client refuses to build, for this route and for the server as a whole. */
    private static List<String> rawRequests(Route route) {
        String path = Spec.sane(route, new Random(0)).path();
        String auth = "Authorization: Bearer " + ADMIN + "\r\n";
        String method = route.method().name();
        List<String> raw = new ArrayList<>(List.of(
                method + " " + path + "%zz HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
                method + " " + path + "?after=%zz&limit=%G1 HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
                method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "X-Bad: a\u0000b\r\nConnection: close\r\n\r\n",
                method + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Content-Length: 99999999999999999999\r\nConnection: close\r\n\r\n{}"));
        if (route == registry.server().routes().get(0)) {
            raw.addAll(serverWideRawRequests(auth));
        }
        return raw;
    }

    private static List<String> serverWideRawRequests(String auth) {
        String close = "Connection: close\r\n\r\n";
        return List.of(
                "GET /models HTTP/1.1\r\nHost: x\r\n" + auth + "X-Folded: a\r\n b\r\n" + close,
                "GET /models HTTP/1.1\nHost: x\n" + auth.replace("\r\n", "\n") + "Connection: close\n\n",
                "POST /teams HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: -1\r\n" + close,
                "POST /teams HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n" + close + "{}",
                "POST /teams HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n" + close + "zz\r\n{}\r\n0\r\n\r\n",
                "GET /models HTTP/1.1\r\nHost: x\r\n" + auth + "X-Large: " + "x".repeat(20_000) + "\r\n" + close,
                "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n" + close,
                "GET http://elsewhere.example/models HTTP/1.1\r\nHost: x\r\n" + auth + close,
                "BREW /models HTTP/1.1\r\nHost: x\r\n" + auth + close,
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n" + close,
                "GET /models HTTP/1.1\r\n" + auth + close);
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + printable(request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()))
                + " " + printable(request.headers().map().toString());
    }

    private static String printable(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 300 ? visible.substring(0, 300) + "…" : visible;
    }
}

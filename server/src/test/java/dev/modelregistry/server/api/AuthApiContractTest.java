package dev.modelregistry.server.api;

import dev.modelregistry.server.access.Role;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.testing.TestRegistry.Response;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication and the route table's access levels, checked for every route the server serves. */
abstract class AuthApiContractTest extends ApiTestSupport {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Map<String, String> SAMPLE_PARAMS = Map.of(
            "id", "tok_0123456789abcdef",
            "model_id", "sample@2026.01.01-r1",
            "keyid", "sample-key");

    static Stream<Arguments> nonPublicRoutes() {
        return routes(access -> access != Role.PUBLIC);
    }

    static Stream<Arguments> adminRoutes() {
        return routes(access -> access == Role.ADMIN);
    }

    static Stream<Arguments> authenticatedRoutes() {
        return routes(access -> access == Role.AUTHENTICATED);
    }

    static Stream<Arguments> publicRoutes() {
        return routes(access -> access == Role.PUBLIC);
    }

    private static Stream<Arguments> routes(Predicate<Role> which) {
        return registry.server().routes().stream()
                .filter(route -> which.test(route.role()))
                .map(route -> Arguments.of(Named.of(route.method() + " " + route.path(), route)));
    }

    @Test
    void routeTableHasRoutesOfEveryAccessLevel() {
        assertThat(registry.server().routes()).extracting(Route::role)
                .contains(Role.PUBLIC, Role.AUTHENTICATED, Role.ADMIN);
    }

    @ParameterizedTest
    @MethodSource("nonPublicRoutes")
    void nonPublicRouteWithoutTokenIsUnauthenticated(Route route) {
        assertProblem(call(route, null), 401, "unauthenticated");
    }

    @ParameterizedTest
    @MethodSource("nonPublicRoutes")
    void nonPublicRouteWithUnknownTokenIsUnauthenticated(Route route) {
        assertProblem(call(route, "Bearer mr_no-such-token-was-ever-issued"), 401, "unauthenticated");
    }

    @ParameterizedTest
    @MethodSource("adminRoutes")
    void adminRouteCalledByNonAdminIsRefused(Route route) {
        String token = user(unique("plain"));
        assertProblem(call(route, "Bearer " + token), 403, "admin-required");
    }

    @ParameterizedTest
    @MethodSource("authenticatedRoutes")
    void authenticatedRouteDoesNotRequireAdmin(Route route) {
        String token = user(unique("plain"));
        Response response = call(route, "Bearer " + token);
        assertThat(response.status()).as(response.text()).isNotEqualTo(401);
        assertThat(response.problemType()).isNotEqualTo(PROBLEM_PREFIX + "admin-required");
    }

    @ParameterizedTest
    @MethodSource("publicRoutes")
    void publicRouteAnswersWithoutToken(Route route) {
        assertStatus(200, call(route, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer    ", "Token abc", "mr_abc",
            "Bearer a b c d"})
    void malformedAuthorizationHeaderIsUnauthenticated(String header) {
        HttpRequest request = registry.request("/teams", null).header("Authorization", header).GET().build();
        assertProblem(send(request), 401, "unauthenticated");
    }

    @Test
    void overlongTokenIsUnauthenticated() {
        assertProblem(get("/teams", "x".repeat(5000)), 401, "unauthenticated");
    }

    @Test
    void adminTokenIsAccepted() {
        assertStatus(200, get("/principals", ADMIN));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        HttpRequest request = registry.request("/teams", null).header("Authorization", "bearer " + ADMIN).GET().build();
        assertStatus(200, send(request));
    }

    @Test
    void revokedTokenIsUnauthenticated() {
        String name = unique("revoked");
        assertStatus(201, post("/principals", ADMIN, object().put("name", name).put("kind", "user")));
        Response issued = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}"));
        String token = issued.body().get("token").asText();
        assertStatus(200, get("/teams", token));

        assertStatus(204, delete("/tokens/" + issued.body().get("id").asText(), ADMIN));

        assertProblem(get("/teams", token), 401, "unauthenticated");
    }

    @Test
    void revokingOneTokenLeavesThePrincipalsOtherTokensWorking() {
        String name = unique("two-tokens");
        String kept = user(name);
        Response other = assertStatus(201, post("/principals/" + name + "/tokens", ADMIN, "{}"));

        assertStatus(204, delete("/tokens/" + other.body().get("id").asText(), ADMIN));

        assertStatus(200, get("/teams", kept));
    }

    @Test
    void principalMadeAdminMayCallAdminRoutes() {
        String token = registry.principalWithToken(unique("second-admin"), true);
        assertStatus(200, get("/principals", token));
    }

    private static Response call(Route route, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(registry.baseUri().resolve(samplePath(route.openApiPath())));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        boolean withBody = route.method() == HandlerType.POST || route.method() == HandlerType.PUT;
        if (withBody) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(route.method().name(),
                withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        return send(builder.build());
    }

    /** The route's path with each {param} replaced by a plausible value. */
    private static String samplePath(String template) {
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(SAMPLE_PARAMS.getOrDefault(m.group(1), "sample")));
        }
        m.appendTail(path);
        return path.toString();
    }
}

package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.access.Role;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.testing.Backend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document in the repo is the contract: it lists exactly the routes the server serves, and every
 * operation declares the refusals its access level can produce.
 */
class OpenApiContractTest extends ApiTestSupport {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    // One database is enough: the document and the route table do not depend on it.
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }

    @Test
    void servedDocumentIsTheOneInTheRepo() throws IOException {
        assertThat(served()).isEqualTo(resource());
    }

    @Test
    void documentedOperationsAreExactlyTheServedRoutes() throws IOException {
        Set<String> routes = registry.server().routes().stream()
                .map(OpenApiContractTest::key)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> documented = operations(resource()).keySet();

        assertThat(documented).as("documented but not served").isSubsetOf(routes);
        assertThat(routes).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void everyNonPublicOperationDeclares401() throws IOException {
        Map<String, JsonNode> operations = operations(resource());
        for (Route route : registry.server().routes()) {
            if (route.role() != Role.PUBLIC) {
                assertThat(responses(operations, route).has("401")).as("%s %s declares 401", route.method(), route.path())
                        .isTrue();
            }
        }
    }

    @Test
    void everyAdminOperationDeclares403() throws IOException {
        Map<String, JsonNode> operations = operations(resource());
        for (Route route : registry.server().routes()) {
            if (route.role() == Role.ADMIN) {
                assertThat(responses(operations, route).has("403")).as("%s %s declares 403", route.method(), route.path())
                        .isTrue();
            }
        }
    }

    @Test
    void publicOperationsAndOnlyThoseNeedNoToken() throws IOException {
        JsonNode document = resource();
        assertThat(document.get("security")).as("the document requires a bearer token by default").isNotEmpty();
        Map<String, JsonNode> operations = operations(document);
        for (Route route : registry.server().routes()) {
            JsonNode operation = operations.get(key(route));
            assertThat(operation).as("%s is documented", key(route)).isNotNull();
            JsonNode security = operation.get("security");
            boolean documentedPublic = security != null && security.isEmpty();
            assertThat(documentedPublic).as("%s %s is documented as public", route.method(), route.path())
                    .isEqualTo(route.role() == Role.PUBLIC);
        }
    }

    @Test
    void everyRouteAcceptsExactlyTheQueryParametersItsOperationDocuments() throws IOException {
        JsonNode document = resource();
        Map<String, Set<String>> documented = queryParameters(document);
        for (Route route : registry.server().routes()) {
            assertThat(new TreeSet<>(route.query())).as("query parameters of %s", key(route))
                    .isEqualTo(documented.get(key(route)));
        }
    }

    /** "METHOD /path" of every operation with the names of its {@code in: query} parameters (path-level ones too). */
    private static Map<String, Set<String>> queryParameters(JsonNode document) {
        JsonNode shared = document.get("components").get("parameters");
        Map<String, Set<String>> parameters = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                Set<String> names = new TreeSet<>();
                for (JsonNode list : List.of(path.getValue().path("parameters"), op.getValue().path("parameters"))) {
                    list.forEach(p -> {
                        JsonNode parameter = p.has("$ref")
                                ? shared.get(p.get("$ref").asText().substring("#/components/parameters/".length())) : p;
                        if (parameter.get("in").asText().equals("query")) {
                            names.add(parameter.get("name").asText());
                        }
                    });
                }
                parameters.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), names);
            }
        }));
        return parameters;
    }

    private static JsonNode responses(Map<String, JsonNode> operations, Route route) {
        JsonNode operation = operations.get(key(route));
        assertThat(operation).as("%s is documented", key(route)).isNotNull();
        return operation.get("responses");
    }

    private static String key(Route route) {
        return route.method().name() + " " + route.openApiPath();
    }

    /** "METHOD /path" of every operation in the document. */
    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    private static JsonNode served() throws IOException {
        return JSON.readTree(assertStatus(200, get("/openapi.json", null)).text());
    }

    private static JsonNode resource() throws IOException {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(in).as("openapi.json on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }
}

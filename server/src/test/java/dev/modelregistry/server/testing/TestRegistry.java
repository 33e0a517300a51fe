package dev.modelregistry.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A real registry server on a random loopback port, with a known admin token and a raw HTTP client, for
 * in-process API tests. Close it after the test class.
 */
public final class TestRegistry implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String ownSchemaUrl;

    private TestRegistry(RegistryServer server, String ownSchemaUrl) {
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + server.port());
        this.ownSchemaUrl = ownSchemaUrl;
    }

    /** The embedded defaults in a new temporary data directory, on a random port. */
    public static ServerConfig config() {
        try {
            return ServerConfig.embeddedDefaults(Files.createTempDirectory("modelreg-test")).withPort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a new SQLite database in a temporary directory. */
    public static TestRegistry sqlite() {
        return start(config());
    }

    /** A server on a fresh PostgreSQL schema, which {@link #close()} drops. */
    public static TestRegistry postgres() {
        return onFreshPostgresSchema(config());
    }

    /** A server with the given configuration and the known admin token. */
    public static TestRegistry start(ServerConfig config) {
        return new TestRegistry(RegistryServer.start(config.withBootstrapAdminToken(ADMIN_TOKEN)), null);
    }

    /** A server with the given configuration on a fresh PostgreSQL schema, which {@link #close()} drops. */
    static TestRegistry onFreshPostgresSchema(ServerConfig config) {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try {
            return new TestRegistry(RegistryServer.start(config.withDb(url).withBootstrapAdminToken(ADMIN_TOKEN)), url);
        } catch (RuntimeException e) {
            TestDatabases.dropSchemaOf(url);
            throw e;
        }
    }

    public RegistryServer server() {
        return server;
    }

    public URI baseUri() {
        return base;
    }

    /** An HTTP response with its body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, JsonNode body, String contentType, Map<String, List<String>> headers,
                           String text) {
        public String problemType() {
            return body == null || body.get("type") == null ? null : body.get("type").asText();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    public Response put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = null;
            if (type.contains("json") && !response.body().isEmpty()) {
                body = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), body, type, response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Creates a principal (as admin) and returns a fresh token for it. */
    public String principalWithToken(String name, boolean admin) {
        expect(201, post("/principals", ADMIN_TOKEN,
                "{\"name\":\"" + name + "\",\"kind\":\"user\",\"admin\":" + admin + "}"));
        return expect(201, post("/principals/" + name + "/tokens", ADMIN_TOKEN, "{}")).body().get("token").asText();
    }

    public void team(String name, String... members) {
        expect(201, post("/teams", ADMIN_TOKEN, "{\"name\":\"" + name + "\"}"));
        for (String member : members) {
            expect(204, put("/teams/" + name + "/members/" + member, ADMIN_TOKEN));
        }
    }

    public static Response expect(int status, Response response) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + response.status() + ": " + response.text());
        }
        return response;
    }

    @Override
    public void close() {
        server.close();
        if (ownSchemaUrl != null) {
            TestDatabases.dropSchemaOf(ownSchemaUrl);
        }
    }
}

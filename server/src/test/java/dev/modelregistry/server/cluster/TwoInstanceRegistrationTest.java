package dev.modelregistry.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one PostgreSQL database take 200 concurrent registrations of one model: every one
 * gets its own model_id and its own audit entry, and the chain still verifies.
 */
class TwoInstanceRegistrationTest {
    private static final String ADMIN = "cluster-admin-token-0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REGISTRATIONS = 200;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void concurrentRegistrationsAcrossInstancesGetDistinctIdsAndOneAuditEntryEach() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            new Migrations(database).migrate();
        }
        List<ServerProcess> servers = ServerProcess.startAll(2, url, ADMIN, dir, dir.resolve("key.pem"));
        try {
            URI a = servers.get(0).baseUri();
            URI b = servers.get(1).baseUri();
            send(a, "POST", "/principals", ADMIN, "{\"name\":\"quant\",\"kind\":\"service\"}", 201);
            send(a, "POST", "/teams", ADMIN, "{\"name\":\"desk\"}", 201);
            send(b, "PUT", "/teams/desk/members/quant", ADMIN, null, 204);
            String token = send(b, "POST", "/principals/quant/tokens", ADMIN, "{}", 201).get("token").asText();
            send(a, "POST", "/models", token, "{\"name\":\"xsmom\",\"owner\":\"desk\"}", 201);

            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < REGISTRATIONS; i++) {
                URI target = i % 2 == 0 ? a : b;
                String body = "{\"code_commit\":\"%07x\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"]}"
                        .formatted(0x1000000 + i);
                ids.add(pool.submit(() -> send(target, "POST", "/models/xsmom/versions", token, body, 201)
                        .get("model_id").asText()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            pool.shutdown();

            assertThat(distinct).hasSize(REGISTRATIONS);
            assertThat(countRegistrationEntries(a, token)).isEqualTo(REGISTRATIONS);
            JsonNode verification = send(b, "GET", "/audit/verify", ADMIN, null, 200);
            assertThat(verification.get("ok").asBoolean()).isTrue();
        } finally {
            ServerProcess.stopAll(servers, url);
        }
    }

    private long countRegistrationEntries(URI server, String token) throws IOException, InterruptedException {
        long count = 0;
        String after = "0";
        while (after != null) {
            JsonNode page = send(server, "GET", "/audit?subject=model:xsmom&limit=500&after=" + after, token, null, 200);
            for (JsonNode entry : page.get("items")) {
                if (entry.get("action").asText().equals("version.registered")) {
                    count++;
                }
            }
            after = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return count;
    }

    private JsonNode send(URI server, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}

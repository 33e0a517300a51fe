package dev.modelregistry.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A long-poll on instance A answers when a rollback commits on instance B: LISTEN/NOTIFY crosses instances. */
class CrossInstanceWatchTest {
    private static final String ADMIN = "watch-admin-token-0123456789abcdef0123456";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWatcherOnOneInstanceSeesARollbackMadeOnAnother() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            new Migrations(database).migrate();
        }
        List<ServerProcess> servers = ServerProcess.startAll(2, url, ADMIN, dir, dir.resolve("key.pem"));
        try {
            DeployFixture fixture = new DeployFixture(servers.get(0).baseUri(), ADMIN, "xwatch");
            String first = fixture.ready("watched");
            fixture.promote("watched", first, 100);
            fixture.promote("watched", fixture.ready("watched"), 100);

            CompletableFuture<HttpResponse<String>> watch = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(servers.get(0).baseUri().resolve("/models/watched/deployment?after_revision=2&wait=30s"))
                            .header("Authorization", "Bearer " + fixture.registrantToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            assertThat(watch).isNotDone();

            HttpResponse<String> rollback = fixture.raw(HttpRequest.newBuilder(
                            servers.get(1).baseUri().resolve("/models/watched/deployment:rollback"))
                    .header("Authorization", "Bearer " + fixture.approverToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"drawdown\"}")).build());
            Instant rolledBack = Instant.now();
            assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);

            JsonNode seen = JSON.readTree(watch.get(10, TimeUnit.SECONDS).body());
            assertThat(Duration.between(rolledBack, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(seen.get("revision").asLong()).isEqualTo(3);
            assertThat(seen.get("production").get("model_id").asText()).isEqualTo(first);
        } finally {
            ServerProcess.stopAll(servers, url);
        }
    }
}

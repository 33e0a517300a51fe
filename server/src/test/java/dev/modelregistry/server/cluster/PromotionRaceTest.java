package dev.modelregistry.server.cluster;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one PostgreSQL receive conflicting promotions for the same model at the same moment:
 * exactly one wins, the per-model invariants hold in the database, and the audit chain verifies.
 */
class PromotionRaceTest {
    private static final String ADMIN = "race-admin-token-0123456789abcdef01234567";
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void conflictingCanariesOnTwoInstancesLeaveExactlyOneWinner() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            new Migrations(database).migrate();
        }
        // Instances that serve one database share one signing key.
        Path key = dir.resolve("shared-signing-key.pem");
        List<ServerProcess> servers = ServerProcess.startAll(2, url, ADMIN, dir, key);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            DeployFixture fixture = new DeployFixture(servers.get(0).baseUri(), ADMIN, "race");
            fixture.promote("raced", fixture.ready("raced"), 100);
            for (int round = 0; round < ROUNDS; round++) {
                String a = fixture.ready("raced");
                String b = fixture.ready("raced");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                answers.add(pool.submit(() -> {
                    start.await();
                    return fixture.promote(servers.get(0).baseUri(), "raced", a, 10);
                }));
                answers.add(pool.submit(() -> {
                    start.await();
                    return fixture.promote(servers.get(1).baseUri(), "raced", b, 20);
                }));
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 409) {
                        assertThat(response.body()).contains("canary-running");
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                assertThat(countByStatus(url, "canary")).isEqualTo(1);
                assertThat(countByStatus(url, "production")).isEqualTo(1);
                fixture.call("POST", "/models/raced/deployment:rollback", fixture.approverToken, "{\"reason\":\"next round\"}", 200);
            }
            assertThat(fixture.call("GET", "/audit/verify", ADMIN, null, 200).get("ok").asBoolean()).isTrue();
            assertThat(fixture.call("GET", "/models/raced/deployment", ADMIN, null, 200).get("revision").asLong())
                    .isEqualTo(1 + 2L * ROUNDS);
        } finally {
            pool.shutdownNow();
            ServerProcess.stopAll(servers, url);
        }
        assertThat(Files.exists(key)).isTrue();
    }

    private long countByStatus(String url, String status) {
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            return database.withHandle(h -> h.createQuery("""
                            SELECT COUNT(*) FROM model_versions v JOIN models m ON m.id = v.model_id
                            WHERE m.name = 'raced' AND v.status = :status""")
                    .bind("status", status).mapTo(Long.class).one());
        }
    }
}

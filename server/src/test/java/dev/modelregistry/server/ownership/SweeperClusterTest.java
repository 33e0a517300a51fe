package dev.modelregistry.server.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.config.ArtifactConfig;
import dev.modelregistry.server.config.DeployConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances sweeping one PostgreSQL database at the same moments audit each transition exactly once. */
class SweeperClusterTest {
    private static final int MODELS = 12;
    private final String url = TestDatabases.freshPostgresSchemaUrl();

    @AfterEach
    void dropSchema() {
        TestDatabases.dropSchemaOf(url);
    }

    @Test
    void twoSweepersWriteEachTransitionOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
        DeployConfig sharedKey = new DeployConfig(Optional.of(Files.createTempDirectory("sweep-key").resolve("key.pem")),
                DeployConfig.DEFAULT_MANIFEST_TTL);
        ArtifactConfig sharedStore = ArtifactConfig.localDefaults().inDirectory(Files.createTempDirectory("sweep-artifacts"));
        try (TestRegistry a = TestRegistry.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("sweep-a"))
                .withPort(0).withDb(url).withClock(clock).withDeploy(sharedKey).withArtifacts(sharedStore));
             TestRegistry b = TestRegistry.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("sweep-b"))
                     .withPort(0).withDb(url).withClock(clock).withDeploy(sharedKey).withArtifacts(sharedStore))) {
            DeployFixture fixture = new DeployFixture(a.baseUri(), TestRegistry.ADMIN_TOKEN, "sweep");
            for (int i = 0; i < MODELS; i++) {
                fixture.candidate("swept-" + i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                int total = 0;
                for (Duration step : List.of(Duration.ofDays(91), Duration.ofDays(90), Duration.ofDays(30))) {
                    clock.advance(step);
                    total += sweepTogether(pool, a, b);
                    assertThat(sweepTogether(pool, a, b)).as("nothing left after a sweep").isZero();
                }
                assertThat(total).isEqualTo(3 * MODELS);
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < MODELS; i++) {
                List<String> states = new ArrayList<>();
                for (JsonNode entry : fixture.call("GET", "/audit?subject=model:swept-" + i, TestRegistry.ADMIN_TOKEN, null, 200).get("items")) {
                    if (entry.get("action").asText().equals("model.health_changed")) {
                        states.add(entry.get("detail").get("after").get("state").asText());
                    }
                }
                assertThat(states).containsExactly("warning", "expired", "orphan");
            }
            assertThat(fixture.call("GET", "/audit/verify", TestRegistry.ADMIN_TOKEN, null, 200).get("ok").asBoolean()).isTrue();
        }
    }

    private static int sweepTogether(ExecutorService pool, TestRegistry a, TestRegistry b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> {
            start.await();
            return a.server().healthSweeper().sweepOnce();
        });
        Future<Integer> second = pool.submit(() -> {
            start.await();
            return b.server().healthSweeper().sweepOnce();
        });
        start.countDown();
        return first.get() + second.get();
    }
}

package dev.modelregistry.server.db;

import dev.modelregistry.server.testing.TcpProxy;
import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.TestRegistry;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL that goes away and comes back, through a TCP proxy the test cuts (the real server behind it keeps
 * running): once the registry knows the database is down it answers 503 at once instead of after the pool's 5 s
 * timeout, and it serves again within a second of the database returning. Only PostgreSQL: an embedded SQLite
 * file has no connection to lose.
 */
class DatabaseOutageTest {
    private static final int REFUSED_REQUESTS = 200;

    private static TcpProxy proxy;
    private static String schemaUrl;
    private static TestRegistry registry;

    @BeforeAll
    static void start() {
        schemaUrl = TestDatabases.freshPostgresSchemaUrl();
        URI direct = URI.create(schemaUrl.substring("jdbc:".length()));
        proxy = new TcpProxy(direct.getHost(), direct.getPort());
        String viaProxy = schemaUrl.replace("//" + direct.getHost() + ":" + direct.getPort() + "/",
                "//127.0.0.1:" + proxy.port() + "/");
        registry = TestRegistry.start(TestRegistry.config().withDb(viaProxy));
    }

    @AfterAll
    static void stop() {
        proxy.restore();
        registry.close();
        proxy.close();
        TestDatabases.dropSchemaOf(schemaUrl);
    }

    @Test
    void aKnownDownDatabaseIsRefusedAtOnceAndServedAgainWithinASecondOfItsReturn() throws InterruptedException {
        assertThat(get().status()).isEqualTo(200);

        proxy.cut();
        Response first = get();
        assertThat(first.status()).as(first.text()).isEqualTo(503);
        assertThat(first.problemType()).isEqualTo("urn:model-registry:problem:unavailable");

        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REFUSED_REQUESTS; i++) {
            long started = System.nanoTime();
            Response refused = get();
            micros.add((System.nanoTime() - started) / 1_000);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Collections.sort(micros);
        long p99 = micros.get(REFUSED_REQUESTS * 99 / 100 - 1);
        System.out.printf("database down: %d requests answered 503, p50 %.1f ms, p99 %.1f ms%n", REFUSED_REQUESTS,
                micros.get(REFUSED_REQUESTS / 2) / 1000.0, p99 / 1000.0);
        assertThat(p99).as("p99 of a 503 while the database is known down, in µs").isLessThan(100_000);
        assertThat(registry.get("/readyz", null).status()).isEqualTo(503);

        proxy.restore();
        long restored = System.nanoTime();
        while (get().status() != 200) {
            Thread.sleep(10);
            assertThat(System.nanoTime() - restored).as("still refused 5 s after the database returned")
                    .isLessThan(5_000_000_000L);
        }
        long recoveredMillis = (System.nanoTime() - restored) / 1_000_000;
        System.out.printf("database back: served again after %d ms%n", recoveredMillis);
        assertThat(recoveredMillis).as("ms from the database returning to the first 200").isLessThan(1_000);
        assertThat(registry.get("/readyz", null).status()).isEqualTo(200);
    }

    private static Response get() {
        return registry.get("/principals", TestRegistry.ADMIN_TOKEN);
    }
}

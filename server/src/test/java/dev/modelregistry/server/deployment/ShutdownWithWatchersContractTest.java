package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the server answers waiting long-polls at once, while the database is still there to answer from. */
abstract class ShutdownWithWatchersContractTest {
    /** The database this suite runs on: PostgreSQL wakes watchers through LISTEN/NOTIFY, SQLite in process. */
    abstract Backend backend();

    @Test
    void waitingLongPollsAreAnsweredWhenTheServerStops() throws Exception {
        TestRegistry registry = backend().start(TestRegistry.config());
        DeployFixture fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "stop");
        fixture.promote("stopping", fixture.ready("stopping"), 100);
        CompletableFuture<HttpResponse<String>> poll = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        registry.baseUri().resolve("/models/stopping/deployment?after_revision=1&wait=30s"))
                .header("Authorization", "Bearer " + fixture.registrantToken).build(), HttpResponse.BodyHandlers.ofString());
        // Let the poll reach the server and start waiting (the wait itself is 30 s).
        Thread.sleep(2000);
        assertThat(poll).isNotDone();
        Instant stopping = Instant.now();
        registry.close();
        HttpResponse<String> answer = poll.get(15, TimeUnit.SECONDS);
        assertThat(Duration.between(stopping, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"revision\":1");
    }
}

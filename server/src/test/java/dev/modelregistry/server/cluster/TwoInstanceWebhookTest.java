package dev.modelregistry.server.cluster;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.WebhookReceiver;
import dev.modelregistry.server.testing.WebhookReceiver.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.modelregistry.server.cluster.WebhookProcessSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one PostgreSQL database, both dispatching: events committed on either instance reach the
 * receiver exactly once each (a lease in the database lets one instance attempt a delivery; a duplicate would need
 * an attempt to outlive its lease or an instance to die between the answer and its record), and per model in order.
 */
class TwoInstanceWebhookTest {
    private static final int MODELS = 4;
    private static final int VERSIONS_PER_MODEL = 40;

    @TempDir
    Path dir;

    @Test
    void eachEventIsDeliveredOnceWhicheverInstanceCommittedIt() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            new Migrations(database).migrate();
        }
        List<ServerProcess> servers = new ArrayList<>();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            for (int i = 0; i < 2; i++) {
                List<String> flags = new ArrayList<>(List.of("--db", url, "--data-dir", dir.resolve("data-" + i).toString(),
                        "--signing-key", dir.resolve("signing.pem").toString(),
                        "--artifacts", dir.resolve("artifacts").toString()));
                flags.addAll(WebhookProcessSupport.webhookFlags(dir.resolve("webhook.key")));
                servers.add(ServerProcess.startWith(flags, ADMIN, dir.resolve("server-" + i + ".log")));
            }
            URI a = servers.get(0).baseUri();
            URI b = servers.get(1).baseUri();
            WebhookProcessSupport.call(a, "POST", "/teams", "{\"name\":\"desk\"}", 201);
            List<String> models = IntStream.range(0, MODELS).mapToObj(i -> "model-" + i).toList();
            models.forEach(model -> WebhookProcessSupport.register(a, model, "desk"));
            String webhook = WebhookProcessSupport.subscribe(b, receiver.url("cluster"), models);

            registerFromBothInstances(models, a, b);

            int expected = MODELS * VERSIONS_PER_MODEL;
            var log = WebhookProcessSupport.awaitAllDelivered(a, webhook, expected, Duration.ofSeconds(120));
            Map<String, Long> arrivals = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
            assertThat(arrivals.keySet()).isEqualTo(WebhookProcessSupport.ids(log));
            assertThat(arrivals).as("arrivals per event").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            assertThat(log).allMatch(d -> d.get("attempts").asInt() == 1);
            WebhookProcessSupport.firstArrivalsByModel(receiver.received()).forEach((chain, order) ->
                    assertThat(order).as("arrivals of %s", chain).isSorted().hasSize(VERSIONS_PER_MODEL));
        } finally {
            ServerProcess.stopAll(servers, url);
        }
    }

    /** Each model's versions are registered alternately through either instance, the models in parallel. */
    private static void registerFromBothInstances(List<String> models, URI a, URI b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(models.size());
        try {
            List<Future<?>> writers = models.stream().map(model -> pool.submit(() -> {
                for (int i = 0; i < VERSIONS_PER_MODEL; i++) {
                    WebhookProcessSupport.register(i % 2 == 0 ? a : b, model, "desk");
                }
            })).collect(Collectors.toList());
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}

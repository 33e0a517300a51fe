package dev.modelregistry.server.cluster;

import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.WebhookReceiver;
import dev.modelregistry.server.testing.WebhookReceiver.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.modelregistry.server.cluster.WebhookProcessSupport.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server is killed with SIGKILL while webhook deliveries are in flight and events are still being committed.
 * After a restart on the same database every event is delivered (at least once: those in flight at the kill may
 * arrive twice), and per model in order. Once on SQLite, once on PostgreSQL.
 */
class WebhookCrashTest {
    private static final List<String> MODELS = List.of("alpha", "beta", "gamma");
    private static final int VERSIONS_PER_MODEL = 10;

    @TempDir
    Path dir;

    @Test
    void onSqliteEveryEventIsDeliveredAfterAKill() throws Exception {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        flags.addAll(WebhookProcessSupport.webhookFlags(dir.resolve("webhook.key")));
        killMidDispatchThenRestart(flags);
    }

    @Test
    void onPostgresEveryEventIsDeliveredAfterAKill() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try {
            List<String> flags = new ArrayList<>(List.of("--db", url, "--data-dir", dir.resolve("data").toString()));
            flags.addAll(WebhookProcessSupport.webhookFlags(dir.resolve("webhook.key")));
            killMidDispatchThenRestart(flags);
        } finally {
            TestDatabases.dropSchemaOf(url);
        }
    }

    private void killMidDispatchThenRestart(List<String> flags) throws Exception {
        try (WebhookReceiver slow = WebhookReceiver.start()) {
            slow.delay(Duration.ofMillis(150));
            String webhook;
            int beforeKill;
            try (ServerProcess first = ServerProcess.startWith(flags, ADMIN, dir.resolve("first.log"))) {
                URI server = first.baseUri();
                WebhookProcessSupport.call(server, "POST", "/teams", "{\"name\":\"desk\"}", 201);
                MODELS.forEach(model -> WebhookProcessSupport.register(server, model, "desk"));
                webhook = WebhookProcessSupport.subscribe(server, slow.url("crash"), MODELS);
                Future<?> writing = registerConcurrently(server);
                slow.await(Duration.ofSeconds(60), "a few deliveries", received -> received.size() >= 5);
                first.kill();
                beforeKill = slow.received().size();
                writing.cancel(true);
            }
            try (ServerProcess second = ServerProcess.startWith(flags, ADMIN, dir.resolve("second.log"))) {
                URI server = second.baseUri();
                int committed = committedVersionEvents(server);
                assertThat(beforeKill).as("deliveries were still to come when the server was killed")
                        .isLessThan(committed);
                var log = WebhookProcessSupport.awaitAllDelivered(server, webhook, committed, Duration.ofSeconds(90));
                Set<String> arrived = slow.received().stream().map(Received::webhookId).collect(Collectors.toSet());
                assertThat(arrived).as("every committed event reached the receiver")
                        .containsAll(WebhookProcessSupport.ids(log));
                WebhookProcessSupport.firstArrivalsByModel(slow.received()).forEach((chain, order) ->
                        assertThat(order).as("first arrivals of %s", chain).isSorted());
                assertThat(slow.received().size() - log.size()).as("duplicates: only what was in flight at the kill")
                        .isLessThanOrEqualTo(MODELS.size());
            }
        }
    }

    /** Registers versions of every model from a few threads, until done or the server dies. */
    private static Future<?> registerConcurrently(URI server) {
        ExecutorService pool = Executors.newFixedThreadPool(MODELS.size());
        List<Future<?>> writers = MODELS.stream().map(model -> pool.submit(() -> {
            for (int i = 0; i < VERSIONS_PER_MODEL; i++) {
                WebhookProcessSupport.register(server, model, "desk");
            }
        })).collect(Collectors.toList());
        pool.shutdown();
        return writers.getFirst();
    }

    /** The events the subscription was to receive: the version.registered entries after it was made. */
    private static int committedVersionEvents(URI server) {
        return MODELS.stream().mapToInt(model -> {
            var entries = WebhookProcessSupport.call(server, "GET", "/audit?subject=model:" + model + "&limit=500",
                    null, 200).get("items");
            int count = 0;
            for (var entry : entries) {
                count += entry.get("action").asText().equals("version.registered") ? 1 : 0;
            }
            return count - 1;
        }).sum();
    }
}

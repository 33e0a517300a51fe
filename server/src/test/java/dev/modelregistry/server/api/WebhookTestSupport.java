package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.config.WebhookConfig;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.Polling;
import dev.modelregistry.server.testing.TestRegistry;
import dev.modelregistry.server.testing.TestRegistry.Response;
import dev.modelregistry.server.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A registry whose webhooks may target 127.0.0.1 (its allow-list, as an operator would set it for receivers on the
 * same host), whose attempts time out after a second, whose dispatcher polls every 50 ms, and whose clock the
 * tests move forward instead of waiting out backoffs; plus one real receiver on loopback.
 */
abstract class WebhookTestSupport extends ApiTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(20);

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    final WebhookReceiver receiver = WebhookReceiver.start();

    @Override
    ServerConfig config() {
        return TestRegistry.config().withClock(clock).withWebhooks(WebhookConfig.defaults()
                .withAllowHosts(List.of("127.0.0.1")).withTimeout(TIMEOUT).withPollInterval(Duration.ofMillis(50)));
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    /** A team, its one member, and a model it owns with one version the member registered. */
    record TeamModel(String team, Member member, String model) {
    }

    static TeamModel teamModel(String prefix) {
        String team = unique(prefix);
        Member member = teamMember(team);
        String model = unique("m");
        register(model, member.token(), registration(team));
        return new TeamModel(team, member, model);
    }

    static ObjectNode subscription(String url, List<String> eventTypes, List<String> models) {
        ObjectNode body = object().put("url", url);
        if (eventTypes != null) {
            body.set("event_types", JSON.valueToTree(eventTypes));
        }
        if (models != null) {
            body.set("models", JSON.valueToTree(models));
        }
        return body;
    }

    /** Subscribes (as {@code token}) and returns the answer, secret included. */
    static JsonNode subscribe(String token, String url, List<String> eventTypes, List<String> models) {
        return assertStatus(201, post("/webhooks", token, subscription(url, eventTypes, models))).body();
    }

    static List<JsonNode> deliveries(String webhookId) {
        return allPages("/webhooks/" + webhookId + "/deliveries", ADMIN, 500);
    }

    /** The delivery log once {@code done} holds for it; fails after {@link #WAIT}. */
    static List<JsonNode> awaitLog(String webhookId, String what, Predicate<List<JsonNode>> done) {
        return Polling.until(WAIT, "delivery log: " + what, () -> deliveries(webhookId), done);
    }

    static String type(String action) {
        return "dev.modelregistry." + action;
    }

    static Response subscriptionOf(String id) {
        return get("/webhooks/" + id, ADMIN);
    }

    static void sleep(long millis) {
        Polling.pause(millis);
    }
}

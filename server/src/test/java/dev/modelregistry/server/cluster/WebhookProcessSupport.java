package dev.modelregistry.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.testing.Polling;
import dev.modelregistry.server.testing.WebhookReceiver.Received;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls the webhook process tests make of server processes, as an admin over plain HTTP. */
final class WebhookProcessSupport {
    static final String ADMIN = "hooks-admin-token-0123456789abcdef01234567";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COMMITS = new AtomicInteger(0x4000000);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebhookProcessSupport() {
    }

    /** The webhook flags of every instance: loopback allowed, short attempts, one shared key file. */
    static List<String> webhookFlags(java.nio.file.Path key) {
        return List.of("--webhook-allow-hosts", "127.0.0.1", "--webhook-timeout", "2", "--webhook-key", key.toString());
    }

    static JsonNode call(URI server, String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + ADMIN);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh version of {@code model} (owned by {@code team}): one version.registered event. */
    static void register(URI server, String model, String team) {
        String body = "{\"code_commit\":\"" + String.format("%07x", COMMITS.incrementAndGet())
                + "\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\""
                + team + "\"}";
        call(server, "POST", "/models/" + model + "/versions", body, 201);
    }

    /** An admin's subscription to these models' events; answers its id. */
    static String subscribe(URI server, String url, List<String> models) {
        String body = JSON.createObjectNode().put("url", url).set("models", JSON.valueToTree(models)).toString();
        return call(server, "POST", "/webhooks", body, 201).get("id").asText();
    }

    static List<JsonNode> deliveries(URI server, String webhook) {
        List<JsonNode> all = new ArrayList<>();
        String after = "";
        do {
            JsonNode page = call(server, "GET", "/webhooks/" + webhook + "/deliveries?limit=500"
                    + (after.isEmpty() ? "" : "&after=" + after), null, 200);
            page.get("items").forEach(all::add);
            after = page.get("next").isNull() ? "" : page.get("next").asText();
        } while (!after.isEmpty());
        return all;
    }

    /** Waits until every delivery of the log is delivered; answers the log. */
    static List<JsonNode> awaitAllDelivered(URI server, String webhook, int expected, Duration timeout) {
        return Polling.until(timeout, "all " + expected + " deliveries delivered", () -> deliveries(server, webhook),
                log -> log.size() == expected && log.stream().allMatch(d -> d.get("status").asText().equals("delivered")));
    }

    /**
     * Per model, the chain sequences of the events in the order they first arrived: at least once means an event may
     * arrive again later, but a later event of a model never arrives before an earlier one first did.
     */
    static Map<String, List<Long>> firstArrivalsByModel(List<Received> received) {
        return received.stream().collect(Collectors.groupingBy(r -> r.event().get("chain").asText(),
                Collectors.collectingAndThen(Collectors.mapping(Received::chainSeq,
                        Collectors.toCollection(LinkedHashSet::new)), ArrayList::new)));
    }

    static Set<String> ids(List<JsonNode> log) {
        return log.stream().map(d -> d.get("event_id").asText()).collect(Collectors.toSet());
    }
}

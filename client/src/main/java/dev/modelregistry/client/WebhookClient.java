package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Webhook subscriptions and their delivery logs, one method per route, with the same transport, token handling and
 * typed errors as {@link RegistryClient} (a client of its own because that class is at its size limit). An admin
 * subscribes to anything; a member of a team to models that team owns, named in {@code models}. Thread-safe.
 */
public final class WebhookClient implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final Transport transport;

    public WebhookClient(URI baseUri, String token) {
        this.transport = new Transport(json, baseUri, token, DEFAULT_TIMEOUT);
    }

    /**
     * Subscribes {@code url} to events of {@code eventTypes} (e.g. {@code dev.modelregistry.deployment.promoted}) of
     * {@code models}; null or empty means all. Answers the subscription with its {@code secret}, shown only here.
     */
    public JsonNode create(String url, List<String> eventTypes, List<String> models) {
        return create(url, eventTypes, models, null);
    }

    public JsonNode create(String url, List<String> eventTypes, List<String> models, String idempotencyKey) {
        ObjectNode body = json.createObjectNode().put("url", url);
        if (eventTypes != null && !eventTypes.isEmpty()) {
            body.set("event_types", json.valueToTree(eventTypes));
        }
        if (models != null && !models.isEmpty()) {
            body.set("models", json.valueToTree(models));
        }
        return transport.post("/webhooks", body, idempotencyKey).requiredBody();
    }

    /** The subscriptions the caller may manage, in id order, without secrets. */
    public Page list(String after, Integer limit) {
        return Pages.get(transport, "/webhooks", after, limit);
    }

    public Stream<JsonNode> all() {
        return Pages.all(after -> list(after, null));
    }

    public JsonNode get(String id) {
        return transport.get(path(id), Map.of()).requiredBody();
    }

    public void delete(String id) {
        transport.delete(path(id));
    }

    /** A new secret, in this answer only; the old one keeps signing beside it for 24 hours. */
    public JsonNode rotateSecret(String id) {
        return transport.post(path(id) + ":rotate-secret", json.createObjectNode(), null).requiredBody();
    }

    /** Makes a failing subscription active again; the deliveries it gave up on are sent again, in order. */
    public JsonNode enable(String id) {
        return transport.post(path(id) + ":enable", json.createObjectNode(), null).requiredBody();
    }

    /** The delivery log, newest first: {@code {id, event_id, event_type, status, attempts, response_code, ...}}. */
    public Page deliveries(String id, String after, Integer limit) {
        return Pages.get(transport, path(id) + "/deliveries", after, limit);
    }

    public Stream<JsonNode> allDeliveries(String id) {
        return Pages.all(after -> deliveries(id, after, null));
    }

    /** Sends a delivery again (same webhook-id), once nothing earlier of its model is undelivered. */
    public JsonNode redeliver(String id, long deliveryId) {
        return transport.post(path(id) + "/deliveries/" + deliveryId + ":redeliver", json.createObjectNode(), null)
                .requiredBody();
    }

    private static String path(String id) {
        return "/webhooks/" + UriPaths.segment(id);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        // Never the token: this ends up in logs.
        return "WebhookClient[" + transport.base() + "]";
    }
}

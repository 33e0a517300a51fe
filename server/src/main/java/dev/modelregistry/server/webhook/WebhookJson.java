package dev.modelregistry.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.events.Event;
import dev.modelregistry.server.json.Json;

import java.util.List;
import java.util.Optional;

/** The API's JSON of webhook subscriptions and their deliveries (audit details use the same shapes). */
public final class WebhookJson {
    private WebhookJson() {
    }

    /** A subscription without its secret; {@code event_types} and {@code models} are null when it takes all. */
    public static ObjectNode subscription(Subscription s) {
        ObjectNode json = Json.object().put("id", s.id()).put("url", s.url());
        putList(json, "event_types", s.eventTypes());
        putList(json, "models", s.models());
        json.put("owner", s.owner().orElse(null)).put("state", s.state().wire());
        Json.putTime(json, "failing_since", s.failingSince().orElse(null));
        json.put("created_by", s.createdBy());
        Json.putTime(json, "created_at", s.createdAt());
        return Json.putTime(json, "previous_secret_expires_at", s.previousSecretUntil().orElse(null));
    }

    /** A subscription with the secret that is shown this once. */
    public static ObjectNode withSecret(WebhookService.WithSecret created) {
        return subscription(created.subscription()).put("secret", created.secret());
    }

    public static ObjectNode delivery(Delivery d) {
        ObjectNode json = Json.object().put("id", d.id()).put("webhook", d.subscriptionId())
                .put("event_id", Event.idOf(d.eventSeq())).put("event_type", d.eventType())
                .put("chain", d.chain()).put("chain_seq", d.chainSeq()).put("status", d.state().wire())
                .put("attempts", d.attempts());
        Json.putTime(json, "attempted_at", d.attemptedAt().orElse(null));
        json.put("response_code", d.responseCode().orElse(null));
        json.put("latency_ms", d.latencyMillis().orElse(null));
        json.put("error", d.error().orElse(null));
        Json.putTime(json, "next_attempt_at", d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null);
        return Json.putTime(json, "delivered_at", d.deliveredAt().orElse(null));
    }

    public static ObjectNode redelivery(Redelivery r) {
        return Json.object().put("delivery", r.deliveryId()).put("event_id", r.eventId());
    }

    private static void putList(ObjectNode json, String field, Optional<List<String>> values) {
        if (values.isEmpty()) {
            json.putNull(field);
        } else {
            values.get().forEach(json.putArray(field)::add);
        }
    }
}

package dev.modelregistry.server.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * One event a subscription is to receive, with the outcome of its latest attempt: what the delivery log shows.
 * {@code responseCode} is empty when no answer came (refused, timed out), {@code error} when the answer was 2xx.
 */
public record Delivery(long id, String subscriptionId, long eventSeq, String eventType, String chain, long chainSeq,
                       DeliveryState state, int attempts, Instant nextAttemptAt, Optional<Instant> attemptedAt,
                       Optional<Integer> responseCode, Optional<Long> latencyMillis, Optional<String> error,
                       Optional<Instant> deliveredAt) {
}

package dev.modelregistry.server.webhook;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.config.WebhookConfig;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.events.Event;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt of a claimed delivery: resolve and check the target again, sign with the subscription's secrets,
 * POST, and record the outcome. A 2xx is delivered, and the next delivery in the same line is claimed in the same
 * transaction; anything else is retried after a backoff until 24 hours after the first attempt, when the delivery
 * fails for good and its subscription is marked failing (audited), which stops it until it is enabled again.
 */
final class DeliveryAttempts {
    static final Duration RETRY_WINDOW = Duration.ofHours(24);
    /** How long a lease outlives the attempt's own deadline: time to record the outcome. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    private static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final Database database;
    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final SecretBox secrets;
    private final TargetPolicy targets;
    private final WebhookPost post = new WebhookPost();
    private final AuditLog audit;
    private final WebhookConfig config;
    private final Clock clock;

    DeliveryAttempts(Database database, DeliveryStore deliveries, SubscriptionStore subscriptions, SecretBox secrets,
                     TargetPolicy targets, AuditLog audit, WebhookConfig config, Clock clock) {
        this.database = database;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.targets = targets;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Until when a delivery claimed at {@code now} is this instance's: longer than any attempt can take. */
    Instant leaseUntil(Instant now) {
        return now.plus(config.timeout()).plus(LEASE_MARGIN);
    }

    /** Attempts {@code delivery}; answers the next delivery of its line when this one was delivered and that is due. */
    Optional<ClaimedDelivery> attempt(ClaimedDelivery delivery) {
        WebhookPost.Outcome outcome = send(delivery);
        Instant at = Times.truncate(clock.instant());
        if (outcome.delivered() || at.isBefore(giveUpAt(delivery, at))) {
            // Losing this record in a crash means sending the delivery again: at least once allows that.
            return database.inTransactionFlushedLater(handle -> record(handle, delivery, outcome, at));
        }
        // Giving up writes an audit entry, which must be as durable as every other.
        return database.inTransaction(handle -> record(handle, delivery, outcome, at));
    }

    private static Instant giveUpAt(ClaimedDelivery delivery, Instant at) {
        return delivery.firstAttemptAt().orElse(at).plus(RETRY_WINDOW);
    }

    private WebhookPost.Outcome send(ClaimedDelivery delivery) {
        WebhookUrl url = WebhookUrl.parse(delivery.url());
        byte[] body = delivery.cloudEvent().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers;
        InetAddress address;
        try {
            headers = headers(delivery, body);
            address = targets.addressToConnect(url);
        } catch (IOException e) {
            return failedBeforeSending("target refused: " + e.getMessage());
        } catch (IllegalStateException e) {
            return failedBeforeSending("cannot sign: " + e.getMessage());
        }
        return post.post(url, address, headers, body, config.timeout());
    }

    private static WebhookPost.Outcome failedBeforeSending(String error) {
        return new WebhookPost.Outcome(Optional.empty(), 0, Optional.of(error));
    }

    /** The Standard Webhooks headers: the event's id, the time of this attempt, and its signatures. */
    private Map<String, String> headers(ClaimedDelivery delivery, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        String id = Event.idOf(delivery.eventSeq());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("User-Agent", "model-registry-webhooks/1");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSecrets.signatureHeader(signingSecrets(delivery), id, timestamp, body));
        return headers;
    }

    /** The current secret, and the rotated-out one while its overlap lasts. */
    private List<String> signingSecrets(ClaimedDelivery delivery) {
        List<String> signing = new ArrayList<>(List.of(secrets.open(delivery.sealedSecret())));
        boolean overlapping = delivery.previousSecretUntil().map(until -> clock.instant().isBefore(until)).orElse(false);
        if (overlapping && delivery.sealedPreviousSecret().isPresent()) {
            signing.add(secrets.open(delivery.sealedPreviousSecret().get()));
        }
        return signing;
    }

    private Optional<ClaimedDelivery> record(Handle handle, ClaimedDelivery delivery, WebhookPost.Outcome outcome,
                                             Instant at) {
        DeliveryStore.Attempt attempt = new DeliveryStore.Attempt(at, outcome.status(), outcome.latencyMillis(),
                outcome.error());
        if (outcome.delivered()) {
            deliveries.markDelivered(handle, delivery, attempt);
            return deliveries.claimNextInLine(handle, delivery, at, leaseUntil(at));
        }
        Instant giveUpAt = giveUpAt(delivery, at);
        if (at.isBefore(giveUpAt)) {
            Instant next = at.plus(Backoff.after(delivery.attempts() + 1));
            deliveries.markRetry(handle, delivery.id(), attempt, next.isAfter(giveUpAt) ? giveUpAt : next);
        } else {
            deliveries.markFailed(handle, delivery.id(), attempt);
            markFailing(handle, delivery.subscriptionId(), at);
        }
        return Optional.empty();
    }

    private void markFailing(Handle handle, String subscriptionId, Instant at) {
        Optional<Subscription> before = subscriptions.find(handle, subscriptionId);
        if (before.isPresent() && subscriptions.markFailing(handle, subscriptionId, at)) {
            audit.append(handle, Caller.system("webhook-dispatcher"), new AuditEvent(WebhookService.CHAIN,
                    "webhook.failing", WebhookService.subject(subscriptionId), before.get(), before.get().failing(at)));
        }
    }
}

package dev.modelregistry.server.webhook;

import java.time.Instant;
import java.util.Optional;

/**
 * A delivery this instance holds the lease of, with everything an attempt needs: the event's CloudEvent text, the
 * target, and the subscription's sealed secrets (the previous one while it still signs).
 */
record ClaimedDelivery(long id, String subscriptionId, String chain, long chainSeq, long eventSeq, String cloudEvent,
                       String url, String sealedSecret, Optional<String> sealedPreviousSecret,
                       Optional<Instant> previousSecretUntil, int attempts, Optional<Instant> firstAttemptAt) {
}

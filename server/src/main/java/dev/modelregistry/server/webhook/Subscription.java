package dev.modelregistry.server.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A webhook subscription as the API shows it (never with its secret). {@code eventTypes} and {@code models} are
 * empty when it receives every type or every model. {@code owner} is the team whose member made it, empty when an
 * admin did ({@code ownerTeamRowId} 0). {@code previousSecretUntil} is set while a rotated-out secret still signs.
 */
public record Subscription(String id, String url, Optional<List<String>> eventTypes, Optional<List<String>> models,
                           long ownerTeamRowId, Optional<String> owner, SubscriptionState state, String createdBy,
                           Instant createdAt, Optional<Instant> failingSince, Optional<Instant> previousSecretUntil) {
    public Subscription {
        eventTypes = eventTypes.map(List::copyOf);
        models = models.map(List::copyOf);
    }

    public Subscription failing(Instant since) {
        return new Subscription(id, url, eventTypes, models, ownerTeamRowId, owner, SubscriptionState.FAILING, createdBy,
                createdAt, Optional.of(since), previousSecretUntil);
    }

    public Subscription active() {
        return new Subscription(id, url, eventTypes, models, ownerTeamRowId, owner, SubscriptionState.ACTIVE, createdBy,
                createdAt, Optional.empty(), previousSecretUntil);
    }

    public Subscription previousSecretUntil(Instant until) {
        return new Subscription(id, url, eventTypes, models, ownerTeamRowId, owner, state, createdBy, createdAt,
                failingSince, Optional.of(until));
    }
}

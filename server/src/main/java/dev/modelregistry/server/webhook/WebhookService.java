package dev.modelregistry.server.webhook;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.events.Event;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.team.TeamService;
import org.jdbi.v3.core.Handle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webhook subscriptions: who may subscribe to what, and managing a subscription and its deliveries. An admin may
 * subscribe to anything; a member of a team only to models that team owns, named one by one. Whoever may make a
 * subscription may see and manage it; to anyone else it does not exist (404). Every change is audited on the
 * {@code webhooks} chain; its secret never is.
 */
public final class WebhookService {
    /** The audit chain of webhook subscriptions. */
    public static final String CHAIN = "webhooks";
    /** How long a rotated-out secret keeps signing beside the new one, so receivers can switch without a gap. */
    static final Duration SECRET_OVERLAP = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final SecretBox secrets;
    private final TargetPolicy targets;
    private final ModelService models;
    private final TeamService teams;
    private final AuditLog audit;
    private final DispatchSignal wake;
    private final Clock clock;

    /** What a subscription asks for; an empty filter means everything. */
    public record NewSubscription(WebhookUrl url, Optional<List<String>> eventTypes, Optional<List<ModelName>> models) {
    }

    /** A subscription with its secret, which is shown in this answer only. */
    public record WithSecret(Subscription subscription, String secret) {
    }

    WebhookService(Database database, SubscriptionStore subscriptions, DeliveryStore deliveries,
                          SecretBox secrets, TargetPolicy targets, ModelService models, TeamService teams,
                          AuditLog audit, DispatchSignal wake, Clock clock) {
        this.database = database;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.targets = targets;
        this.models = models;
        this.teams = teams;
        this.audit = audit;
        this.wake = wake;
        this.clock = clock;
    }

    static String subject(String id) {
        return "webhook:" + id;
    }

    public WithSecret create(Caller caller, NewSubscription request) {
        // Outside the transaction: a DNS lookup may take a while.
        targets.checkSubscribable(request.url());
        String secret = WebhookSecrets.newSecret();
        return database.inTransaction(handle -> {
            long ownerTeam = ownerTeam(handle, caller, request.models());
            String id = newId();
            Optional<List<String>> modelNames = request.models().map(names -> names.stream().map(ModelName::value)
                    .distinct().sorted().toList());
            subscriptions.insert(handle, new SubscriptionStore.NewSubscription(id, request.url().text(),
                    request.eventTypes().map(types -> types.stream().distinct().sorted().toList()), modelNames,
                    ownerTeam, secrets.seal(secret), caller.name(), now()));
            Subscription created = subscriptions.find(handle, id).orElseThrow();
            audit.append(handle, caller, AuditEvent.created(CHAIN, "webhook.created", subject(id), created));
            return new WithSecret(created, secret);
        });
    }

    /**
     * The team a new subscription belongs to: none (0) for an admin's; for anyone else, the one team that owns every
     * model named, of which the caller must be a member. Unknown models are refused first, for anyone.
     */
    private long ownerTeam(Handle handle, Caller caller, Optional<List<ModelName>> named) {
        List<Model> found = named.orElse(List.of()).stream().map(name -> existing(handle, name)).toList();
        if (caller.admin()) {
            return 0;
        }
        if (named.isEmpty()) {
            throw new RegistryException(ErrorCode.ADMIN_REQUIRED, "only an admin may subscribe to every model; "
                    + "name your team's models in models");
        }
        Set<Long> owners = found.stream().map(Model::ownerTeamRowId).collect(Collectors.toSet());
        if (owners.size() > 1) {
            throw RegistryException.invalid("models", "must all belong to one team: a subscription is its team's");
        }
        Model first = found.getFirst();
        if (!teams.isMember(handle, first.ownerTeamRowId(), caller.principalRowId())) {
            throw new RegistryException(ErrorCode.NOT_TEAM_MEMBER, caller.name() + " is not a member of "
                    + first.owner() + ", which owns " + first.name() + "; only its members (or an admin) subscribe to it");
        }
        return first.ownerTeamRowId();
    }

    private Model existing(Handle handle, ModelName name) {
        try {
            return models.requireModel(handle, name);
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            throw RegistryException.invalid("models", "no model named " + name + " exists");
        }
    }

    public List<Subscription> page(Caller caller, String afterId, int limit) {
        Optional<Long> member = caller.admin() ? Optional.empty() : Optional.of(caller.principalRowId());
        return database.withHandle(handle -> subscriptions.page(handle, member, afterId, limit));
    }

    public Subscription get(Caller caller, String id) {
        return database.withHandle(handle -> requireManageable(handle, caller, id));
    }

    public void delete(Caller caller, String id) {
        database.inTransaction(handle -> {
            Subscription gone = requireManageable(handle, caller, id);
            deliveries.deleteOf(handle, id);
            subscriptions.delete(handle, id);
            audit.append(handle, caller, AuditEvent.removed(CHAIN, "webhook.deleted", subject(id), gone));
            return null;
        });
    }

    /** A new secret, shown once; the old one keeps signing beside it for {@link #SECRET_OVERLAP}. */
    public WithSecret rotateSecret(Caller caller, String id) {
        String secret = WebhookSecrets.newSecret();
        return database.inTransaction(handle -> {
            Subscription before = requireManageable(handle, caller, id);
            Instant until = now().plus(SECRET_OVERLAP);
            subscriptions.rotate(handle, id, secrets.seal(secret), until);
            Subscription after = before.previousSecretUntil(until);
            audit.append(handle, caller, new AuditEvent(CHAIN, "webhook.secret_rotated", subject(id), before, after));
            return new WithSecret(after, secret);
        });
    }

    /**
     * Makes a failing subscription active again: the deliveries it gave up on are tried again at once, in order,
     * with a fresh retry window. An active subscription is answered as it is.
     */
    public Subscription enable(Caller caller, String id) {
        return database.inTransaction(handle -> {
            Subscription before = requireManageable(handle, caller, id);
            if (!subscriptions.enable(handle, id)) {
                return before;
            }
            deliveries.resumeFailed(handle, id, now());
            Subscription after = before.active();
            audit.append(handle, caller, new AuditEvent(CHAIN, "webhook.enabled", subject(id), before, after));
            wake.afterCommit(handle);
            return after;
        });
    }

    /** The delivery log, newest first, below {@code beforeId}. */
    public List<Delivery> deliveries(Caller caller, String id, long beforeId, int limit) {
        return database.withHandle(handle -> {
            requireManageable(handle, caller, id);
            return deliveries.page(handle, id, beforeId, limit);
        });
    }

    /**
     * Sends a delivery again, with the same {@code webhook-id}: at once when nothing else of its model is undelivered,
     * else after what heads its line (one delivery of a line is in flight at a time). A delivery still undelivered is
     * left as it is. Refused while the subscription is failing.
     */
    public Delivery redeliver(Caller caller, String id, long deliveryId) {
        return database.inTransaction(handle -> {
            Subscription subscription = requireManageable(handle, caller, id);
            if (subscription.state() == SubscriptionState.FAILING) {
                throw new RegistryException(ErrorCode.INVALID_TRANSITION, "webhook " + id
                        + " is failing; enable it (POST /webhooks/" + id + ":enable) to resume its deliveries");
            }
            Delivery delivery = deliveries.find(handle, id, deliveryId)
                    .orElseThrow(() -> RegistryException.notFound("delivery " + deliveryId + " of webhook " + id));
            deliveries.redeliver(handle, delivery, now());
            audit.append(handle, caller, AuditEvent.created(CHAIN, "webhook.redelivery_requested", subject(id),
                    new Redelivery(deliveryId, Event.idOf(delivery.eventSeq()))));
            wake.afterCommit(handle);
            return deliveries.find(handle, id, deliveryId).orElseThrow();
        });
    }

    private Subscription requireManageable(Handle handle, Caller caller, String id) {
        return subscriptions.find(handle, id).filter(s -> mayManage(handle, caller, s))
                .orElseThrow(() -> RegistryException.notFound("webhook " + id));
    }

    private boolean mayManage(Handle handle, Caller caller, Subscription subscription) {
        return caller.admin() || (subscription.ownerTeamRowId() != 0
                && teams.isMember(handle, subscription.ownerTeamRowId(), caller.principalRowId()));
    }

    private Instant now() {
        return Times.truncate(clock.instant());
    }

    private static String newId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "wh_" + HexFormat.of().formatHex(id);
    }
}

package dev.modelregistry.server.webhook;

import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.config.WebhookConfig;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.team.TeamService;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What webhooks need from an instance's start: the key that seals the secrets (checked against the one the
 * database was written with), the SSRF policy of the operator's allow-list, and the signal with which commits that
 * queued deliveries wake this instance's dispatcher.
 */
public final class WebhookSetup {
    /** The cluster lock under which instances starting together on a new registry record one key ("webhk"). */
    private static final long KEY_LOCK = 0x776562686bL;

    private final SecretBox secrets;
    private final TargetPolicy targets;
    private final DispatchSignal wake = new DispatchSignal();
    private final WebhookConfig config;

    private WebhookSetup(SecretBox secrets, TargetPolicy targets, WebhookConfig config) {
        this.secrets = secrets;
        this.targets = targets;
        this.config = config;
    }

    /**
     * Loads (or at first start creates) the secrets' key, and refuses to go on when the database was written with
     * another key.
     */
    public static WebhookSetup open(ServerConfig server, Database database) throws IOException {
        WebhookConfig config = server.webhooks();
        Path keyFile = config.secretKeyPath(server.deploy().signingKeyPath(server.dataDir()));
        Clock clock = server.clock();
        SecretBox secrets = SecretBox.loadOrCreate(keyFile);
        SubscriptionStore store = new SubscriptionStore();
        database.inTransactionUnderClusterLock(KEY_LOCK, "webhook key", handle -> {
            Optional<String> recorded = store.recordedKeyId(handle);
            if (recorded.isEmpty()) {
                store.recordKeyId(handle, secrets.keyId(), Times.truncate(clock.instant()));
            } else if (!recorded.get().equals(secrets.keyId())) {
                throw new IllegalStateException("the webhook key " + keyFile + " (id " + secrets.keyId()
                        + ") is not the one this database's webhook secrets were sealed with (id " + recorded.get()
                        + "); give every instance the same --webhook-key file");
            }
        });
        TargetPolicy targets = TargetPolicy.of(config.allowHosts());
        return new WebhookSetup(secrets, targets, config);
    }

    /** The sink that queues every event for the subscriptions it matches, in the event's transaction. */
    public WebhookFanOut fanOut(DeliveryStore deliveries, Clock clock) {
        return new WebhookFanOut(deliveries, wake, clock);
    }

    /** The service, and this instance's dispatcher (not started yet). */
    public WebhookFeature wire(Database database, SubscriptionStore subscriptions, DeliveryStore deliveries,
                               ModelService models, TeamService teams, AuditLog audit, Clock clock) {
        WebhookService service = new WebhookService(database, subscriptions, deliveries, secrets, targets, models,
                teams, audit, wake, clock);
        DeliveryAttempts attempts = new DeliveryAttempts(database, deliveries, subscriptions, secrets, targets, audit,
                config, clock);
        return new WebhookFeature(service,
                new WebhookDispatcher(database, deliveries, attempts, wake, config.pollInterval(), clock));
    }
}

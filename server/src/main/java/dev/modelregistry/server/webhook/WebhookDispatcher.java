package dev.modelregistry.server.webhook;

import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends webhook deliveries, on every instance. It claims what is due (a lease in the database, so each delivery is
 * attempted by one instance at a time however many run) and works each claimed line on a virtual thread: attempt,
 * record, and on success go on with the next delivery of the same subscription and model. It wakes when a commit
 * queued deliveries (on any instance, through the change feed) and otherwise every poll interval, for retries.
 * Nothing lives only in memory: a crash leaves leased deliveries that any instance takes up once the lease ends.
 */
public final class WebhookDispatcher implements AutoCloseable {
    /** The change feed channel (a fixed identifier) on which commits that queued deliveries are announced. */
    public static final String CHANGE_CHANNEL = "modelreg_webhooks";
    static final String WAKE_KEY = "deliveries";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_IN_FLIGHT = 64;
    private static final int BATCH = 32;

    private final Database database;
    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final ChangeFeed changes;
    private final Duration pollInterval;
    private final Clock clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean running;
    private Thread loop;

    WebhookDispatcher(Database database, DeliveryStore deliveries, DeliveryAttempts attempts, ChangeFeed changes,
                      Duration pollInterval, Clock clock) {
        this.database = database;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.changes = changes;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    public synchronized void start() {
        running = true;
        loop = Thread.ofPlatform().daemon().name("modelreg-webhook-dispatcher").start(this::run);
    }

    private void run() {
        try (ChangeFeed.Subscription wake = changes.subscribe(WAKE_KEY)) {
            while (running && wake.open()) {
                if (dispatchDue() < BATCH) {
                    wake.awaitChange(pollInterval);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims due deliveries, as many as there is room for, and starts working each one's line; answers how many. */
    public int dispatchDue() {
        int room = Math.min(BATCH, inFlight.availablePermits());
        if (room == 0) {
            return 0;
        }
        List<ClaimedDelivery> claimed;
        try {
            Instant now = Times.truncate(clock.instant());
            claimed = database.inTransaction(handle -> deliveries.claimDue(handle, now, attempts.leaseUntil(now), room));
        } catch (RuntimeException e) {
            LOG.warn("webhook deliveries could not be claimed ({}); trying again in {}", e.toString(), pollInterval);
            return 0;
        }
        for (ClaimedDelivery delivery : claimed) {
            inFlight.acquireUninterruptibly();
            Thread.ofVirtual().name("modelreg-webhook-" + delivery.id()).start(() -> workLine(delivery));
        }
        return claimed.size();
    }

    private void workLine(ClaimedDelivery first) {
        try {
            Optional<ClaimedDelivery> next = Optional.of(first);
            while (next.isPresent() && running) {
                next = attempts.attempt(next.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook delivery {} could not be recorded ({}); it is tried again when its lease ends",
                    first.id(), e.toString());
        } finally {
            inFlight.release();
        }
    }

    /** Stops claiming, and waits a little for attempts under way to be recorded (their leases cover the rest). */
    @Override
    public synchronized void close() {
        running = false;
        if (loop == null) {
            return;
        }
        loop.interrupt();
        try {
            loop.join(Duration.ofSeconds(5));
            if (inFlight.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS)) {
                inFlight.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.modelregistry.server.webhook;

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
 * queued deliveries on this instance, and otherwise every poll interval: for retries, and for what other instances
 * committed but did not send.
 * Nothing lives only in memory: a crash leaves leased deliveries that any instance takes up once the lease ends.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_IN_FLIGHT = 64;
    private static final int BATCH = 32;

    private final Database database;
    private final DeliveryStore deliveries;
    private final DeliveryAttempts attempts;
    private final DispatchSignal wake;
    private final Duration pollInterval;
    private final Clock clock;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean running;
    private Thread loop;

    WebhookDispatcher(Database database, DeliveryStore deliveries, DeliveryAttempts attempts, DispatchSignal wake,
                      Duration pollInterval, Clock clock) {
        this.database = database;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.wake = wake;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    public synchronized void start() {
        running = true;
        loop = Thread.ofPlatform().daemon().name("modelreg-webhook-dispatcher").start(this::run);
    }

    private void run() {
        try {
            while (running && wake.open()) {
                if (dispatchDue() < BATCH) {
                    wake.await(pollInterval);
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
            // A lease lost in a crash only lets the delivery be claimed again.
            claimed = database.inTransactionFlushedLater(
                    handle -> deliveries.claimDue(handle, now, attempts.leaseUntil(now), room));
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
            // An event committed while this line's last record was still uncommitted found its predecessor pending
            // and was not claimed; look again now rather than at the next poll.
            wake.wake();
        }
    }

    /** Stops claiming, and waits a little for attempts under way to be recorded (their leases cover the rest). */
    @Override
    public synchronized void close() {
        running = false;
        wake.close();
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

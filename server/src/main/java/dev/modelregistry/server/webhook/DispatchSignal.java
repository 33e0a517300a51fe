package dev.modelregistry.server.webhook;

import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this instance's dispatcher once a transaction that queued deliveries has committed, so the instance that
 * committed an event sends it at once. It is in-process on purpose, on PostgreSQL too: a NOTIFY in every audited
 * transaction would serialise their commits (PostgreSQL holds a database-wide lock from a notifying transaction's
 * pre-commit to its end), and the committing instance is as good a sender as any. Other instances find what is due
 * at their next poll, which is also how retries are found.
 */
final class DispatchSignal {
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean open = true;

    /** Wakes the dispatcher when {@code handle}'s transaction commits (never when it rolls back). */
    void afterCommit(Handle handle) {
        handle.afterCommit(signal::release);
    }

    /** Wakes the dispatcher now: a line of deliveries ended, and what waited behind it may be due. */
    void wake() {
        signal.release();
    }

    /** True when woken (since the last call), false when {@code timeout} passed first. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        signal.drainPermits();
        return woken;
    }

    boolean open() {
        return open;
    }

    /** The server is stopping: the dispatcher wakes for good. Closing again changes nothing. */
    synchronized void close() {
        if (open) {
            open = false;
            signal.release(Integer.MAX_VALUE / 2);
        }
    }
}

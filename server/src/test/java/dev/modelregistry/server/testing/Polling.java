package dev.modelregistry.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in tests for something another thread or process does: read again until it holds, or fail saying what. */
public final class Polling {
    private Polling() {
    }

    /** Reads until {@code done} holds for what was read and answers that; fails after {@code timeout}. */
    public static <T> T until(Duration timeout, String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T seen = read.get();
        while (!done.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + timeout + "; last seen: " + seen);
            }
            pause(20);
            seen = read.get();
        }
        return seen;
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

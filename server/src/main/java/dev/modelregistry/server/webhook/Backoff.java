package dev.modelregistry.server.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: exponential backoff from 5 seconds, doubling per attempt up to an hour,
 * with "equal jitter" (a random point in the upper half of each delay), so that receivers coming back after an
 * outage are not hit by every retry at the same instant. About 30 attempts fit in the 24-hour retry window.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofHours(1);

    private Backoff() {
    }

    /** The pause after the {@code attempts}-th failed attempt (1 for the first). */
    static Duration after(int attempts) {
        int doublings = Math.min(Math.max(attempts, 1) - 1, 20);
        long full = Math.min(MAX.toMillis(), FIRST.toMillis() << doublings);
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}

package dev.modelregistry.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When each of N watchers first saw each deployment revision ({@link System#nanoTime()}), and which production
 * version it saw there; plus the failures they reported. A revision's sightings can be awaited until all N have
 * seen it.
 */
final class RevisionSightings {
    private final int size;
    private final String what;
    private final Map<Long, Sightings> byRevision = new ConcurrentHashMap<>();
    private final AtomicLongArray latestRevision;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    /** {@code what} names the watchers in messages ("guards", "watchers"). */
    RevisionSightings(int size, String what) {
        this.size = size;
        this.what = what;
        this.latestRevision = new AtomicLongArray(size);
    }

    int size() {
        return size;
    }

    void seen(int watcher, long revision, String productionModelId, long nanos) {
        latestRevision.accumulateAndGet(watcher, revision, Math::max);
        of(revision).record(watcher, nanos, productionModelId);
    }

    void failed(int watcher, String message) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, what + " " + watcher + ": " + message);
    }

    int errors() {
        return errors.get();
    }

    String firstError() {
        return firstError.get();
    }

    private Sightings of(long revision) {
        return byRevision.computeIfAbsent(revision, r -> new Sightings(size));
    }

    /** Waits until every watcher has seen {@code revision}; fails, naming stragglers, after {@code timeout}. */
    Sightings await(long revision, Duration timeout) throws InterruptedException {
        Sightings s = of(revision);
        if (!s.all.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < size && missing.size() < 10; i++) {
                if (s.seen.get(i) == 0) {
                    missing.add(i + " at revision " + latestRevision.get(i));
                }
            }
            throw new IllegalStateException((size - s.count()) + " of " + size + " " + what
                    + " had not seen revision " + revision + " after " + timeout.toSeconds() + " s (e.g. "
                    + String.join(", ", missing) + "); errors so far: " + errors()
                    + (firstError.get() == null ? "" : ", first: " + firstError.get()));
        }
        return s;
    }

    /** When each watcher saw one revision, and which production version. */
    static final class Sightings {
        private final AtomicIntegerArray seen;
        private final AtomicLongArray nanos;
        private final AtomicReferenceArray<String> production;
        private final CountDownLatch all;

        private Sightings(int size) {
            this.seen = new AtomicIntegerArray(size);
            this.nanos = new AtomicLongArray(size);
            this.production = new AtomicReferenceArray<>(size);
            this.all = new CountDownLatch(size);
        }

        private void record(int watcher, long at, String productionModelId) {
            if (seen.compareAndSet(watcher, 0, 1)) {
                nanos.set(watcher, at);
                production.set(watcher, productionModelId);
                all.countDown();
            }
        }

        int count() {
            return (int) (seen.length() - all.getCount());
        }

        /** The sighting times, sorted (complete once {@link #await} returned). */
        long[] sortedNanos() {
            long[] copy = new long[nanos.length()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = nanos.get(i);
            }
            Arrays.sort(copy);
            return copy;
        }

        /** The production version each watcher saw, when all agree; else a description of the disagreement. */
        String production() {
            String first = production.get(0);
            for (int i = 1; i < production.length(); i++) {
                if (first == null || !first.equals(production.get(i))) {
                    return "watchers disagree: " + first + " vs " + production.get(i);
                }
            }
            return first;
        }
    }
}

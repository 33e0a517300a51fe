package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One series of rollbacks against one set of watchers (deploy guards or bare long-polls). A new version is promoted
 * (B at first), then {@code warmups + measured} times: a rollback to version A (timed: response -> every watcher has
 * seen the revision), and, except after the last, the promotion of a new ready version (every guard downloads it
 * once). Every watcher must see every revision in time, or the series fails.
 */
final class RollbackSeries {
    /** The figures of one series of rollbacks. */
    record Rounds(int warmups, int total, Latencies call, Latencies last, Latencies median,
                  Latencies first, Latencies promotion, List<Long> lastInOrder, long downloads) {
        String lastInOrderMillis() {
            return lastInOrder.stream().map(nanos -> String.format(Locale.ROOT, "%.1f", nanos / 1e6))
                    .collect(Collectors.joining(" "));
        }
    }

    private final String model;
    private final RollbackOptions options;
    private final Watchers watchers;
    private final PromotionSetup setup;
    private final String versionA;
    private final RevisionSightings book;
    private final Latencies.Recorder call = new Latencies.Recorder();
    private final Latencies.Recorder last = new Latencies.Recorder();
    private final Latencies.Recorder median = new Latencies.Recorder();
    private final Latencies.Recorder first = new Latencies.Recorder();
    private final Latencies.Recorder promotion = new Latencies.Recorder();
    private final List<Long> lastInOrder = new ArrayList<>();

    RollbackSeries(String model, RollbackOptions options, Watchers watchers, PromotionSetup setup, String versionA) {
        this.model = model;
        this.options = options;
        this.watchers = watchers;
        this.setup = setup;
        this.versionA = versionA;
        this.book = watchers.sightings();
    }

    Rounds run(int warmups, int measured) throws Exception {
        int total = warmups + measured;
        promoteAndAwait(null);
        for (int round = 1; round <= total; round++) {
            boolean counted = round > warmups;
            rollBackAndAwait(round, counted);
            if (round < total) {
                promoteAndAwait(counted ? promotion : null);
            }
        }
        if (book.errors() > 0) {
            throw new IllegalStateException(book.errors() + " refusals/failures while watching, first: "
                    + book.firstError());
        }
        String serving = watchers.productionEverywhere();
        if (!versionA.equals(serving)) {
            throw new IllegalStateException("at the end the watchers hold " + serving + ", expected " + versionA);
        }
        return new Rounds(warmups, total, merge(call), merge(last), merge(median), merge(first), merge(promotion),
                lastInOrder, watchers.downloads());
    }

    /** One rollback to version A, recorded when {@code counted}; every watcher must switch back without a download. */
    private void rollBackAndAwait(int round, boolean counted) throws Exception {
        Thread.sleep(options.settle().toMillis());
        long downloadsBefore = watchers.downloads();
        long sent = System.nanoTime();
        JsonNode answer = setup.rollback(model, "rollback benchmark, round " + round);
        long t0 = System.nanoTime();
        long revision = answer.path("revision").asLong(-1);
        String restored = answer.path("production").path("model_id").asText();
        if (!versionA.equals(restored)) {
            throw new IllegalStateException("rollback " + round + " restored " + restored + ", expected "
                    + versionA + ": " + answer);
        }
        RevisionSightings.Sightings seen = book.await(revision, options.roundTimeout());
        if (counted) {
            long[] at = seen.sortedNanos();
            call.record(t0 - sent);
            last.record(at[at.length - 1] - t0);
            lastInOrder.add(at[at.length - 1] - t0);
            median.record(at[(at.length + 1) / 2 - 1] - t0);
            first.record(at[0] - t0);
        }
        if (!versionA.equals(seen.production())) {
            throw new IllegalStateException("after rollback " + round + " the watchers saw "
                    + seen.production() + ", expected " + versionA);
        }
        if (watchers.downloads() != downloadsBefore) {
            throw new IllegalStateException("rollback " + round + " made the guards download "
                    + (watchers.downloads() - downloadsBefore) + " artifacts; " + versionA + " should be cached");
        }
    }

    /** Registers a new ready version, promotes it and waits until every watcher has seen it. */
    private void promoteAndAwait(Latencies.Recorder lastSeen) throws Exception {
        String version = setup.ready(model);
        JsonNode answer = setup.promote(model, version);
        long t0 = System.nanoTime();
        RevisionSightings.Sightings seen = book.await(answer.path("revision").asLong(-1), options.roundTimeout());
        if (!version.equals(seen.production())) {
            throw new IllegalStateException("after promoting " + version + " the watchers saw " + seen.production());
        }
        if (lastSeen != null) {
            long[] at = seen.sortedNanos();
            lastSeen.record(at[at.length - 1] - t0);
        }
    }

    private static Latencies merge(Latencies.Recorder recorder) {
        return Latencies.merge(List.of(recorder));
    }
}

package dev.modelregistry.bench;

import java.util.Arrays;
import java.util.List;

/** The latencies of one measured window, sorted, with nearest-rank percentiles. */
final class Latencies {
    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    static Latencies merge(List<Recorder> recorders) {
        int total = recorders.stream().mapToInt(r -> r.size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Recorder r : recorders) {
            System.arraycopy(r.nanos, 0, all, at, r.size);
            at += r.size;
        }
        Arrays.sort(all);
        return new Latencies(all);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The nearest-rank percentile in milliseconds; {@code p} in (0, 100]. */
    double percentileMillis(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** One thread's samples: a growing array, so recording allocates nothing per request. */
    static final class Recorder {
        private long[] nanos = new long[16_384];
        private int size;

        void record(long latencyNanos) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latencyNanos;
        }
    }
}

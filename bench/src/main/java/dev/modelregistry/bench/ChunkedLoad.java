package dev.modelregistry.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads rows {@code 0..count-1} in chunks of a fixed size from N threads: each thread takes the next chunk when it
 * finished its last one, until none is left. Rows count when the worker reports them stored. The clock runs from
 * the start of the first chunk to the end of the last. The first failure stops every thread and fails the load;
 * so does a stall (no row stored for the stall time), after which the workers are aborted, so nothing waits forever.
 */
final class ChunkedLoad {
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    /** One thread's connection; {@link #load} stores rows {@code from..to-1} and reports them as they are stored. */
    interface Worker extends AutoCloseable {
        void load(long from, long to, Progress progress) throws Exception;

        /** Breaks off whatever the worker is blocked in (called from the monitor on a stall or a failure). */
        void abort();

        @Override
        void close() throws Exception;
    }

    interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    /** Rows stored so far, and when each tenth of the load was reached. */
    static final class Progress {
        private final long count;
        private final long startNanos;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLongArray tenths = new AtomicLongArray(10);

        Progress(long count, long startNanos) {
            this.count = count;
            this.startNanos = startNanos;
        }

        void add(long rows) {
            if (rows == 0) {
                return;
            }
            long after = done.addAndGet(rows);
            int reached = (int) Math.min(10, after * 10 / count);
            long now = System.nanoTime();
            for (int i = 0; i < reached; i++) {
                tenths.compareAndSet(i, 0, now - startNanos);
            }
        }

        long done() {
            return done.get();
        }
    }

    /** The outcome: rows, seconds, and the rate in each tenth of the load (rows/s), which shows slow-downs as tables grow. */
    record Result(String label, long rows, double seconds, int threads, double[] tenthRates, String cpu) {
        double perSecond() {
            return rows / seconds;
        }

        String tenthRatesText() {
            StringBuilder text = new StringBuilder();
            for (double rate : tenthRates) {
                text.append(text.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", rate));
            }
            return text.toString();
        }
    }

    private ChunkedLoad() {
    }

    static Result run(String label, long count, int chunk, int threads, Duration stall, WorkerFactory factory)
            throws Exception {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                workers.add(factory.create(i));
            }
            // Measured while the workers' connections (and their PostgreSQL backends) are open.
            CpuMeter.Snapshot before = CpuMeter.now();
            Result result = drive(label, count, chunk, workers, stall);
            return new Result(result.label(), result.rows(), result.seconds(), result.threads(), result.tenthRates(),
                    CpuMeter.between(before, CpuMeter.now()));
        } finally {
            for (Worker worker : workers) {
                try {
                    worker.close();
                } catch (Exception e) {
                    progress(label + ": closing a worker failed: " + e);
                }
            }
        }
    }

    private static Result drive(String label, long count, int chunk, List<Worker> workers, Duration stall)
            throws Exception {
        long chunks = (count + chunk - 1) / chunk;
        AtomicLong nextChunk = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        Progress progress = new Progress(count, start);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Thread thread = Thread.ofPlatform().name(label + "-" + i).start(() -> {
                try {
                    for (long c; failure.get() == null && (c = nextChunk.getAndIncrement()) < chunks; ) {
                        long from = c * chunk;
                        worker.load(from, Math.min(count, from + chunk), progress);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            running.add(thread);
        }
        monitor(label, count, running, workers, progress, failure, stall);
        long end = System.nanoTime();
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException(label + " failed after " + progress.done() + " of " + count + " rows: "
                    + failed.getMessage(), failed);
        }
        if (progress.done() != count) {
            throw new IllegalStateException(label + ": " + progress.done() + " rows reported stored, expected " + count);
        }
        return new Result(label, count, (end - start) / 1e9, workers.size(), tenthRates(progress, count), null);
    }

    /** Rows per second within each tenth of the load; NaN for a tenth that took no measurable time. */
    private static double[] tenthRates(Progress progress, long count) {
        double[] rates = new double[10];
        long previous = 0;
        for (int i = 0; i < 10; i++) {
            long at = progress.tenths.get(i);
            long rowsInTenth = (i + 1) * count / 10 - i * count / 10;
            rates[i] = at > previous ? rowsInTenth / ((at - previous) / 1e9) : Double.NaN;
            previous = at;
        }
        return rates;
    }

    /** Waits for the threads, printing progress; on a failure or a stall, aborts every worker so the threads end. */
    private static void monitor(String label, long count, List<Thread> running, List<Worker> workers, Progress progress,
                                AtomicReference<Throwable> failure, Duration stall) throws InterruptedException {
        long lastDone = 0;
        long lastChange = System.nanoTime();
        RateReport report = new RateReport(label, count, lastChange);
        boolean aborted = false;
        long abortedAt = 0;
        for (Thread thread : running) {
            while (thread.isAlive()) {
                if (aborted && System.nanoTime() - abortedAt > Duration.ofSeconds(60).toNanos()) {
                    progress(label + ": a worker did not stop within 60 s of the abort; giving up on it");
                    return;
                }
                thread.join(1_000);
                long now = System.nanoTime();
                long done = progress.done();
                if (done != lastDone) {
                    lastDone = done;
                    lastChange = now;
                }
                if (!aborted && now - lastChange > stall.toNanos()) {
                    failure.compareAndSet(null, new IllegalStateException("no progress for " + stall.toSeconds() + " s"));
                }
                if (!aborted && failure.get() != null) {
                    aborted = true;
                    abortedAt = now;
                    progress(label + ": aborting the workers: " + failure.get().getMessage());
                    workers.forEach(Worker::abort);
                    running.forEach(Thread::interrupt);
                }
                report.printIfDue(done, now);
            }
        }
    }

    /** The progress line printed every 30 s: how far the load is, and its rate since the previous line. */
    private static final class RateReport {
        private final String label;
        private final long count;
        private long lastReport;
        private long reportedDone;

        RateReport(String label, long count, long startNanos) {
            this.label = label;
            this.count = count;
            this.lastReport = startNanos;
        }

        void printIfDue(long done, long now) {
            if (now - lastReport < REPORT_EVERY_NANOS) {
                return;
            }
            progress(String.format(Locale.ROOT, "%s: %,d of %,d (%.0f%%), %.0f rows/s over the last %.0f s, load average %.2f",
                    label, done, count, 100.0 * done / count, (done - reportedDone) / ((now - lastReport) / 1e9),
                    (now - lastReport) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            reportedDone = done;
            lastReport = now;
        }
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}

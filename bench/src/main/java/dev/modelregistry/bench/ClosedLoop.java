package dev.modelregistry.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from N threads in a closed loop (each thread sends its next request when the previous
 * one answered): a warm-up, then a measured window. An operation counts when it completes inside the window;
 * its latency is taken with {@link System#nanoTime()} around the call. The first failure stops every thread
 * and fails the phase, so a failing server can never look fast.
 */
final class ClosedLoop {

    /** One thread's connection and operation; {@link #runOnce} throws when the operation did not succeed. */
    interface Worker extends AutoCloseable {
        void runOnce() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    /** What a phase measured; {@code capped} when it ended at the request bound rather than the clock. */
    record Result(String label, int threads, long operations, double seconds, Latencies latencies, boolean capped) {
        double perSecond() {
            return operations / seconds;
        }
    }

    /** Thrown when an operation failed; the message says which and why. */
    static final class PhaseFailed extends RuntimeException {
        PhaseFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ClosedLoop() {
    }

    static Result run(String label, int threads, Duration warmup, Duration measured, long maxOperations,
                      WorkerFactory factory) throws Exception {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                workers.add(factory.create(i));
            }
            return drive(label, workers, warmup, measured, maxOperations);
        } finally {
            for (Worker worker : workers) {
                worker.close();
            }
        }
    }

    private static Result drive(String label, List<Worker> workers, Duration warmup, Duration measured,
                                long maxOperations) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean capped = new AtomicBoolean();
        AtomicLong issued = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] window = new long[2];
        List<Latencies.Recorder> recorders = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders.add(recorder);
            Thread thread = Thread.ofPlatform().name(label + "-" + i).unstarted(() -> {
                try {
                    go.await();
                    long measureStart = window[0];
                    long measureEnd = window[1];
                    while (!stop.get()) {
                        if (issued.incrementAndGet() > maxOperations) {
                            capped.set(true);
                            return;
                        }
                        long started = System.nanoTime();
                        worker.runOnce();
                        long finished = System.nanoTime();
                        if (finished - measureEnd >= 0) {
                            return;
                        }
                        if (finished - measureStart >= 0) {
                            recorder.record(finished - started);
                            lastCompletion.accumulateAndGet(finished, Math::max);
                        }
                    }
                } catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        stop.set(true);
                    }
                }
            });
            running.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        window[0] = start + warmup.toNanos();
        window[1] = window[0] + measured.toNanos();
        // The latch publishes the window to the threads (happens-before from countDown to await).
        go.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new PhaseFailed(label + " failed after " + issued.get() + " requests: " + failed.getMessage(), failed);
        }
        Latencies latencies = Latencies.merge(recorders);
        if (latencies.count() == 0) {
            throw new PhaseFailed(label + ": nothing completed in the measured window"
                    + (capped.get() ? " (--max-requests reached during the warm-up)" : ""), null);
        }
        long end = capped.get() ? lastCompletion.get() : window[1];
        return new Result(label, workers.size(), latencies.count(), (end - window[0]) / 1e9, latencies, capped.get());
    }
}

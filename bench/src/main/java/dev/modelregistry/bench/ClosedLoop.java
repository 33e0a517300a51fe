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
        Phase phase = new Phase(maxOperations);
        List<Latencies.Recorder> recorders = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders.add(recorder);
            Thread thread = Thread.ofPlatform().name(label + "-" + i).unstarted(() -> phase.loop(worker, recorder));
            running.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        phase.window[0] = start + warmup.toNanos();
        phase.window[1] = phase.window[0] + measured.toNanos();
        // The latch publishes the window to the threads (happens-before from countDown to await).
        phase.go.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        Throwable failed = phase.failure.get();
        if (failed != null) {
            throw new PhaseFailed(label + " failed after " + phase.issued.get() + " requests: " + failed.getMessage(),
                    failed);
        }
        Latencies latencies = Latencies.merge(recorders);
        if (latencies.count() == 0) {
            throw new PhaseFailed(label + ": nothing completed in the measured window"
                    + (phase.capped.get() ? " (--max-requests reached during the warm-up)" : ""), null);
        }
        long end = phase.capped.get() ? phase.lastCompletion.get() : phase.window[1];
        return new Result(label, workers.size(), latencies.count(), (end - phase.window[0]) / 1e9, latencies,
                phase.capped.get());
    }

    /** What the threads of one phase share: the start signal, the measured window, the bound and the first failure. */
    private static final class Phase {
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean capped = new AtomicBoolean();
        final AtomicLong issued = new AtomicLong();
        final AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final long[] window = new long[2];
        private final long maxOperations;

        Phase(long maxOperations) {
            this.maxOperations = maxOperations;
        }

        /** One thread: operations back to back until the window ends, the bound is reached or any thread failed. */
        void loop(Worker worker, Latencies.Recorder recorder) {
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
        }
    }
}

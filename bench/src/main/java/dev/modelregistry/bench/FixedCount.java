package dev.modelregistry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a fixed list of lookups from N threads in a closed loop: each thread takes the next id when its previous
 * lookup answered. The latency of each lookup is taken with {@link System#nanoTime()} around the call only (checking
 * the answer comes after). The first failure stops every thread and fails the run. Bounded by the list.
 */
final class FixedCount {

    /** One thread's connection; {@link #lookup} returns the time the call took and throws when the answer is wrong. */
    interface Worker extends AutoCloseable {
        long lookup(long id) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    record Result(String label, int threads, int lookups, double seconds, Latencies latencies, String cpu) {
        double perSecond() {
            return lookups / seconds;
        }
    }

    private FixedCount() {
    }

    static Result run(String label, int threads, long[] ids, WorkerFactory factory) throws Exception {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                workers.add(factory.create(i));
            }
            CpuMeter.Snapshot before = CpuMeter.now();
            Result result = drive(label, workers, ids);
            return new Result(label, result.threads(), result.lookups(), result.seconds(), result.latencies(),
                    CpuMeter.between(before, CpuMeter.now()));
        } finally {
            for (Worker worker : workers) {
                worker.close();
            }
        }
    }

    private static Result drive(String label, List<Worker> workers, long[] ids) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Latencies.Recorder> recorders = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < workers.size(); t++) {
            Worker worker = workers.get(t);
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders.add(recorder);
            running.add(Thread.ofPlatform().name(label + "-" + t).start(() -> {
                try {
                    for (int i; failure.get() == null && (i = next.getAndIncrement()) < ids.length; ) {
                        recorder.record(worker.lookup(ids[i]));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException(label + " failed: " + failed.getMessage(), failed);
        }
        return new Result(label, workers.size(), ids.length, seconds, Latencies.merge(recorders), null);
    }
}

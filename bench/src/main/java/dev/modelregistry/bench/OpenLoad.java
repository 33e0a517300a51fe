package dev.modelregistry.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * An open-loop load: {@code rate} operations per second started on schedule, each on a virtual thread of its own,
 * whether or not earlier ones have finished (a slow server makes work pile up instead of slowing the offered rate).
 */
final class OpenLoad {
    /** When the load started, how many operations completed and failed, and how long it took to the last answer. */
    record Result(Instant startedAt, long completed, long failures, double elapsedSeconds) {
    }

    private OpenLoad() {
    }

    /** Runs {@code operation(i)} for i = 0, 1, ... at {@code rate}/s for {@code duration}; fails on any failure. */
    static Result run(int rate, Duration duration, IntConsumer operation) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long total = rate * duration.toSeconds();
        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        try (ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
             ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor()) {
            ScheduledFuture<?> schedule = ticks.scheduleAtFixedRate(() -> {
                long i = started.getAndIncrement();
                if (i < total) {
                    work.submit(() -> {
                        try {
                            operation.accept((int) i);
                            completed.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            System.err.println("[bench] operation " + i + " failed: " + e);
                        }
                    });
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            while (started.get() < total) {
                Thread.sleep(10);
            }
            schedule.cancel(false);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + total + " operations failed");
        }
        return new Result(startedAt, completed.get(), failures.get(), (System.nanoTime() - startNanos) / 1e9);
    }
}

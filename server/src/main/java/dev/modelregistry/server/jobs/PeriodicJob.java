package dev.modelregistry.server.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background job of one instance: runs every {@code interval} on its own daemon thread, the first time after
 * {@code initialDelay}. A run that fails is logged and the next one runs as usual, so one bad pass never stops it.
 */
public final class PeriodicJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

    private final ScheduledExecutorService scheduler;

    private PeriodicJob(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** A run of the job; may throw anything, which is logged. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /** First run one interval after start. */
    public static PeriodicJob start(String name, Duration interval, Run run) {
        return start(name, interval, interval, run);
    }

    public static PeriodicJob start(String name, Duration initialDelay, Duration interval, Run run) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("modelreg-" + name).factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (Exception e) {
                LOG.warn("{} failed; it runs again in {}: {}", name, interval, e.toString());
            }
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicJob(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
